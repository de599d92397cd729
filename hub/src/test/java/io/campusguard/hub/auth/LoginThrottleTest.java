package io.campusguard.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The login throttle as a table of failures over time, without HTTP. */
class LoginThrottleTest {
  private static final Instant T0 = Instant.parse("2026-12-08T08:00:00Z");

  /** Verifies that an account is held after its limit of failures until the oldest leaves the window, and a success clears it. */
  @Test
  void accountHeldUntilTheWindowPasses() {
    LoginThrottle t = new LoginThrottle(3, 100, Duration.ofMinutes(5));
    for (int i = 0; i < 3; i++) {
      assertThat(t.waitBeforeTrying("10.0.0.1", "op-li", T0.plusSeconds(i))).isEmpty();
      t.failed("10.0.0.1", "op-li", T0.plusSeconds(i));
    }
    assertThat(t.waitBeforeTrying("10.0.0.2", "op-li", T0.plusSeconds(10))).contains(Duration.ofSeconds(290));
    assertThat(t.waitBeforeTrying("10.0.0.2", "op-wang", T0.plusSeconds(10))).as("another account").isEmpty();
    assertThat(t.waitBeforeTrying("10.0.0.2", "op-li", T0.plusSeconds(300))).as("the first failure left the window").isEmpty();
    t.succeeded("op-li");
    assertThat(t.waitBeforeTrying("10.0.0.2", "op-li", T0.plusSeconds(10))).isEmpty();
  }

  /** Verifies that an address guessing many accounts is held, and a success of one account does not free it. */
  @Test
  void addressHeldAcrossAccounts() {
    LoginThrottle t = new LoginThrottle(100, 4, Duration.ofMinutes(1));
    for (int i = 0; i < 4; i++) {
      t.failed("10.0.0.9", "guess-" + i, T0);
    }
    t.succeeded("guess-0");
    assertThat(t.waitBeforeTrying("10.0.0.9", "op-li", T0.plusSeconds(1))).contains(Duration.ofSeconds(59));
    assertThat(t.waitBeforeTrying("10.0.0.8", "op-li", T0.plusSeconds(1))).as("control: another address").isEmpty();
  }
}
