package io.campusguard.hub.auth;

import io.campusguard.broker.access.BcryptPasswords;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code users} table. Passwords are bcrypt hashes (the broker accounts' {@link BcryptPasswords}); hashing and
 * checking take tens of milliseconds of CPU, so they run on {@link PasswordWork}'s own small pool, never on the
 * event loop nor the shared workers. Passwords are
 * generated here, never chosen: there is no default password anywhere.
 */
public final class UserStore {
  /** The first administrator's id, made at the first start with an empty users table. */
  public static final String FIRST_ADMINISTRATOR = "admin";

  /** A user id is taken already. */
  public static final class UserExists extends RuntimeException {
    public UserExists(String id) {
      super("user " + id + " exists already", null, false, false);
    }
  }

  /** A principal for a campus id the hub has never registered nor heard from: a typo, refused. */
  public static final class UnknownCampus extends RuntimeException {
    public UnknownCampus(String campus) {
      super("campus: " + campus + " is not a campus of this hub (neither registered nor heard from); register it first"
          + " (PUT /api/campuses/" + campus + ") or check the id", null, false, false);
    }
  }

  /** A new user (or a new password) and the generated password, to be shown once. */
  public record Issued(User user, String password) {}

  private final PasswordWork work;
  private final Pool pool;
  private final BcryptPasswords passwords;

  /** Hashing and checking on {@code work}'s own small pool, never the shared workers. */
  public UserStore(PasswordWork work, Pool pool, BcryptPasswords passwords) {
    this.work = work;
    this.pool = pool;
    this.passwords = passwords;
  }

  public UserStore(Vertx vertx, Pool pool, BcryptPasswords passwords) {
    this(new PasswordWork(vertx), pool, passwords);
  }

  /** A user as the administrator sees it: whether disabled, whether its password is a generated one to change. */
  public record Account(User user, boolean disabled, boolean mustChangePassword) {}

  /** A user who signed in: whether it must change its (generated) password before anything else. */
  public record SignedIn(User user, boolean mustChangePassword) {}

  /** The user is not there. */
  public static final class NoSuchUser extends RuntimeException {
    public NoSuchUser(String id) {
      super("no user " + id, null, false, false);
    }
  }

  /**
   * The user when {@code password} is theirs and it is not disabled; empty for an unknown or disabled user or a
   * wrong password (all take as long).
   */
  public Future<Optional<User>> authenticate(String id, String password) {
    return signIn(id, password).map(found -> found.map(SignedIn::user));
  }

  /** As {@link #authenticate}, with whether the password must be changed now. */
  public Future<Optional<SignedIn>> signIn(String id, String password) {
    return pool.preparedQuery("SELECT id, display_name, role, campus_id, password_hash, must_change_password FROM users "
            + "WHERE id = $1 AND disabled_at IS NULL")
        .execute(Tuple.of(id))
        .compose(rows -> {
          Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
          String hash = row == null ? null : row.getString("password_hash");
          byte[] given = password.getBytes(StandardCharsets.UTF_8);
          return work.run(() -> passwords.matches(hash, given))
              .map(ok -> ok && row != null ? Optional.of(new SignedIn(user(row), row.getBoolean("must_change_password")))
                  : Optional.<SignedIn>empty());
        });
  }

  public Future<Optional<User>> find(String id) {
    return pool.preparedQuery("SELECT id, display_name, role, campus_id FROM users WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(user(rows.iterator().next())) : Optional.empty());
  }

  /** Every user with its state, by id. */
  public Future<List<Account>> accounts() {
    return pool.query("SELECT id, display_name, role, campus_id, disabled_at IS NOT NULL AS disabled, must_change_password FROM users ORDER BY id")
        .execute().map(rows -> {
          List<Account> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Account(user(r), r.getBoolean("disabled"), r.getBoolean("must_change_password"))));
          return out;
        });
  }

  /** Sets a password the user chose (after its old one was checked); it need not be changed again. */
  public Future<Void> setPassword(String id, String password) {
    return work.run(() -> passwords.hash(password))
        .compose(hash -> pool.preparedQuery("UPDATE users SET password_hash = $2, must_change_password = false WHERE id = $1")
            .execute(Tuple.of(id, hash)))
        .compose(rows -> rows.rowCount() == 1 ? Future.<Void>succeededFuture() : Future.failedFuture(new NoSuchUser(id)));
  }

  /** A new generated password, to be changed at the next sign-in; the user's sessions end. */
  public Future<Issued> resetPassword(String id) {
    String password = passwords.generate();
    return work.run(() -> passwords.hash(password))
        .compose(hash -> pool.withTransaction(conn -> conn.preparedQuery(
                "UPDATE users SET password_hash = $2, must_change_password = true WHERE id = $1 RETURNING id, display_name, role, campus_id")
            .execute(Tuple.of(id, hash))
            .compose(rows -> {
              if (!rows.iterator().hasNext()) {
                return Future.failedFuture(new NoSuchUser(id));
              }
              User user = user(rows.iterator().next());
              return conn.preparedQuery("DELETE FROM sessions WHERE user_id = $1").execute(Tuple.of(id)).map(v -> new Issued(user, password));
            })));
  }

  /** Disables (or enables again) the user; disabling ends its sessions. */
  public Future<Void> setDisabled(String id, boolean disabled, java.time.Instant now) {
    return pool.withTransaction(conn -> conn.preparedQuery("UPDATE users SET disabled_at = $2 WHERE id = $1")
        .execute(Tuple.of(id, disabled ? io.campusguard.hub.store.SqlTime.odt(now) : null))
        .compose(rows -> rows.rowCount() == 1 ? Future.<Void>succeededFuture() : Future.failedFuture(new NoSuchUser(id)))
        .compose(v -> disabled ? conn.preparedQuery("DELETE FROM sessions WHERE user_id = $1").execute(Tuple.of(id)).<Void>mapEmpty()
            : Future.<Void>succeededFuture()));
  }

  /** Deletes the user (its sessions go with it; the audit log keeps its id). */
  public Future<Void> delete(String id) {
    return pool.preparedQuery("DELETE FROM users WHERE id = $1").execute(Tuple.of(id))
        .compose(rows -> rows.rowCount() == 1 ? Future.<Void>succeededFuture() : Future.failedFuture(new NoSuchUser(id)));
  }

  /** How many administrators can still sign in, {@code except} not counted. */
  public Future<Long> otherActiveAdministrators(String except) {
    return pool.preparedQuery("SELECT count(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL AND id <> $1")
        .execute(Tuple.of(except)).map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<List<User>> list() {
    return pool.query("SELECT id, display_name, role, campus_id FROM users ORDER BY id").execute().map(rows -> {
      List<User> out = new ArrayList<>();
      rows.forEach(r -> out.add(user(r)));
      return out;
    });
  }

  /**
   * Creates a user with a generated password, to be changed at its first sign-in; fails with {@link UserExists}
   * when the id is taken, and with {@link UnknownCampus} when a principal's campus is not in the campuses table
   * (checked in the same statement).
   */
  public Future<Issued> create(User user) {
    String password = passwords.generate();
    return work.run(() -> passwords.hash(password))
        .compose(hash -> pool.preparedQuery("INSERT INTO users (id, display_name, role, campus_id, password_hash, must_change_password)"
                + " SELECT $1, $2, $3, $4, $5, true WHERE $4::text IS NULL OR EXISTS (SELECT 1 FROM campuses WHERE id = $4)")
            .execute(Tuple.of(user.id(), user.displayName(), user.role().wireName(), user.campus(), hash)))
        .recover(e -> Future.failedFuture(isUniqueViolation(e) ? new UserExists(user.id()) : e))
        .compose(rows -> rows.rowCount() == 1 ? Future.succeededFuture(new Issued(user, password))
            : Future.failedFuture(new UnknownCampus(user.campus())));
  }

  /**
   * Creates the user, or gives an existing one this role, campus and a new generated password, ending its
   * sessions (the demo's users, which are re-issued at every demo start).
   */
  public Future<Issued> provision(User user) {
    String password = passwords.generate();
    return work.run(() -> passwords.hash(password))
        .compose(hash -> pool.withTransaction(conn -> conn.preparedQuery(
                "INSERT INTO users (id, display_name, role, campus_id, password_hash) VALUES ($1, $2, $3, $4, $5) "
                    + "ON CONFLICT (id) DO UPDATE SET display_name = $2, role = $3, campus_id = $4, password_hash = $5, "
                    + "must_change_password = false, disabled_at = NULL")
            .execute(Tuple.of(user.id(), user.displayName(), user.role().wireName(), user.campus(), hash))
            .compose(v -> conn.preparedQuery("DELETE FROM sessions WHERE user_id = $1").execute(Tuple.of(user.id())))))
        .map(done -> new Issued(user, password));
  }

  /**
   * At the first start, when no user exists at all: creates the administrator {@value #FIRST_ADMINISTRATOR} with a
   * generated password and returns it (to be shown once). Empty when any user exists, also when another hub
   * instance starting at the same moment made it.
   */
  public Future<Optional<Issued>> createFirstAdministrator() {
    return pool.query("SELECT EXISTS (SELECT 1 FROM users)").execute().compose(rows -> {
      if (rows.iterator().next().getBoolean(0)) {
        return Future.succeededFuture(Optional.empty());
      }
      User admin = new User(FIRST_ADMINISTRATOR, "Administrator", Role.ADMIN, null);
      String password = passwords.generate();
      return work.run(() -> passwords.hash(password))
          .compose(hash -> pool.preparedQuery("INSERT INTO users (id, display_name, role, campus_id, password_hash, must_change_password) "
                  + "SELECT $1, $2, $3, NULL, $4, true WHERE NOT EXISTS (SELECT 1 FROM users)")
              .execute(Tuple.of(admin.id(), admin.displayName(), admin.role().wireName(), hash)))
          .map(done -> done.rowCount() == 1 ? Optional.of(new Issued(admin, password)) : Optional.<Issued>empty())
          .recover(e -> isUniqueViolation(e) ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(e));
    });
  }

  static User user(Row r) {
    return new User(r.getString("id"), r.getString("display_name"), Role.fromWire(r.getString("role")).orElseThrow(), r.getString("campus_id"));
  }

  private static boolean isUniqueViolation(Throwable e) {
    return e instanceof PgException pg && "23505".equals(pg.getSqlState());
  }
}
