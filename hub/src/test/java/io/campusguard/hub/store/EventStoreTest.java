package io.campusguard.hub.store;

import static io.campusguard.hub.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.EventIds;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestEvents;
import io.campusguard.hub.alarms.AlarmRules;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The event log against the real PostgreSQL: migrations, idempotent commits, committed-up-to and gaps. */
@Timeout(120)
class EventStoreTest {
  private static TestDatabase db;
  private static Vertx vertx;
  private static Database database;
  private static EventStore store;

  @BeforeAll
  static void start() {
    db = new TestDatabase();
    vertx = Vertx.vertx();
    database = await(Database.start(vertx, db.config()));
    store = new EventStore(database.pool(), EventCodec.withDefaults(), Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    if (database != null) {
      await(database.close());
    }
    await(vertx.close());
    db.close();
  }

  /** Verifies that the migrations made every table of the hub's state on an empty database. */
  @Test
  void migrationsCreateTheSchema() {
    long tables = db.count("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN "
        + "('campuses','devices','assets','events','dead_letters','alarms','alarm_history','users','audit_log',"
        + "'sequence_gaps','webhook_deliveries','changes','campus_progress','ts_points')");
    assertThat(tables).isEqualTo(14);
    // control: the partial unique index is there
    assertThat(db.count("SELECT count(*) FROM pg_indexes WHERE indexname = 'alarms_one_active'")).isEqualTo(1);
    // and migrating again applies nothing
    assertThat(Database.migrate(db.config()).migrationsExecuted).isZero();
  }

  /** Verifies that committing the same batch twice stores each event once and reports only the first as new. */
  @Test
  void sameBatchTwiceIsStoredOnce() {
    List<EventEnvelope> events = List.of(
        TestEvents.panic("LP-101", "LP-101-PB-01", 1),
        TestEvents.reading("LP-101", "LP-101-CS-01", 2, 4.5),
        TestEvents.reading("LP-101", "LP-101-CS-01", 3, 4.6));
    Instant now = Instant.now();

    CommitResult first = await(store.commit("LP-101", events, now, AlarmRules::mayRaise));
    CommitResult second = await(store.commit("LP-101", events, now, AlarmRules::mayRaise));

    assertThat(first.newIds()).hasSize(3);
    assertThat(second.newIds()).isEmpty();
    assertThat(second.committedIds()).containsExactlyInAnyOrderElementsOf(first.committedIds()).hasSize(3);
    assertThat(first.committedUpTo()).isEqualTo(3);
    assertThat(second.committedUpTo()).isEqualTo(3);
    assertThat(db.count("SELECT count(*) FROM events WHERE campus_id = 'LP-101'")).isEqualTo(3);
    // only the panic event waits for the alarm engine
    assertThat(db.count("SELECT count(*) FROM events WHERE campus_id = 'LP-101' AND alarm_pending")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM devices WHERE campus_id = 'LP-101'")).isEqualTo(2);
    assertThat(db.count("SELECT count(*) FROM devices WHERE id = 'LP-101-PB-01' AND device_type = 'panic_button'")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM devices WHERE id = 'LP-101-CS-01' AND device_type = 'cold_store_sensor'")).isEqualTo(1);
    // bodies are stored as JSON objects with the body's fields only
    assertThat(db.count("SELECT count(*) FROM events WHERE campus_id = 'LP-101' AND body->>'action' = 'pressed' AND NOT body::jsonb ? 'ts'")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM events WHERE campus_id = 'LP-101' AND (body->>'value')::float8 = 4.6")).isEqualTo(1);
  }

  /** Verifies that a missing seq holds committed-up-to, is recorded as a gap, and is closed when it arrives. */
  @Test
  void gapHoldsCommittedUpToUntilFilled() {
    EventEnvelope one = TestEvents.reading("LP-102", "LP-102-CS-01", 1, 3.0);
    EventEnvelope two = TestEvents.reading("LP-102", "LP-102-CS-01", 2, 3.0);
    EventEnvelope three = TestEvents.reading("LP-102", "LP-102-CS-01", 3, 3.0);
    EventEnvelope four = TestEvents.reading("LP-102", "LP-102-CS-01", 4, 3.0);

    CommitResult withGap = await(store.commit("LP-102", List.of(one, three, four), Instant.now(), e -> false));
    assertThat(withGap.committedUpTo()).isEqualTo(1);
    assertThat(withGap.openGap()).isEqualTo(new CommitResult.SeqRange(2, 2));
    assertThat(db.count("SELECT count(*) FROM sequence_gaps WHERE campus_id = 'LP-102' AND filled_at IS NULL")).isEqualTo(1);

    CommitResult filled = await(store.commit("LP-102", List.of(two), Instant.now(), e -> false));
    assertThat(filled.committedUpTo()).isEqualTo(4);
    assertThat(filled.openGap()).isNull();
    assertThat(db.count("SELECT count(*) FROM sequence_gaps WHERE campus_id = 'LP-102' AND filled_at IS NULL")).isZero();
    assertThat(await(store.committedUpTo("LP-102"))).isEqualTo(4);
  }

  /**
   * Verifies that a reinstalled gateway's new outbox, numbering from 1 again, gets a committed-up-to of its own: the
   * old outbox's 5 must not cover the new outbox's 1..5, most of which the hub has not seen (a gateway trusting it
   * would delete them unsent). Batches that name no outbox keep their own stream too.
   */
  @Test
  void eachOutboxHasItsOwnCommittedUpTo() {
    String old = EventIds.next();
    String fresh = EventIds.next();
    List<EventEnvelope> before = new ArrayList<>();
    for (long seq = 1; seq <= 5; seq++) {
      before.add(TestEvents.reading("LP-108", "LP-108-CS-01", seq, 3.0));
    }
    assertThat(await(store.commit(store.prepare("LP-108", old, before, Instant.now(), e -> false))).committedUpTo()).isEqualTo(5);

    // The new outbox's seq 1 and 3 arrive; 2, 4 and 5 are still in it.
    CommitResult reinstalled = await(store.commit(store.prepare("LP-108", fresh,
        List.of(TestEvents.reading("LP-108", "LP-108-CS-01", 1, 4.0), TestEvents.reading("LP-108", "LP-108-CS-01", 3, 4.0)),
        Instant.now(), e -> false)));
    assertThat(reinstalled.committedUpTo()).isEqualTo(1);
    assertThat(reinstalled.openGap()).isEqualTo(new CommitResult.SeqRange(2, 2));
    assertThat(await(store.committedUpTo("LP-108", old))).isEqualTo(5);
    assertThat(await(store.committedUpTo("LP-108", fresh))).isEqualTo(1);
    assertThat(await(store.committedUpTo("LP-108"))).isZero();
    assertThat(db.count("SELECT count(*) FROM sequence_gaps WHERE campus_id = 'LP-108' AND outbox_id = '" + fresh + "' AND filled_at IS NULL"))
        .isEqualTo(1);
  }

  /**
   * Verifies that a gap right above committed-up-to (such as a dead-lettered event's seq) is recorded and widened as
   * later batches arrive, keeps committed-up-to where it is, and that the run above it is taken at once when the
   * missing seq finally comes.
   */
  @Test
  void lastingGapAboveCommittedUpTo() {
    List<EventEnvelope> events = new java.util.ArrayList<>();
    for (long seq = 1; seq <= 60; seq++) {
      events.add(TestEvents.reading("LP-103", "LP-103-CS-01", seq, 3.0));
    }
    assertThat(await(store.commit("LP-103", events.subList(0, 10), Instant.now(), e -> false)).committedUpTo()).isEqualTo(10);
    // seq 11 never comes with its batch
    CommitResult above = await(store.commit("LP-103", events.subList(11, 30), Instant.now(), e -> false));
    assertThat(above.committedUpTo()).isEqualTo(10);
    assertThat(above.openGap()).isEqualTo(new CommitResult.SeqRange(11, 11));
    CommitResult further = await(store.commit("LP-103", events.subList(30, 60), Instant.now(), e -> false));
    assertThat(further.committedUpTo()).isEqualTo(10);
    assertThat(further.openGap()).isEqualTo(new CommitResult.SeqRange(11, 11));
    assertThat(db.count("SELECT count(*) FROM sequence_gaps WHERE campus_id = 'LP-103' AND filled_at IS NULL")).isEqualTo(1);

    CommitResult filled = await(store.commit("LP-103", events.subList(10, 11), Instant.now(), e -> false));
    assertThat(filled.committedUpTo()).isEqualTo(60);
    assertThat(filled.openGap()).isNull();
    assertThat(db.count("SELECT count(*) FROM sequence_gaps WHERE campus_id = 'LP-103' AND filled_at IS NULL")).isZero();
  }

  /** Verifies that a campus whose first batch starts above seq 1 reports the gap from 1 and commits nothing contiguous. */
  @Test
  void firstBatchAboveOne() {
    CommitResult r = await(store.commit("LP-104", List.of(TestEvents.reading("LP-104", "LP-104-CS-01", 5, 3.0)), Instant.now(), e -> false));
    assertThat(r.committedUpTo()).isZero();
    assertThat(r.openGap()).isEqualTo(new CommitResult.SeqRange(1, 4));
    assertThat(r.newIds()).hasSize(1);
  }
}
