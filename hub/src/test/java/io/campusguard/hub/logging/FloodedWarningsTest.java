package io.campusguard.hub.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.event.Level;
import org.slf4j.Marker;

class FloodedWarningsTest {
  /** Verifies that a flood logs its first line, counts the rest, and says how many were held back once the window has passed. */
  @Test
  void aFloodLogsOnceAWindowAndCountsTheRest() {
    AtomicLong now = new AtomicLong(1_000_000);
    Lines lines = new Lines();
    FloodedWarnings warnings = new FloodedWarnings(lines, Duration.ofSeconds(10), clockAt(now));

    for (int i = 0; i < 20_000; i++) {
      warnings.warn("not-committed", "batch {} not committed: {}", i, "Pool closed");
    }
    warnings.warn("ack", "ack {} not published", 7);
    now.addAndGet(10_000);
    warnings.warn("not-committed", "batch {} not committed: {}", 20_000, "Pool closed");

    assertThat(lines.logged).containsExactly(
        "batch 0 not committed: Pool closed",
        "ack 7 not published",
        "…and 19999 more like the last 'not-committed' warning in the 10 s before this one",
        "batch 20000 not committed: Pool closed");
    assertThat(warnings.total("not-committed")).isEqualTo(20_001);
    assertThat(warnings.total("ack")).isEqualTo(1);
    assertThat(warnings.total("other")).isZero();
  }

  private static Clock clockAt(AtomicLong millis) {
    return new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
      }
    };
  }

  /** A logger that keeps its WARN lines, formatted. */
  private static final class Lines extends AbstractLogger {
    final List<String> logged = new ArrayList<>();

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String format, Object[] args, Throwable t) {
      logged.add(MessageFormatter.basicArrayFormat(format, args));
    }

    @Override
    public boolean isTraceEnabled() {
      return false;
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
      return false;
    }

    @Override
    public boolean isDebugEnabled() {
      return false;
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
      return false;
    }

    @Override
    public boolean isInfoEnabled() {
      return false;
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
      return false;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return false;
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
      return false;
    }
  }
}
