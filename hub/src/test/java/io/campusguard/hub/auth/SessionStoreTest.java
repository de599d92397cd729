package io.campusguard.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.broker.access.BcryptPasswords;
import io.campusguard.hub.Futures;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.store.Database;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sessions in PostgreSQL under the hub's clock: idle and absolute timeouts, refresh by use, ids never stored. */
@Timeout(60)
class SessionStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");
  private static TestDatabase db;
  private static Vertx vertx;
  private static Database database;
  private static SessionStore sessions;
  private static User user;

  @BeforeAll
  static void start() {
    db = new TestDatabase();
    vertx = Vertx.vertx();
    database = Futures.await(Database.start(vertx, db.config()));
    sessions = new SessionStore(database.pool(), new SessionTimeouts(Duration.ofMinutes(10), Duration.ofMinutes(30)), new SecretTokens());
    user = new User("ss-op", "", Role.OPERATOR, null);
    Futures.await(new UserStore(vertx, database.pool(), new BcryptPasswords(new SecureRandom(), 4)).provision(user));
  }

  @AfterAll
  static void stop() {
    Futures.await(database.close());
    Futures.await(vertx.close());
    db.close();
  }

  /** Verifies that a session unused for the idle time is over (and deleted), while one used in time lives on. */
  @Test
  void idleTimeout() {
    SessionStore.Session idle = Futures.await(sessions.create(user, T0));
    SessionStore.Session used = Futures.await(sessions.create(user, T0));
    assertThat(Futures.await(sessions.find(used.id(), T0.plus(Duration.ofMinutes(9))))).isPresent();

    assertThat(Futures.await(sessions.find(idle.id(), T0.plus(Duration.ofMinutes(10))))).isEmpty();
    assertThat(Futures.await(sessions.find(used.id(), T0.plus(Duration.ofMinutes(18))))).isPresent();
    assertThat(Futures.await(sessions.find(idle.id(), T0))).as("deleted once over, also for an earlier clock").isEmpty();
  }

  /** Verifies that a session used every few minutes still ends at the absolute timeout. */
  @Test
  void absoluteTimeout() {
    SessionStore.Session s = Futures.await(sessions.create(user, T0));
    for (int minute = 5; minute < 30; minute += 5) {
      assertThat(Futures.await(sessions.find(s.id(), T0.plus(Duration.ofMinutes(minute))))).as("minute " + minute).isPresent();
    }
    assertThat(Futures.await(sessions.find(s.id(), T0.plus(Duration.ofMinutes(30))))).isEmpty();
  }

  /** Verifies that the table holds only the SHA-256 of an id, ids are 256-bit and distinct, and junk ids find nothing. */
  @Test
  void idsAreRandomAndOnlyTheirHashIsStored() {
    SessionStore.Session a = Futures.await(sessions.create(user, T0));
    SessionStore.Session b = Futures.await(sessions.create(user, T0));
    assertThat(a.id()).hasSize(43).isNotEqualTo(b.id());
    assertThat(a.csrfToken()).hasSize(43).isNotEqualTo(a.id()).isNotEqualTo(b.csrfToken());
    assertThat(db.count("SELECT count(*) FROM sessions WHERE encode(id_hash, 'escape') LIKE '%" + a.id() + "%'")).isZero();
    assertThat(db.count("SELECT count(*) FROM sessions WHERE id_hash = sha256('" + a.id() + "'::bytea)")).isEqualTo(1);
    assertThat(Futures.await(sessions.find("../../etc/passwd", T0))).isEmpty();
    assertThat(Futures.await(sessions.find(a.id(), T0))).isPresent();
  }
}
