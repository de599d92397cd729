package io.campusguard.hub.engine;

import static io.campusguard.hub.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.Priority;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.alarms.AlarmChange;
import io.campusguard.hub.alarms.AlarmSignal;
import io.campusguard.hub.alarms.Escalation;
import io.campusguard.hub.alarms.Lateness;
import io.campusguard.hub.store.AlarmStore;
import io.campusguard.hub.store.Database;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Escalation against the real database, with a clock the test moves instead of waiting. */
@Timeout(60)
class EscalationTimerTest {
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

  /** A clock the test sets. */
  static final class MovableClock extends Clock {
    volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

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
      return now;
    }
  }

  /** Verifies that an unacknowledged alarm is reminded, raised and passed up once per step, and that two timers ticking together escalate once. */
  @Test
  void unacknowledgedAlarmEscalatesOncePerStep() {
    Instant t0 = Instant.now();
    MovableClock clock = new MovableClock(t0);
    AlarmStore store = new AlarmStore(database.pool());
    AlarmSignal raise = new AlarmSignal("LP-611", "LP-611-CAM-01", "camera_offline", Priority.P1, AlarmSignal.Edge.RAISE, t0, null, "", Lateness.ON_TIME);
    long id = await(store.applyEvent(null, List.of(raise), t0)).get(0).alarm().id();

    Escalation policy = new Escalation(Map.of(), new Escalation.Policy(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120)));
    List<AlarmChange> seen = new CopyOnWriteArrayList<>();
    EscalationTimer a = new EscalationTimer(vertx, store, policy, clock, Duration.ofSeconds(1), seen::addAll);
    EscalationTimer b = new EscalationTimer(vertx, store, policy, clock, Duration.ofSeconds(1), seen::addAll);

    await(a.tick());
    assertThat(db.count("SELECT escalation_level FROM alarms WHERE id = " + id)).isZero();

    clock.now = t0.plusSeconds(31);
    await(io.vertx.core.Future.all(a.tick(), b.tick()));
    assertThat(db.count("SELECT escalation_level FROM alarms WHERE id = " + id)).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM alarm_history WHERE alarm_id = " + id + " AND action = 'escalated'")).isEqualTo(1);

    clock.now = t0.plusSeconds(61);
    await(a.tick());
    assertThat(db.count("SELECT count(*) FROM alarms WHERE id = " + id + " AND escalation_level = 2 AND severity = 'P0'")).isEqualTo(1);

    clock.now = t0.plusSeconds(500);
    await(a.tick());
    await(b.tick());
    assertThat(db.count("SELECT escalation_level FROM alarms WHERE id = " + id)).isEqualTo(3);
    assertThat(db.count("SELECT count(*) FROM alarm_history WHERE alarm_id = " + id + " AND action = 'escalated'")).isEqualTo(3);
    assertThat(seen).hasSize(3);
  }
}
