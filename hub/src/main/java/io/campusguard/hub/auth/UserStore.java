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

  /** The user when {@code password} is theirs; empty for an unknown user or a wrong password (which take as long). */
  public Future<Optional<User>> authenticate(String id, String password) {
    return pool.preparedQuery("SELECT id, display_name, role, campus_id, password_hash FROM users WHERE id = $1")
        .execute(Tuple.of(id))
        .compose(rows -> {
          Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
          String hash = row == null ? null : row.getString("password_hash");
          byte[] given = password.getBytes(StandardCharsets.UTF_8);
          return work.run(() -> passwords.matches(hash, given))
              .map(ok -> ok && row != null ? Optional.of(user(row)) : Optional.<User>empty());
        });
  }

  public Future<Optional<User>> find(String id) {
    return pool.preparedQuery("SELECT id, display_name, role, campus_id FROM users WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(user(rows.iterator().next())) : Optional.empty());
  }

  public Future<List<User>> list() {
    return pool.query("SELECT id, display_name, role, campus_id FROM users ORDER BY id").execute().map(rows -> {
      List<User> out = new ArrayList<>();
      rows.forEach(r -> out.add(user(r)));
      return out;
    });
  }

  /** Creates a user with a generated password; fails with {@link UserExists} when the id is taken. */
  public Future<Issued> create(User user) {
    String password = passwords.generate();
    return work.run(() -> passwords.hash(password))
        .compose(hash -> pool.preparedQuery("INSERT INTO users (id, display_name, role, campus_id, password_hash) VALUES ($1, $2, $3, $4, $5)")
            .execute(Tuple.of(user.id(), user.displayName(), user.role().wireName(), user.campus(), hash)))
        .recover(e -> Future.failedFuture(isUniqueViolation(e) ? new UserExists(user.id()) : e))
        .map(done -> new Issued(user, password));
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
                    + "ON CONFLICT (id) DO UPDATE SET display_name = $2, role = $3, campus_id = $4, password_hash = $5")
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
          .compose(hash -> pool.preparedQuery("INSERT INTO users (id, display_name, role, campus_id, password_hash) "
                  + "SELECT $1, $2, $3, NULL, $4 WHERE NOT EXISTS (SELECT 1 FROM users)")
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
