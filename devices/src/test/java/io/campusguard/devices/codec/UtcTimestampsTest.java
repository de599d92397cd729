package io.campusguard.devices.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UtcTimestampsTest {
  private static final long YEAR_0 = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
  private static final long YEAR_9999_END = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
  private static final String MUTATIONS = "0123456789-:.TZtz+ 9x\u0660";

  /** Verifies that every instant as its senders write it (Instant.toString, any precision) is read back exactly, by the fast path. */
  @Test
  void everyCanonicalInstantIsReadBackExactly() {
    qt().forAll(longs().between(YEAR_0, YEAR_9999_END), integers().between(0, 999_999_999), integers().between(0, 3))
        .checkAssert((seconds, nanos, precision) -> {
          int kept = precision == 0 ? 0 : precision == 1 ? nanos / 1_000_000 * 1_000_000 : precision == 2 ? nanos / 1000 * 1000 : nanos;
          Instant t = Instant.ofEpochSecond(seconds, kept);

          assertThat(UtcTimestamps.canonicalUtc(t.toString())).isEqualTo(t);
          assertThat(UtcTimestamps.parse(t.toString())).isEqualTo(t);
        });
  }

  /** Verifies that a canonical time with any one character changed is accepted or refused exactly as OffsetDateTime.parse does. */
  @Test
  void anyOneCharacterChangedBehavesAsJavaTime() {
    qt().forAll(longs().between(YEAR_0, YEAR_9999_END), integers().between(0, 999_999_999), integers().between(0, 29),
            integers().between(0, MUTATIONS.length() - 1))
        .checkAssert((seconds, nanos, at, with) -> {
          String canonical = Instant.ofEpochSecond(seconds, nanos / 1000 * 1000).toString();
          int i = at % canonical.length();
          String mutated = canonical.substring(0, i) + MUTATIONS.charAt(with) + canonical.substring(i + 1);

          assertThat(outcome(() -> UtcTimestamps.parse(mutated))).as(mutated).isEqualTo(outcome(() -> OffsetDateTime.parse(mutated).toInstant()));
        });
  }

  /** Verifies the forms the fast path leaves to java.time, and the impossible dates both refuse. */
  @Test
  void otherFormsAndImpossibleDatesAreJavaTimes() {
    for (String s : new String[] {"2026-11-29T11:20:00+08:00", "2026-11-29T03:20:00.5-01:30", "2026-11-29t03:20:00z", "2026-11-29T03:20Z",
        "2026-02-30T00:00:00Z", "2026-11-29T24:00:00Z", "2026-11-29T23:59:60Z", "2026-11-29T03:20:00.Z", "2026-11-29T03:20:00.1234567890Z",
        "+12026-11-29T03:20:00Z", "2026-13-01T00:00:00Z", "2024-02-29T00:00:00.000000001Z", "2026-11-29T03:20:00ZZ", ""}) {
      assertThat(outcome(() -> UtcTimestamps.parse(s))).as(s).isEqualTo(outcome(() -> OffsetDateTime.parse(s).toInstant()));
    }
    assertThat(UtcTimestamps.parse("2026-11-29T11:20:00+08:00")).isEqualTo(Instant.parse("2026-11-29T03:20:00Z"));
    assertThat(UtcTimestamps.canonicalUtc("2026-11-29T11:20:00+08:00")).isNull();
    assertThat(UtcTimestamps.canonicalUtc("2026-02-30T00:00:00Z")).isNull();
  }

  private static Optional<Instant> outcome(java.util.function.Supplier<Instant> parse) {
    try {
      return Optional.of(parse.get());
    } catch (DateTimeException refused) {
      return Optional.empty();
    }
  }
}
