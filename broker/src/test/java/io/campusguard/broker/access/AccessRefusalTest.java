package io.campusguard.broker.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessRefusalTest {
  /** Verifies that a refusal keeps a client's chosen names log-safe, so no log of it (hub or gateway) forges a line. */
  @Test
  void clientChosenNamesAreCleaned() {
    AccessRefusal r = new AccessRefusal(AccessRefusal.Kind.BAD_NAME, "gw\nWARN forged", "u\u001b[2J", "campus/LP-1/panic/\r", "why");
    assertThat(r.clientId()).isEqualTo("gw\\u000AWARN forged");
    assertThat(r.username()).isEqualTo("u\\u001B[2J");
    assertThat(r.topic()).isEqualTo("campus/LP-1/panic/\\u000D");
    // control: a plain refusal is as given
    assertThat(new AccessRefusal(AccessRefusal.Kind.PUBLISH_DENIED, "gw-LP-001-up", "gw-LP-001", "county/LP-002/events", "x").clientId())
        .isEqualTo("gw-LP-001-up");
  }
}
