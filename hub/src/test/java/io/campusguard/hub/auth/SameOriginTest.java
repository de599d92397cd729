package io.campusguard.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Origin/Referer check of state-changing requests. */
class SameOriginTest {

  /** Verifies that the hub's own origin passes, by Origin or else by Referer, with or without default ports. */
  @Test
  void ownOriginPasses() {
    assertThat(SameOrigin.check("http://127.0.0.1:8080", null, "127.0.0.1:8080", false)).isTrue();
    assertThat(SameOrigin.check(null, "http://127.0.0.1:8080/console/#/alarms", "127.0.0.1:8080", false)).isTrue();
    assertThat(SameOrigin.check("https://hub.example", null, "hub.example", true)).isTrue();
    assertThat(SameOrigin.check("https://HUB.example:443", null, "hub.example", true)).isTrue();
  }

  /** Verifies that a foreign origin, another port, "null", junk and no header at all are refused. */
  @Test
  void othersAreRefused() {
    assertThat(SameOrigin.check("http://evil.example", null, "127.0.0.1:8080", false)).isFalse();
    assertThat(SameOrigin.check("http://127.0.0.1:9090", null, "127.0.0.1:8080", false)).isFalse();
    // Origin decides when present, even if Referer would pass
    assertThat(SameOrigin.check("http://evil.example", "http://127.0.0.1:8080/", "127.0.0.1:8080", false)).isFalse();
    assertThat(SameOrigin.check("null", null, "127.0.0.1:8080", false)).isFalse();
    assertThat(SameOrigin.check(null, null, "127.0.0.1:8080", false)).isFalse();
    assertThat(SameOrigin.check("javascript:alert(1)", null, "127.0.0.1:8080", false)).isFalse();
    assertThat(SameOrigin.check("http://127.0.0.1:8080@evil.example", null, "127.0.0.1:8080", false)).isFalse();
    assertThat(SameOrigin.check("http://127.0.0.1:8080", null, null, false)).isFalse();
  }
}
