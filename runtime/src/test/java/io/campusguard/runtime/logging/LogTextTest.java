package io.campusguard.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {
  /** Verifies that a forged log line, a terminal escape and a bidi override lose their effect, and ordinary ids stay as they are. */
  @Test
  void controlCharactersAreEscaped() {
    assertThat(LogText.clean("gw-LP-001\n2026-12-08 WARN forged")).isEqualTo("gw-LP-001\\u000A2026-12-08 WARN forged");
    assertThat(LogText.clean("\u001b[31mred")).isEqualTo("\\u001B[31mred");
    assertThat(LogText.clean("a\u202Eb")).isEqualTo("a\\u202Eb");
    assertThat(LogText.clean("x".repeat(500))).hasSize(LogText.MAX_CHARS + 1).endsWith("…");
    // control: ordinary ids and Chinese text are untouched
    assertThat(LogText.clean("county/LP-017/status")).isEqualTo("county/LP-017/status");
    assertThat(LogText.clean("元善镇中心小学")).isEqualTo("元善镇中心小学");
    assertThat(LogText.clean(null)).isNull();
  }
}
