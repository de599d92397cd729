package io.campusguard.hub.engine;

import static io.campusguard.hub.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.codec.EventCodec;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestEvents;
import io.campusguard.hub.alarms.AlarmRules;
import io.campusguard.hub.store.AlarmStore;
import io.campusguard.hub.store.Database;
import io.campusguard.hub.store.EventStore;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Crash recovery of the alarm engine: events committed but never applied are applied by the sweep, once. */
@Timeout(60)
class PendingAlarmSweepTest {
  private static TestDatabase db;
  private static Vertx vertx;
  private static Database database;

  @BeforeAll
  static void start() {
    db = new TestDatabase();
    vertx = Vertx.vertx();
    database = await(Database.start(vertx, db.config()));
  }

  @AfterAll
  static void stop() {
    await(database.close());
    await(vertx.close());
    db.close();
  }

  /** Verifies that a panic stored by a hub that died before applying it opens its alarm on the next sweep, and only once. */
  @Test
  void pendingEventIsAppliedOnce() {
    EventStore events = new EventStore(database.pool(), EventCodec.withDefaults(), Duration.ofSeconds(30));
    // as if a hub committed these and died: stored, marked pending, no alarm
    await(events.commit("LP-601", List.of(TestEvents.panic("LP-601", "LP-601-PB-01", 1), TestEvents.reading("LP-601", "LP-601-CS-01", 2, 4.0)),
        Instant.now(), AlarmRules::mayRaise));
    assertThat(db.count("SELECT count(*) FROM events WHERE campus_id = 'LP-601' AND alarm_pending")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM alarms WHERE campus_id = 'LP-601'")).isZero();

    AlarmWriter writer = new AlarmWriter(new AlarmRules(Duration.ofSeconds(30), c -> false), new AlarmStore(database.pool()),
        new KeyedSequencer(vertx.getOrCreateContext()), Clock.systemUTC(), changes -> {});
    PendingAlarmSweep sweep = new PendingAlarmSweep(vertx, events, writer, Clock.systemUTC(), Duration.ZERO);

    assertThat(await(sweep.sweep())).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM alarms WHERE campus_id = 'LP-601' AND type = 'panic' AND state = 'open'")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM events WHERE campus_id = 'LP-601' AND alarm_pending")).isZero();
    // a second pass finds nothing and changes nothing
    assertThat(await(sweep.sweep())).isZero();
    assertThat(db.count("SELECT occurrences FROM alarms WHERE campus_id = 'LP-601'")).isEqualTo(1);
  }

  /**
   * Verifies that an event this hub's live path still has queued (behind a slow write for the same device) is left
   * to it by the sweep, which applies nothing, and that the live path then opens its alarm once.
   */
  @Test
  void eventStillQueuedInThisHubIsLeftToTheLivePath() {
    EventStore events = new EventStore(database.pool(), EventCodec.withDefaults(), Duration.ofSeconds(30));
    var press = TestEvents.panic("LP-602", "LP-602-PB-01", 1);
    await(events.commit("LP-602", List.of(press), Instant.now(), AlarmRules::mayRaise));
    KeyedSequencer sequencer = new KeyedSequencer(vertx.getOrCreateContext());
    AlarmWriter writer = new AlarmWriter(new AlarmRules(Duration.ofSeconds(30), c -> false), new AlarmStore(database.pool()), sequencer,
        Clock.systemUTC(), changes -> {});
    PendingAlarmSweep sweep = new PendingAlarmSweep(vertx, events, writer, Clock.systemUTC(), Duration.ZERO);
    // a slow write for the same device holds the queue
    Promise<Void> slow = Promise.promise();
    sequencer.submit("LP-602/LP-602-PB-01", slow::future);
    var live = writer.apply(press, Instant.now());

    assertThat(writer.queued(press.id())).isTrue();
    assertThat(await(sweep.sweep())).isZero();
    assertThat(db.count("SELECT count(*) FROM alarms WHERE campus_id = 'LP-602'")).isZero();

    slow.complete();
    await(live);
    assertThat(writer.queued(press.id())).isFalse();
    assertThat(db.count("SELECT count(*) FROM alarms WHERE campus_id = 'LP-602' AND type = 'panic' AND state = 'open'")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM events WHERE campus_id = 'LP-602' AND alarm_pending")).isZero();
  }
}
