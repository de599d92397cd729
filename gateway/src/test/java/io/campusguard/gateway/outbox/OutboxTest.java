package io.campusguard.gateway.outbox;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.CommitAck;
import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.EventIds;
import io.campusguard.devices.EventKind;
import io.campusguard.devices.Priority;
import io.campusguard.devices.Rejection;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.ClassroomHealth;
import io.campusguard.devices.body.EventBody;
import io.campusguard.devices.body.PanicEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The outbox on real SQLite files: lanes, order, bounds, acks, sequence across restarts, unreadable files. */
@Timeout(60)
class OutboxTest {
  static final String CAMPUS = "LP-017";

  @TempDir Path dir;
  private final List<Outbox> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(Outbox::close);
  }

  /** Verifies that reads return P0 before P1, P2, P3, each lane oldest first, bounded by the limit. */
  @Test
  void readsLanesInPriorityOrderOldestFirst() throws Exception {
    Outbox outbox = open(OutboxConfig.at(dir.resolve("o.db")));
    // given events appended telemetry first, alarms last
    EventEnvelope t1 = append(outbox, reading("CS-1", 4.0));
    EventEnvelope bulk = append(outbox, health("PC-1"));
    EventEnvelope t2 = append(outbox, reading("CS-1", 4.5));
    EventEnvelope p0a = append(outbox, panic("PB-1", PanicEvent.Action.PRESSED));
    EventEnvelope p1 = append(outbox, panic("PB-1", PanicEvent.Action.CLEARED));
    EventEnvelope p0b = append(outbox, panic("PB-2", PanicEvent.Action.PRESSED));

    // then sequence numbers follow append order and lanes follow the priority policy
    assertThat(List.of(t1, bulk, t2, p0a, p1, p0b)).extracting(EventEnvelope::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(p0a.priority()).isEqualTo(Priority.P0);
    assertThat(p1.priority()).isEqualTo(Priority.P1);

    // when reading everything, then alarms first
    List<EventEnvelope> all = outbox.next(Map.of(), 100).get(10, SECONDS);
    assertThat(all).extracting(EventEnvelope::id).containsExactly(p0a.id(), p0b.id(), p1.id(), t1.id(), t2.id(), bulk.id());
    // and a bounded read takes the most urgent only
    assertThat(outbox.next(Map.of(), 2).get(10, SECONDS)).extracting(EventEnvelope::id).containsExactly(p0a.id(), p0b.id());
    // and a cursor skips what was read already
    assertThat(outbox.next(Map.of(Priority.P0, p0a.seq(), Priority.P2, t1.seq()), 100).get(10, SECONDS))
        .extracting(EventEnvelope::id)
        .containsExactly(p0b.id(), p1.id(), t2.id(), bulk.id());
    // and what is read back equals what was appended
    assertThat(all.get(0)).isEqualTo(p0a);
    // and room kept for alarms is not filled with telemetry: one alarm of two allowed, two other events of six
    assertThat(outbox.nextStored(Map.of(Priority.P0, p0a.seq()), 8, 2, 2).get(10, SECONDS))
        .extracting(StoredEvent::id).containsExactly(p0b.id(), p1.id(), t1.id());
  }

  /** Verifies that a full telemetry lane drops its oldest events, counts them, and never touches P0. */
  @Test
  void boundedLaneDropsOldestAndCountsButAlarmsAreNeverDropped() throws Exception {
    Outbox outbox = open(OutboxConfig.at(dir.resolve("o.db")).withBounds(3, 2));
    List<EventEnvelope> readings = new ArrayList<>();
    List<EventEnvelope> alarms = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      readings.add(append(outbox, reading("CS-1", i)));
      alarms.add(append(outbox, panic("PB-1", PanicEvent.Action.PRESSED)));
    }
    assertThat(outbox.laneStats().get(Priority.P2).depth()).isEqualTo(3);
    assertThat(outbox.laneStats().get(Priority.P2).dropped()).isEqualTo(7);
    assertThat(outbox.laneStats().get(Priority.P0).depth()).isEqualTo(10);
    assertThat(outbox.laneStats().get(Priority.P0).dropped()).isZero();

    List<EventEnvelope> left = outbox.next(Map.of(), 100).get(10, SECONDS);
    assertThat(left).filteredOn(e -> e.priority() == Priority.P2).extracting(EventEnvelope::id)
        .containsExactly(readings.get(7).id(), readings.get(8).id(), readings.get(9).id());
    assertThat(left).filteredOn(e -> e.priority() == Priority.P0).extracting(EventEnvelope::id)
        .containsExactlyElementsOf(alarms.stream().map(EventEnvelope::id).toList());
  }

  /** Verifies that a commit ack deletes exactly the ids it names and every sequence up to committedUpTo. */
  @Test
  void commitAckDeletesWhatItCoversOnly() throws Exception {
    Outbox outbox = open(OutboxConfig.at(dir.resolve("o.db")));
    List<EventEnvelope> e = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      e.add(append(outbox, i % 2 == 0 ? panic("PB-1", PanicEvent.Action.PRESSED) : reading("CS-1", i)));
    }
    // seq 1..2 by committedUpTo, seq 5 by id
    int deleted = outbox.acknowledge(new CommitAck(CAMPUS, List.of(e.get(4).id()), 2)).get(10, SECONDS);
    assertThat(deleted).isEqualTo(3);
    assertThat(outbox.next(Map.of(), 100).get(10, SECONDS)).extracting(EventEnvelope::seq).containsExactlyInAnyOrder(3L, 4L, 6L);
    assertThat(outbox.laneStats().get(Priority.P0).depth() + outbox.laneStats().get(Priority.P2).depth()).isEqualTo(3);
    // an ack for something already gone changes nothing
    assertThat(outbox.acknowledge(new CommitAck(CAMPUS, List.of(e.get(4).id()), 2)).get(10, SECONDS)).isZero();
  }

  /** Verifies that the sequence survives a restart and is never reused, even when everything was acked. */
  @Test
  void sequenceSurvivesReopenAndIsNeverReused() throws Exception {
    Path file = dir.resolve("o.db");
    Outbox first = open(OutboxConfig.at(file));
    append(first, panic("PB-1", PanicEvent.Action.PRESSED));
    append(first, panic("PB-1", PanicEvent.Action.PRESSED));
    EventEnvelope kept = append(first, reading("CS-1", 3));
    first.acknowledge(new CommitAck(CAMPUS, List.of(), 3)).get(10, SECONDS);
    EventEnvelope waiting = append(first, reading("CS-1", 4));
    first.close();

    Outbox second = open(OutboxConfig.at(file));
    assertThat(second.next(Map.of(), 10).get(10, SECONDS)).containsExactly(waiting);
    assertThat(second.laneStats().get(Priority.P2).depth()).isEqualTo(1);
    EventEnvelope after = append(second, panic("PB-1", PanicEvent.Action.PRESSED));
    assertThat(kept.seq()).isEqualTo(3);
    assertThat(after.seq()).isEqualTo(5);

    // even with an empty outbox the next sequence continues
    second.acknowledge(new CommitAck(CAMPUS, List.of(), 5)).get(10, SECONDS);
    second.close();
    Outbox third = open(OutboxConfig.at(file));
    assertThat(append(third, reading("CS-1", 1)).seq()).isEqualTo(6);
  }

  /**
   * Verifies that the outbox id (the hub's restart marker) is kept across a restart, where the sequence goes on,
   * and that a fresh outbox, whose sequence starts again at 1 as a reinstalled gateway's does, has another one.
   */
  @Test
  void outboxIdSurvivesRestartAndAFreshOutboxHasAnother() throws Exception {
    Path file = dir.resolve("o.db");
    Outbox first = open(OutboxConfig.at(file));
    String id = first.outboxId();
    append(first, panic("PB-1", PanicEvent.Action.PRESSED));
    first.close();

    Outbox restarted = open(OutboxConfig.at(file));
    assertThat(restarted.outboxId()).isEqualTo(id);
    assertThat(append(restarted, panic("PB-1", PanicEvent.Action.PRESSED)).seq()).isEqualTo(2);

    Outbox reinstalled = open(OutboxConfig.at(dir.resolve("reinstalled.db")));
    assertThat(append(reinstalled, panic("PB-1", PanicEvent.Action.PRESSED)).seq()).isEqualTo(1);
    assertThat(reinstalled.outboxId()).isNotEqualTo(id);
    assertThat(io.campusguard.devices.EventIds.isValid(id)).isTrue();
  }

  /** Verifies that an alarm's future completes only when another connection can read it from the file. */
  @Test
  void alarmIsCommittedToTheFileWhenItsFutureCompletes() throws Exception {
    Path file = dir.resolve("o.db");
    Outbox outbox = open(OutboxConfig.at(file));
    List<CompletableFuture<EventEnvelope>> futures = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      futures.add(outbox.append(panic("PB-" + i, PanicEvent.Action.PRESSED), Priority.P0));
    }
    for (CompletableFuture<EventEnvelope> f : futures) {
      EventEnvelope e = f.get(10, SECONDS);
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
          var q = c.prepareStatement("SELECT count(*) FROM events WHERE id = ?")) {
        q.setString(1, e.id());
        try (ResultSet rs = q.executeQuery()) {
          rs.next();
          assertThat(rs.getInt(1)).as("row of %s", e.seq()).isEqualTo(1);
        }
      }
    }
  }

  /** Verifies that an unreadable file is kept byte for byte and a fresh outbox beside it carries on. */
  @Test
  void unreadableFileIsKeptAndAFreshOneIsUsedBesideIt() throws Exception {
    Path file = dir.resolve("o.db");
    byte[] garbage = "this is not an SQLite database, but someone's precious evidence".repeat(100).getBytes(StandardCharsets.UTF_8);
    Files.write(file, garbage);

    Outbox outbox = open(OutboxConfig.at(file));
    assertThat(outbox.unreadableFile()).contains(file.toAbsolutePath());
    assertThat(outbox.file()).isNotEqualTo(file.toAbsolutePath());
    EventEnvelope e = append(outbox, panic("PB-1", PanicEvent.Action.PRESSED));
    // the fresh sequence starts above anything the kept file could hold
    assertThat(e.seq()).isGreaterThan(1_000_000_000_000L);
    outbox.close();
    assertThat(Files.readAllBytes(file)).isEqualTo(garbage);

    // a restart uses the same fresh file, with its events
    Outbox again = open(OutboxConfig.at(file));
    assertThat(again.unreadableFile()).isPresent();
    assertThat(again.next(Map.of(), 10).get(10, SECONDS)).containsExactly(e);

    // control: a healthy file is not reported
    assertThat(open(OutboxConfig.at(dir.resolve("healthy.db"))).unreadableFile()).isEmpty();
  }

  /** Verifies that refused inputs are counted and kept with topic, truncated payload, field and reason. */
  @Test
  void deadLettersAreKeptAndCounted() throws Exception {
    Outbox outbox = open(OutboxConfig.at(dir.resolve("o.db")));
    byte[] huge = new byte[100_000];
    java.util.Arrays.fill(huge, (byte) 'x');
    outbox.deadLetter(DeadLetter.of(Instant.now(), "campus/LP-017/panic/PB-1", "{oops".getBytes(StandardCharsets.UTF_8),
        new Rejection("payload", Rejection.Reason.NOT_JSON, "bad"))).get(10, SECONDS);
    outbox.deadLetter(DeadLetter.of(Instant.now(), "campus/LP-017/panic/PB-2", huge,
        new Rejection("payload", Rejection.Reason.TOO_LARGE, "100000 bytes"))).get(10, SECONDS);
    assertThat(outbox.deadLettersSinceStart()).isEqualTo(2);
    List<DeadLetter> kept = outbox.recentDeadLetters(10).get(10, SECONDS);
    assertThat(kept).extracting(DeadLetter::reason).containsExactly("TOO_LARGE", "NOT_JSON");
    assertThat(kept.get(0).payload()).hasSize(DeadLetter.MAX_PAYLOAD_CHARS);
    assertThat(kept.get(0).payloadBytes()).isEqualTo(100_000);
    assertThat(kept.get(1).payload()).isEqualTo("{oops");
    assertThat(kept.get(1).topic()).isEqualTo("campus/LP-017/panic/PB-1");
  }

  /**
   * Verifies that appending an id that is already stored (a redelivered device publish) writes no second row,
   * takes no sequence number and answers with the envelope stored first, also after a restart.
   */
  @Test
  void sameIdTwiceIsStoredOnceAndAnswersWithTheStoredEnvelope() throws Exception {
    Path file = dir.resolve("o.db");
    Instant[] now = {Instant.parse("2026-11-28T08:00:00Z")};
    Outbox outbox = track(Outbox.open(OutboxConfig.at(file), steppedClock(now)));
    DeviceMessage press = panic("PB-1", PanicEvent.Action.PRESSED);
    String id = EventIds.forDeviceMessage(CAMPUS, "PB-1", press.sourceTs(), "{\"action\":\"pressed\"}".getBytes(StandardCharsets.UTF_8));

    // given the alarm stored once
    EventEnvelope first = outbox.append(press, Priority.P0, id).get(10, SECONDS);
    assertThat(first.id()).isEqualTo(id);

    // when the same publish arrives again, later
    now[0] = now[0].plusSeconds(5);
    EventEnvelope again = outbox.append(press, Priority.P0, id).get(10, SECONDS);

    // then the answer is the stored envelope (same seq, same gatewayTs), and one row holds it
    assertThat(again).isEqualTo(first);
    assertThat(rowsWithId(file, id)).isEqualTo(1);
    assertThat(outbox.laneStats().get(Priority.P0).depth()).isEqualTo(1);
    assertThat(outbox.duplicatesCollapsed()).isEqualTo(1);
    // and the sequence did not move: the next new event follows the first directly
    assertThat(append(outbox, reading("CS-1", 4.0)).seq()).isEqualTo(first.seq() + 1);
    assertThat(outbox.next(Map.of(), 10).get(10, SECONDS)).extracting(EventEnvelope::id).containsOnlyOnce(id);

    // and after a restart (the gateway killed before it acked the broker) the copy still collapses
    outbox.close();
    Outbox reopened = track(Outbox.open(OutboxConfig.at(file), steppedClock(now)));
    assertThat(reopened.append(press, Priority.P0, id).get(10, SECONDS)).isEqualTo(first);
    assertThat(rowsWithId(file, id)).isEqualTo(1);
    assertThat(reopened.duplicatesCollapsed()).isEqualTo(1);

    // control: another id is a new event
    EventEnvelope other = reopened.append(press, Priority.P0, EventIds.next()).get(10, SECONDS);
    assertThat(other.seq()).isEqualTo(first.seq() + 2);
    assertThat(reopened.duplicatesCollapsed()).isEqualTo(1);
  }

  /** Verifies that an expected copy (a second subscription's) collapses like any copy but is not counted. */
  @Test
  void anExpectedCopyCollapsesUncounted() throws Exception {
    Path file = dir.resolve("o.db");
    Outbox outbox = open(OutboxConfig.at(file));
    DeviceMessage press = panic("PB-3", PanicEvent.Action.PRESSED);
    String id = EventIds.forDeviceMessage(CAMPUS, "PB-3", press.sourceTs(), new byte[] {3});
    EventEnvelope first = outbox.append(press, Priority.P0, id).get(10, SECONDS);
    assertThat(outbox.appendExpectedCopy(press, Priority.P0, id).get(10, SECONDS)).isEqualTo(first);
    assertThat(rowsWithId(file, id)).isEqualTo(1);
    assertThat(outbox.duplicatesCollapsed()).isZero();
    // control: an unplanned copy is counted; an expected copy that comes first is stored like any event
    outbox.append(press, Priority.P0, id).get(10, SECONDS);
    assertThat(outbox.duplicatesCollapsed()).isEqualTo(1);
    EventEnvelope other = outbox.appendExpectedCopy(press, Priority.P0, EventIds.next()).get(10, SECONDS);
    assertThat(other.seq()).isEqualTo(first.seq() + 1);
  }

  /** Verifies that copies of one id appended together (one group commit or several) all get the one envelope. */
  @Test
  void copiesAppendedTogetherCollapseToOneEnvelope() throws Exception {
    Path file = dir.resolve("o.db");
    Outbox outbox = open(OutboxConfig.at(file));
    DeviceMessage press = panic("PB-7", PanicEvent.Action.PRESSED);
    String id = EventIds.forDeviceMessage(CAMPUS, "PB-7", press.sourceTs(), new byte[] {1, 2, 3});
    List<CompletableFuture<EventEnvelope>> copies = new ArrayList<>();
    List<CompletableFuture<EventEnvelope>> others = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      copies.add(outbox.append(press, Priority.P0, id));
      others.add(outbox.append(reading("CS-" + i, i), Priority.P2));
    }
    EventEnvelope first = copies.get(0).get(10, SECONDS);
    for (CompletableFuture<EventEnvelope> c : copies) {
      assertThat(c.get(10, SECONDS)).isEqualTo(first);
    }
    assertThat(rowsWithId(file, id)).isEqualTo(1);
    assertThat(outbox.duplicatesCollapsed()).isEqualTo(19);
    // the other events are untouched: 21 distinct sequence numbers in all, without gaps
    List<Long> seqs = new ArrayList<>(List.of(first.seq()));
    for (CompletableFuture<EventEnvelope> o : others) {
      seqs.add(o.get(10, SECONDS).seq());
    }
    assertThat(seqs).doesNotHaveDuplicates().hasSize(21);
    assertThat(seqs.stream().mapToLong(Long::longValue).max().orElseThrow()).isEqualTo(21);
  }

  /**
   * Verifies that a copy arriving after the hub acked its event (and it left the outbox) stores nothing, takes
   * no sequence number, is counted as collapsed and answers with the envelope as it was sent, also after a
   * restart; the next new event follows without a gap.
   */
  @Test
  void aCopyAfterTheAckCollapsesOntoItsTombstone() throws Exception {
    Path file = dir.resolve("o.db");
    Instant[] now = {Instant.parse("2026-11-28T08:00:00Z")};
    Outbox outbox = track(Outbox.open(OutboxConfig.at(file), steppedClock(now)));
    DeviceMessage press = panic("PB-1", PanicEvent.Action.PRESSED);
    String id = EventIds.forDeviceMessage(CAMPUS, "PB-1", press.sourceTs(), new byte[] {42});
    EventEnvelope first = outbox.append(press, Priority.P0, id).get(10, SECONDS);

    // given the hub acked it and it left the outbox
    assertThat(outbox.acknowledge(new CommitAck(CAMPUS, List.of(id), 0)).get(10, SECONDS)).isEqualTo(1);
    assertThat(rowsWithId(file, id)).isZero();

    // when the campus broker delivers the same publish again
    now[0] = now[0].plusSeconds(30);
    EventEnvelope late = outbox.append(press, Priority.P0, id).get(10, SECONDS);

    // then nothing is stored, the answer is the envelope as sent, and the sequence did not move
    assertThat(late).isEqualTo(first);
    assertThat(rowsWithId(file, id)).isZero();
    assertThat(outbox.laneStats().get(Priority.P0).depth()).isZero();
    assertThat(outbox.duplicatesCollapsed()).isEqualTo(1);
    assertThat(outbox.next(Map.of(), 10).get(10, SECONDS)).isEmpty();
    EventEnvelope next = append(outbox, reading("CS-1", 4.0));
    assertThat(next.seq()).isEqualTo(first.seq() + 1);

    // and the tombstone survives a restart; acking by committedUpTo keeps tombstones too
    outbox.acknowledge(new CommitAck(CAMPUS, List.of(), next.seq())).get(10, SECONDS);
    outbox.close();
    Outbox reopened = track(Outbox.open(OutboxConfig.at(file), steppedClock(now)));
    assertThat(reopened.append(press, Priority.P0, id).get(10, SECONDS)).isEqualTo(first);
    assertThat(reopened.duplicatesCollapsed()).isEqualTo(1);
    assertThat(tombstones(file)).isEqualTo(2);
    // control: another id is a new event, right after the last one
    assertThat(reopened.append(press, Priority.P0, EventIds.next()).get(10, SECONDS).seq()).isEqualTo(next.seq() + 1);
  }

  /**
   * Verifies that tombstones are forgotten after their window and beyond their row bound, oldest first, and that
   * a copy later than its tombstone is stored again (the hub's unique id is then the last line).
   */
  @Test
  void tombstonesAreBoundedInTimeAndCount() throws Exception {
    Path file = dir.resolve("o.db");
    Instant[] now = {Instant.parse("2026-11-28T08:00:00Z")};
    OutboxConfig config = OutboxConfig.at(file).withAckedIds(java.time.Duration.ofHours(1), 5);
    Outbox outbox = track(Outbox.open(config, steppedClock(now)));
    List<DeviceMessage> presses = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      DeviceMessage press = panic("PB-" + i, PanicEvent.Action.PRESSED);
      presses.add(press);
      ids.add(EventIds.forDeviceMessage(CAMPUS, "PB-" + i, press.sourceTs(), new byte[] {(byte) i}));
      outbox.append(press, Priority.P0, ids.get(i)).get(10, SECONDS);
      now[0] = now[0].plusSeconds(1);
      // one ack per event, so each tombstone has its own time
      outbox.acknowledge(new CommitAck(CAMPUS, List.of(ids.get(i)), 0)).get(10, SECONDS);
    }
    // the row bound keeps the newest five
    assertThat(tombstones(file)).isEqualTo(5);
    EventEnvelope forgotten = outbox.append(presses.get(0), Priority.P0, ids.get(0)).get(10, SECONDS);
    assertThat(forgotten.seq()).isEqualTo(9);
    outbox.append(presses.get(7), Priority.P0, ids.get(7)).get(10, SECONDS);
    assertThat(outbox.duplicatesCollapsed()).isEqualTo(1);

    // past the window, the next ack round forgets them all but its own
    now[0] = now[0].plus(java.time.Duration.ofHours(2));
    outbox.acknowledge(new CommitAck(CAMPUS, List.of(forgotten.id()), 0)).get(10, SECONDS);
    assertThat(tombstones(file)).isEqualTo(1);
    EventEnvelope again = outbox.append(presses.get(7), Priority.P0, ids.get(7)).get(10, SECONDS);
    assertThat(again.seq()).isEqualTo(10);
    assertThat(outbox.duplicatesCollapsed()).isEqualTo(1);
  }

  private static int tombstones(Path file) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        var q = c.prepareStatement("SELECT count(*) FROM acked");
        ResultSet rs = q.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Verifies that lane stats report the age of the oldest waiting event. */
  @Test
  void laneStatsReportAgeOfOldest() throws Exception {
    Instant[] now = {Instant.parse("2026-11-28T08:00:00Z")};
    Clock clock = new Clock() {
      @Override public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public Instant instant() { return now[0]; }
    };
    Outbox outbox = track(Outbox.open(OutboxConfig.at(dir.resolve("o.db")), clock));
    outbox.append(new DeviceMessage(CAMPUS, "PB-1", EventKind.PANIC, now[0], new PanicEvent(PanicEvent.Action.PRESSED)), Priority.P0)
        .get(10, SECONDS);
    now[0] = now[0].plusSeconds(42);
    assertThat(outbox.laneStats().get(Priority.P0).oldestAgeMs()).isEqualTo(42_000);
    assertThat(outbox.laneStats().get(Priority.P1).oldestAgeMs()).isZero();
  }

  private static int rowsWithId(Path file, String id) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        var q = c.prepareStatement("SELECT count(*) FROM events WHERE id = ?")) {
      q.setString(1, id);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static Clock steppedClock(Instant[] now) {
    return new Clock() {
      @Override public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public Instant instant() { return now[0]; }
    };
  }

  private Outbox open(OutboxConfig config) throws OutboxUnavailableException {
    return track(Outbox.open(config, Clock.systemUTC()));
  }

  private Outbox track(Outbox o) {
    opened.add(o);
    return o;
  }

  static EventEnvelope append(Outbox outbox, DeviceMessage m) throws Exception {
    return outbox.append(m, io.campusguard.devices.PriorityPolicy.of(m.body())).get(10, SECONDS);
  }

  static DeviceMessage panic(String device, PanicEvent.Action action) {
    return message(device, new PanicEvent(action));
  }

  static DeviceMessage reading(String device, double value) {
    return message(device, CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, value));
  }

  static DeviceMessage health(String device) {
    return message(device, new ClassroomHealth(ClassroomHealth.DeviceType.TEACHER_PC, 100, null, null, 90, 0, 0, 40.0, null));
  }

  static DeviceMessage message(String device, EventBody body) {
    return new DeviceMessage(CAMPUS, device, body.kind(), Instant.now().minusSeconds(1), body);
  }
}
