package io.campusguard.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campusguard.hub.HubConfig;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Idle and absolute session timeouts, their refresh interval and their validation. */
class SessionTimeoutsTest {
  private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");

  /** Verifies that a session ends after the idle time without requests, and at the absolute time whatever happens. */
  @Test
  void idleAndAbsolute() {
    SessionTimeouts t = new SessionTimeouts(Duration.ofMinutes(10), Duration.ofMinutes(30));
    assertThat(t.live(T0, T0, T0.plus(Duration.ofMinutes(9)))).isTrue();
    assertThat(t.live(T0, T0, T0.plus(Duration.ofMinutes(10)))).isFalse();
    // active a minute ago, but 30 minutes after signing in
    assertThat(t.live(T0, T0.plus(Duration.ofMinutes(29)), T0.plus(Duration.ofMinutes(29).plusSeconds(59)))).isTrue();
    assertThat(t.live(T0, T0.plus(Duration.ofMinutes(29)), T0.plus(Duration.ofMinutes(30)))).isFalse();
  }

  /** Verifies that last-seen is refreshed at most every twentieth of the idle time (capped at a minute). */
  @Test
  void touchedNowAndThen() {
    SessionTimeouts t = new SessionTimeouts(Duration.ofMinutes(10), Duration.ofMinutes(30));
    assertThat(t.touchEvery()).isEqualTo(Duration.ofSeconds(30));
    assertThat(t.shouldTouch(T0, T0.plusSeconds(29))).isFalse();
    assertThat(t.shouldTouch(T0, T0.plusSeconds(30))).isTrue();
    assertThat(SessionTimeouts.defaults().touchEvery()).isEqualTo(Duration.ofMinutes(1));
  }

  /** Verifies that bad timeouts refuse the config, naming the field, and that defaults apply when left out. */
  @Test
  void badConfigNamesTheField() {
    assertThatThrownBy(() -> new HubConfig.Http(null, null, Duration.ofSeconds(1), null))
        .hasMessageStartingWith("http.sessionIdleTimeout:");
    assertThatThrownBy(() -> new HubConfig.Http(null, null, Duration.ofHours(2), Duration.ofHours(1)))
        .hasMessageStartingWith("http.sessionAbsoluteTimeout:");
    HubConfig.Http d = new HubConfig.Http(null, null);
    assertThat(d.sessionTimeouts()).isEqualTo(SessionTimeouts.defaults());
  }
}
