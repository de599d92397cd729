package io.campusguard.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.EventIds;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.PanicEvent;
import io.campusguard.hub.TestEvents;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxStreamsTest {
  private static final Instant T = Instant.parse("2026-11-28T08:00:00Z");
  private final OutboxStreams streams = new OutboxStreams();

  /**
   * Verifies that a lane's first batch is looked up, later batches above what was seen are not, and a batch that
   * goes back (a resend, a replay) is, lane by lane: a P0 overtaking a telemetry backlog makes no look-up of the backlog.
   */
  @Test
  void onlyBatchesThatGoBackAreLookedUp() {
    String outbox = EventIds.next();
    assertThat(streams.screen("LP-001", outbox, List.of(reading(1), reading(2)), T).lookUpSeqs()).containsExactly(1L, 2L);
    assertThat(streams.screen("LP-001", outbox, List.of(reading(3), reading(4)), T).needsLookUp()).isFalse();
    assertThat(streams.screen("LP-001", outbox, List.of(panic(10)), T).lookUpSeqs()).containsExactly(10L);
    assertThat(streams.screen("LP-001", outbox, List.of(reading(5), reading(6)), T).needsLookUp()).isFalse();
    assertThat(streams.screen("LP-001", outbox, List.of(reading(4), reading(7)), T).lookUpSeqs()).containsExactly(4L);
  }

  /** Verifies that two ids with one sequence number inside one batch are found without the database. */
  @Test
  void aSequenceTwiceInOneBatchIsReused() {
    EventEnvelope a = reading(3);
    EventEnvelope b = reading(3);
    var verdict = streams.screen("LP-001", EventIds.next(), List.of(a, b), T);

    assertThat(verdict.events()).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(SecurityEventKind.SEQUENCE_REUSED);
      assertThat(e.detail()).contains(a.id(), b.id(), "sequence 3");
    });
    // control: the same event twice (a copy) is not a reuse
    assertThat(streams.screen("LP-002", EventIds.next(), List.of(a, a), T).events()).isEmpty();
  }

  /**
   * Verifies that a newer outbox (a reinstalled gateway) is a declared reset whose look-ups are bounded by its
   * creation time, and that a batch of the older outbox after it is OUTBOX_INTERLEAVED.
   */
  @Test
  void aNewerOutboxResetsAndTheOlderOneComingBackIsInterleaved() {
    String old = EventIds.next();
    String reinstalled = EventIds.next();
    streams.screen("LP-001", old, List.of(reading(500)), T);

    var reset = streams.screen("LP-001", reinstalled, List.of(reading(1)), T);
    assertThat(reset.events()).isEmpty();
    assertThat(reset.lookUpSeqs()).containsExactly(1L);
    assertThat(reset.outboxCreated()).isEqualTo(OutboxStreams.createdAt(reinstalled).orElseThrow());
    assertThat(reset.outboxCreated()).isBetween(Instant.now().minusSeconds(60), Instant.now());

    var back = streams.screen("LP-001", old, List.of(reading(501)), T);
    assertThat(back.events()).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(SecurityEventKind.OUTBOX_INTERLEAVED);
      assertThat(e.detail()).contains(old, reinstalled);
    });
    // a gateway older than the outbox id marks nothing and bounds nothing
    var legacy = streams.screen("LP-001", null, List.of(reading(2)), T);
    assertThat(legacy.events()).isEmpty();
    assertThat(legacy.outboxCreated()).isNull();
  }

  private static EventEnvelope reading(long seq) {
    return TestEvents.event("LP-001", "LP-001-CS-01", seq, CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, 4), T);
  }

  private static EventEnvelope panic(long seq) {
    return TestEvents.event("LP-001", "LP-001-PB-01", seq, new PanicEvent(PanicEvent.Action.PRESSED), T);
  }
}
