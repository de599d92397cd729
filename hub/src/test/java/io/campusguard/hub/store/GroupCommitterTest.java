package io.campusguard.hub.store;

import static io.campusguard.hub.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestEvents;
import io.campusguard.hub.alarms.AlarmRules;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Group commit across campuses against the real PostgreSQL: results per batch, failures kept apart, no deadlocks. */
@Timeout(180)
class GroupCommitterTest {
  private static TestDatabase db;
  private static Vertx vertx;
  private static Database database;
  private static Database otherHub;
  private static EventStore store;
  private static EventStore otherStore;

  @BeforeAll
  static void start() {
    db = new TestDatabase();
    vertx = Vertx.vertx();
    database = await(Database.start(vertx, db.config()));
    otherHub = await(Database.start(vertx, db.config()));
    store = new EventStore(database.pool(), EventCodec.withDefaults(), Duration.ofSeconds(30));
    otherStore = new EventStore(otherHub.pool(), EventCodec.withDefaults(), Duration.ofSeconds(30));
    // The database refuses any event of campus LP-666: a batch it will not take, to prove it harms no other.
    db.update("CREATE FUNCTION refuse_lp666() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        + " RAISE EXCEPTION 'refused for the test'; END $$");
    db.update("CREATE TRIGGER refuse_lp666 BEFORE INSERT ON events FOR EACH ROW WHEN (NEW.campus_id = 'LP-666')"
        + " EXECUTE FUNCTION refuse_lp666()");
  }

  @AfterAll
  static void stop() {
    if (database != null) {
      await(database.close());
    }
    if (otherHub != null) {
      await(otherHub.close());
    }
    await(vertx.close());
    db.close();
  }

  /**
   * Verifies that a long queue behind a commit in flight, when the pool closes under it (a hub stopping under
   * load), ends with every batch failed and none left waiting: each failure is immediate, and completing them by
   * recursion once overflowed the stack and left the rest waiting for ever.
   */
  @Test
  void aClosedPoolFailsEveryWaitingBatchWithoutRecursion() {
    Database closing = await(Database.start(vertx, db.config()));
    EventStore closingStore = new EventStore(closing.pool(), EventCodec.withDefaults(), Duration.ofSeconds(30));
    GroupCommitter committer = new GroupCommitter(closingStore, 1, 1);
    Instant now = Instant.now();
    List<EventStore.PreparedBatch> prepared = new ArrayList<>();
    for (int i = 1; i <= 20_000; i++) {
      prepared.add(closingStore.prepare("LP-540", readings("LP-540", i, i), now, AlarmRules::mayRaise));
    }
    List<Future<CommitResult>> results = onOneContext(() -> {
      List<Future<CommitResult>> out = new ArrayList<>();
      for (EventStore.PreparedBatch b : prepared) {
        out.add(committer.commit(b));
      }
      closing.close();
      return out;
    });
    awaitAll(results);
    assertThat(results).allMatch(Future::isComplete);
    assertThat(results.stream().filter(Future::failed).count()).isGreaterThan(19_000);
  }

  /**
   * Verifies that batches of several campuses committed in one transaction each get their own result: their
   * campus's committed-up-to and gap, new ids only for the first of two members holding the same event, and a device
   * touched by two members left as two commits in a row would leave it.
   */
  @Test
  void oneTransactionManyCampusesResultsPerBatch() {
    Instant now = Instant.now();
    List<EventEnvelope> a = readings("LP-501", 1, 3);
    List<EventEnvelope> b = readings("LP-502", 1, 2);
    List<EventEnvelope> bLater = readings("LP-502", 4, 5); // seq 3 missing: a gap
    EventStore.PreparedBatch pa = prepare("LP-501", a, now);
    EventStore.PreparedBatch pb = prepare("LP-502", b, now);
    EventStore.PreparedBatch pbLater = prepare("LP-502", bLater, now);
    EventStore.PreparedBatch paAgain = prepare("LP-501", a, now);

    List<CommitResult> results = await(store.commitTogether(List.of(pb, pa, pbLater, paAgain)));

    assertThat(results).hasSize(4);
    assertThat(results.get(0).newIds()).containsExactlyInAnyOrderElementsOf(ids(b));
    assertThat(results.get(1).newIds()).containsExactlyInAnyOrderElementsOf(ids(a));
    assertThat(results.get(3).newIds()).as("the same events again: new for the first holder only").isEmpty();
    assertThat(results.get(3).committedIds()).containsExactlyInAnyOrderElementsOf(ids(a));
    assertThat(results.get(1).committedUpTo()).isEqualTo(3);
    assertThat(results.get(1).openGap()).isNull();
    assertThat(results.get(0).committedUpTo()).isEqualTo(2);
    assertThat(results.get(2).committedUpTo()).isEqualTo(2);
    assertThat(results.get(2).openGap()).isEqualTo(new CommitResult.SeqRange(3, 3));
    assertThat(db.count("SELECT count(*) FROM events WHERE campus_id IN ('LP-501', 'LP-502')")).isEqualTo(7);
    assertThat(db.count("SELECT count(*) FROM sequence_gaps WHERE campus_id = 'LP-502' AND filled_at IS NULL")).isEqualTo(1);
    // the device seen in two members (seq 2, then seq 4) keeps the newest report's time
    assertThat(db.count("SELECT count(*) FROM devices WHERE id = 'LP-502-CS-01' AND last_seen_at = '"
        + bLater.get(0).sourceTs() + "'::timestamptz")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM campuses WHERE id IN ('LP-501', 'LP-502')")).isEqualTo(2);
  }

  /** Verifies that batches arriving while a commit is in flight are committed together in the next transaction. */
  @Test
  void batchesWaitingForACommitGoTogether() {
    GroupCommitter committer = new GroupCommitter(store, 1, 10_000);
    List<Future<CommitResult>> done = onOneContext(() -> {
      List<Future<CommitResult>> out = new ArrayList<>();
      // The first goes at once; the others arrive while it is in flight (its result cannot come back before this
      // block ends: it is delivered on this context).
      for (int c = 0; c < 5; c++) {
        String campus = "LP-51" + c;
        out.add(committer.commit(prepare(campus, readings(campus, 1, 10), Instant.now())));
      }
      return out;
    });

    awaitAll(done);
    assertThat(done).allSatisfy(f -> assertThat(f.result().committedUpTo()).isEqualTo(10));
    assertThat(committer.batchesPerCommit()).as("5 batches in 2 transactions").isEqualTo(2.5);
    assertThat(db.count("SELECT count(*) FROM events WHERE campus_id LIKE 'LP-51_'")).isEqualTo(50);
  }

  /**
   * Verifies that a batch the database refuses fails alone: the batches it was grouped with are committed and
   * acked as usual, and nothing of it is stored.
   */
  @Test
  void aRefusedBatchDoesNotTakeItsGroupDown() {
    GroupCommitter committer = new GroupCommitter(store, 1, 10_000);
    List<Future<CommitResult>> done = onOneContext(() -> List.of(
        committer.commit(prepare("LP-520", readings("LP-520", 1, 5), Instant.now())),
        committer.commit(prepare("LP-521", readings("LP-521", 1, 5), Instant.now())),
        committer.commit(prepare("LP-666", readings("LP-666", 1, 5), Instant.now())),
        committer.commit(prepare("LP-522", readings("LP-522", 1, 5), Instant.now()))));

    awaitAll(done);
    assertThat(done.get(0).succeeded()).isTrue();
    assertThat(done.get(1).succeeded()).isTrue();
    assertThat(done.get(2).failed()).isTrue();
    assertThat(done.get(2).cause()).hasMessageContaining("refused for the test");
    assertThat(done.get(3).succeeded()).isTrue();
    assertThat(done.get(3).result().committedUpTo()).isEqualTo(5);
    assertThat(db.count("SELECT count(*) FROM events WHERE campus_id IN ('LP-520', 'LP-521', 'LP-522')")).isEqualTo(15);
    assertThat(db.count("SELECT count(*) FROM events WHERE campus_id = 'LP-666'")).isZero();
    assertThat(db.count("SELECT count(*) FROM campus_progress WHERE campus_id = 'LP-666'")).isZero();
  }

  /**
   * Verifies that two hubs committing the same campuses' batches in opposite orders, many times over and at once,
   * never deadlock (PostgreSQL would abort one of them) and store every event once.
   */
  @Test
  void twoHubsOppositeOrdersNeverDeadlock() {
    List<Future<?>> commits = new ArrayList<>();
    for (int round = 0; round < 20; round++) {
      List<EventStore.PreparedBatch> forward = new ArrayList<>();
      List<EventStore.PreparedBatch> backward = new ArrayList<>();
      for (int c = 0; c < 8; c++) {
        String campus = "LP-53" + c;
        // each campus's devices are all touched by both hubs, and each hub's copy is the same events
        List<EventEnvelope> events = readings(campus, round * 10L + 1, round * 10L + 10);
        forward.add(prepare(campus, events, Instant.now()));
        backward.add(0, prepare(campus, events, Instant.now()));
      }
      commits.add(store.commitTogether(forward));
      commits.add(otherStore.commitTogether(backward));
    }

    try {
      Future.join(commits).otherwiseEmpty().await(120, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("commits did not finish", e);
    }
    assertThat(commits).allSatisfy(f -> assertThat(f.succeeded()).as(String.valueOf(f.cause())).isTrue());
    assertThat(db.count("SELECT count(*) FROM events WHERE campus_id LIKE 'LP-53_'")).isEqualTo(8 * 20 * 10);
    assertThat(db.count("SELECT min(committed_up_to) FROM campus_progress WHERE campus_id LIKE 'LP-53_'")).isEqualTo(200);
  }

  private static <T> T onOneContext(java.util.function.Supplier<T> block) {
    Promise<T> result = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> result.complete(block.get()));
    return await(result.future());
  }

  private static void awaitAll(List<? extends Future<?>> futures) {
    try {
      // join waits for every one, failed or not; each is checked by the test
      Future.join(new ArrayList<>(futures)).otherwiseEmpty().await(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("commits did not finish", e);
    }
  }

  private static EventStore.PreparedBatch prepare(String campus, List<EventEnvelope> events, Instant now) {
    return store.prepare(campus, events, now, AlarmRules::mayRaise);
  }

  /** Readings of seq {@code from..to} from two cold-store sensors, each a millisecond newer than the one before. */
  private static List<EventEnvelope> readings(String campus, long from, long to) {
    List<EventEnvelope> out = new ArrayList<>();
    Instant t0 = Instant.parse("2026-11-28T08:00:00Z");
    for (long seq = from; seq <= to; seq++) {
      out.add(TestEvents.event(campus, campus + "-CS-0" + (seq % 2 + 1), seq,
          io.campusguard.devices.body.CanteenReading.of(io.campusguard.devices.body.CanteenReading.Quantity.COLD_STORE_TEMPERATURE, 4.0),
          t0.plusMillis(seq)));
    }
    return out;
  }

  private static List<String> ids(List<EventEnvelope> events) {
    return events.stream().map(EventEnvelope::id).toList();
  }
}
