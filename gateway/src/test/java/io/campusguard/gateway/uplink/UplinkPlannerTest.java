package io.campusguard.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.CommitAck;
import io.campusguard.gateway.outbox.StoredEvent;
import io.campusguard.devices.EventIds;
import io.campusguard.devices.Priority;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.EventBody;
import io.campusguard.devices.body.PanicEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The uplink's decisions without a broker: batching, window, pacing, resends, acks. */
class UplinkPlannerTest {
  private long seq;

  private static UplinkConfig config(int window, int batch, double rate, Duration ackTimeout) {
    return new UplinkConfig(window, batch, 8, ackTimeout, rate, Duration.ZERO, null, null);
  }

  /** Verifies that P0 travels first and apart from telemetry (alarms waiting together in one batch), telemetry in batches of one lane bounded in size. */
  @Test
  void p0FirstAndApartTelemetryBatched() {
    UplinkPlanner planner = new UplinkPlanner(config(100, 3, 1_000, Duration.ofSeconds(10)), 0);
    planner.reset(0);
    List<StoredEvent> read = List.of(p0(), p0(), p2(), p2(), p2(), p2(), p2(), p3());
    List<List<StoredEvent>> batches = planner.plan(read, 0);
    assertThat(batches).extracting(List::size).containsExactly(2, 3, 2, 1);
    assertThat(batches.get(0)).containsExactlyElementsOf(read.subList(0, 2));
    assertThat(batches.get(0).get(0).priority()).isEqualTo(Priority.P0);
    assertThat(batches.get(3).get(0).priority()).isEqualTo(Priority.P3);
    assertThat(planner.cursors()).containsEntry(Priority.P2, read.get(6).seq()).containsEntry(Priority.P3, read.get(7).seq());
    assertThat(planner.inFlight()).isEqualTo(8);
  }

  /**
   * Verifies that a burst of alarms goes out in batches of at most P0_BATCH_EVENTS, in order, ahead of telemetry,
   * neither paced nor held by the window, and that each batch takes one of the free publish slots.
   */
  @Test
  void aBurstOfAlarmsGoesInBoundedBatchesFirst() {
    UplinkPlanner planner = new UplinkPlanner(config(10, 50, 1, Duration.ofSeconds(10)), 0);
    planner.reset(0);
    List<StoredEvent> read = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      read.add(p0());
    }
    read.add(p2());

    List<List<StoredEvent>> batches = planner.plan(read, 0, 3, 3);

    int cap = UplinkPlanner.P0_BATCH_EVENTS;
    assertThat(batches).extracting(List::size).containsExactly(cap, cap, cap);
    assertThat(batches).allSatisfy(b -> assertThat(b).allMatch(e -> e.priority() == Priority.P0));
    assertThat(batches.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(read.subList(0, 3 * cap));
    assertThat(planner.cursors()).containsEntry(Priority.P0, read.get(3 * cap - 1).seq()).doesNotContainKey(Priority.P2);
    // resent together too, after the timeout
    assertThat(planner.dueForResend(10_000)).extracting(List::size).containsExactly(cap, cap, cap);
  }

  /** Verifies that the window bounds events in flight and acks (ids or committedUpTo) open it again. */
  @Test
  void windowBoundsInFlightUntilAcked() {
    UplinkPlanner planner = new UplinkPlanner(config(3, 10, 1_000, Duration.ofSeconds(10)), 0);
    planner.reset(0);
    List<StoredEvent> read = List.of(p2(), p2(), p2(), p2(), p2());
    assertThat(planner.plan(read, 0)).singleElement().satisfies(b -> assertThat(b).containsExactlyElementsOf(read.subList(0, 3)));
    assertThat(planner.room()).isZero();
    // the cursor stays before what was not taken
    assertThat(planner.cursors()).containsEntry(Priority.P2, read.get(2).seq());
    // a broker PUBACK changes nothing; a commit ack does
    planner.acked(new CommitAck("LP-017", List.of(read.get(2).id()), read.get(0).seq()));
    assertThat(planner.room()).isEqualTo(2);
  }

  /** Verifies that pacing holds telemetry but never P0, and lets telemetry go as tokens flow in. */
  @Test
  void pacingHoldsTelemetryNotAlarms() {
    UplinkPlanner planner = new UplinkPlanner(config(1_000, 2, 2, Duration.ofSeconds(10)), 0);
    planner.reset(0);
    List<StoredEvent> telemetry = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      telemetry.add(p2());
    }
    // burst is max(batch, rate) = 2
    assertThat(planner.plan(telemetry, 0)).flatExtracting(b -> b).hasSize(2);
    StoredEvent alarm = p0();
    assertThat(planner.plan(List.of(alarm), 0)).containsExactly(List.of(alarm));
    assertThat(planner.plan(telemetry.subList(2, 5), 0)).isEmpty();
    // a second later, two more tokens
    assertThat(planner.plan(telemetry.subList(2, 5), 1_000)).flatExtracting(b -> b).containsExactly(telemetry.get(2), telemetry.get(3));
  }

  /** Verifies that after a connect the backlog waits for the jitter, alarms do not. */
  @Test
  void backlogWaitsForReplayJitterAlarmsDoNot() {
    UplinkPlanner planner = new UplinkPlanner(config(1_000, 10, 1_000, Duration.ofSeconds(10)), 0);
    planner.reset(500);
    StoredEvent alarm = p0();
    StoredEvent reading = p2();
    assertThat(planner.plan(List.of(alarm, reading), 100)).containsExactly(List.of(alarm));
    assertThat(planner.plan(List.of(reading), 500)).containsExactly(List.of(reading));
  }

  /** Verifies that unacked events are sent again after the timeout with the same ids, P0 first. */
  @Test
  void unackedEventsAreResentWithSameIds() {
    UplinkPlanner planner = new UplinkPlanner(config(100, 10, 1_000, Duration.ofSeconds(10)), 0);
    planner.reset(0);
    StoredEvent reading = p2();
    StoredEvent alarm = p0();
    planner.plan(List.of(reading), 0);
    planner.plan(List.of(alarm), 1_000);
    assertThat(planner.dueForResend(9_999)).isEmpty();
    assertThat(planner.dueForResend(10_000)).containsExactly(List.of(reading));
    assertThat(planner.dueForResend(11_000)).containsExactly(List.of(alarm));
    planner.acked(new CommitAck("LP-017", List.of(reading.id(), alarm.id()), 0));
    assertThat(planner.dueForResend(60_000)).isEmpty();
  }

  /** Verifies that events whose publish did not start are read again, in order, and a reset forgets the window. */
  @Test
  void unsentEventsAreReadAgainAndResetStartsOver() {
    UplinkPlanner planner = new UplinkPlanner(config(100, 10, 1_000, Duration.ofSeconds(10)), 0);
    planner.reset(0);
    List<StoredEvent> read = List.of(p2(), p2(), p2());
    planner.plan(read, 0);
    planner.returnUnsent(read.subList(1, 3), 0);
    assertThat(planner.cursors()).containsEntry(Priority.P2, read.get(0).seq());
    assertThat(planner.inFlight()).isEqualTo(1);
    planner.reset(0);
    assertThat(planner.cursors()).isEqualTo(Map.of());
    assertThat(planner.room()).isEqualTo(100);
  }

  /** Verifies that a plan never needs more publishes than there are free slots, and leaves the rest for later. */
  @Test
  void planFitsTheFreePublishSlots() {
    UplinkPlanner planner = new UplinkPlanner(config(100, 10, 1_000, Duration.ofSeconds(10)), 0);
    planner.reset(0);
    StoredEvent a = p0();
    StoredEvent b = p0();
    StoredEvent c = p0();
    StoredEvent r1 = p2();
    StoredEvent r2 = p2();
    // one slot: the alarms waiting together take it
    assertThat(planner.plan(List.of(a, b, c, r1, r2), 0, 1)).containsExactly(List.of(a, b, c));
    assertThat(planner.cursors()).containsEntry(Priority.P0, c.seq()).doesNotContainKey(Priority.P2);
    assertThat(planner.plan(List.of(r1, r2), 0, 1)).containsExactly(List.of(r1, r2));
  }

  /** Verifies that a full window holds telemetry but not an alarm, which still counts as in flight. */
  @Test
  void fullWindowHoldsTelemetryNotAlarms() {
    UplinkPlanner planner = new UplinkPlanner(config(2, 10, 1_000, Duration.ofSeconds(10)), 0);
    planner.reset(0);
    List<StoredEvent> first = List.of(p2(), p2());
    assertThat(planner.plan(first, 0)).containsExactly(first);
    assertThat(planner.room()).isZero();

    StoredEvent press = p0();
    StoredEvent reading = p2();
    assertThat(planner.plan(List.of(press, reading), 0)).containsExactly(List.of(press));
    assertThat(planner.inFlight()).isEqualTo(3);
    assertThat(planner.cursors()).containsEntry(Priority.P0, press.seq()).containsEntry(Priority.P2, first.get(1).seq());
  }

  /** Verifies that telemetry keeps to its share of the publish slots while alarms may use them all. */
  @Test
  void telemetryLeavesPublishSlotsToAlarms() {
    UplinkPlanner planner = new UplinkPlanner(config(100, 2, 1_000, Duration.ofSeconds(10)), 0);
    planner.reset(0);
    StoredEvent a = p0();
    StoredEvent b = p0();
    List<StoredEvent> readings = List.of(p2(), p2(), p2(), p2(), p2());
    List<StoredEvent> read = new ArrayList<>(List.of(a, b));
    read.addAll(readings);
    // three slots, telemetry may take one: the two alarms (one batch) and one batch of two readings
    assertThat(planner.plan(read, 0, 3, 1)).containsExactly(List.of(a, b), readings.subList(0, 2));
    // control: with no alarms waiting, telemetry still keeps to its share
    assertThat(planner.plan(readings.subList(2, 5), 0, 3, 1)).containsExactly(readings.subList(2, 4));
  }

  private StoredEvent p0() {
    return envelope(Priority.P0, new PanicEvent(PanicEvent.Action.PRESSED));
  }

  private StoredEvent p2() {
    return envelope(Priority.P2, CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, 4));
  }

  private StoredEvent p3() {
    return envelope(Priority.P3, CanteenReading.of(CanteenReading.Quantity.HUMIDITY, 40));
  }

  private StoredEvent envelope(Priority p, EventBody body) {
    // The planner never looks inside the envelope: no JSON needed
    return new StoredEvent(EventIds.next(), ++seq, p, new byte[0]);
  }
}
