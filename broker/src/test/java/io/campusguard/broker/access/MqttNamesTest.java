package io.campusguard.broker.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Client ids and usernames: wildcards, separators and control characters are refused (CVE-2017-7650). */
class MqttNamesTest {
  /** Verifies the refusals, each naming the field, and that ordinary names pass. */
  @Test
  void refusesWildcardsSeparatorsAndControlCharacters() {
    assertThat(MqttNames.problem("clientId", "cg-gw-up-LP-017")).isEmpty();
    assertThat(MqttNames.problem("clientId", "hub-1a2b.c:d@e")).isEmpty();
    assertThat(MqttNames.problem("clientId", "x".repeat(128))).isEmpty();

    for (String bad : new String[] {"#", "+", "gw/LP-001", "gw-#", "a+b", "a\u0000b", "a\nb", "a\tb", "a\u007fb", "a\u200eb", "x".repeat(129), "", null}) {
      assertThat(MqttNames.problem("username", bad)).as(String.valueOf(bad)).hasValueSatisfying(r -> assertThat(r).startsWith("username:"));
    }
  }
}
