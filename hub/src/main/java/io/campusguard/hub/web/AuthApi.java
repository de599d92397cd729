package io.campusguard.hub.web;

import io.campusguard.devices.Ids;
import io.campusguard.hub.auth.AccessPolicy;
import io.campusguard.hub.auth.AuditLog;
import io.campusguard.hub.auth.LoginThrottle;
import io.campusguard.hub.auth.PasswordWork;
import io.campusguard.hub.auth.Role;
import io.campusguard.hub.auth.SessionStore;
import io.campusguard.hub.auth.User;
import io.campusguard.hub.auth.UserStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Signing in and out, the current session, changing one's own password, and the administrator's user management
 * (create, reset a password, disable, enable, delete, end sessions). Every login (succeeded or failed, never with
 * the password), every logout and every change to a user is in the audit log.
 */
public final class AuthApi {
  static final int MAX_BODY_BYTES = 4 * 1024;
  /** A password a person chooses: long enough to resist guessing at the throttle's pace. */
  static final int MIN_CHOSEN_PASSWORD_BYTES = 12;
  private static final String WRONG = "wrong user or password";

  private final UserStore users;
  private final SessionStore sessions;
  private final AuditLog audit;
  private final Clock clock;
  private final Counter loginFailures;
  private final Counter loginsThrottled;
  private final LoginThrottle throttle;

  public AuthApi(UserStore users, SessionStore sessions, AuditLog audit, Clock clock, MeterRegistry metrics) {
    this(users, sessions, audit, clock, metrics, LoginThrottle.defaults());
  }

  public AuthApi(UserStore users, SessionStore sessions, AuditLog audit, Clock clock, MeterRegistry metrics, LoginThrottle throttle) {
    this.throttle = throttle;
    this.loginsThrottled = Counter.builder("cg_logins_throttled_total")
        .description("logins refused with 429 before any password check: too many failures from the address or for the account")
        .register(metrics);
    this.users = users;
    this.sessions = sessions;
    this.audit = audit;
    this.clock = clock;
    this.loginFailures = Counter.builder("cg_login_failures_total").description("console/API logins refused").register(metrics);
  }

  /**
   * {@code POST /api/login}: before the session check, since there is no session yet. A request from another
   * origin is refused before its body is read.
   */
  public void mountLogin(Router r, BiConsumer<RoutingContext, Future<?>> reply) {
    r.post("/api/login").handler(ctx -> {
      if (SessionAuth.fromOwnPages(ctx)) {
        ctx.next();
      } else {
        ctx.fail(new ApiError(403, SessionAuth.notOwnPages(ctx)));
      }
    });
    r.post("/api/login").handler(RequestBodies.bounded(MAX_BODY_BYTES));
    r.post("/api/login").handler(ctx -> reply.accept(ctx, login(ctx)));
  }

  /** The routes that need a session (the route guard decides who may use them). */
  public void mount(Router r, BiConsumer<RoutingContext, Future<?>> reply) {
    r.get("/api/session").handler(ctx -> reply.accept(ctx, Future.succeededFuture(sessionJson(session(ctx)))));
    r.post("/api/logout").handler(ctx -> reply.accept(ctx, logout(ctx)));
    r.get("/api/users").handler(ctx -> reply.accept(ctx, users.accounts().map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(a -> out.add(userJson(a.user()).put("disabled", a.disabled()).put("mustChangePassword", a.mustChangePassword())));
      return new JsonObject().put("users", out);
    })));
    r.post("/api/users").handler(ctx -> reply.accept(ctx, createUser(ctx)));
    r.post("/api/session/password").handler(ctx -> reply.accept(ctx, changeOwnPassword(ctx)));
    r.post("/api/users/:id/password").handler(ctx -> reply.accept(ctx, resetPassword(ctx)));
    r.post("/api/users/:id/disable").handler(ctx -> reply.accept(ctx, setDisabled(ctx, true)));
    r.post("/api/users/:id/enable").handler(ctx -> reply.accept(ctx, setDisabled(ctx, false)));
    r.delete("/api/users/:id/sessions").handler(ctx -> reply.accept(ctx, endSessions(ctx)));
    r.delete("/api/users/:id").handler(ctx -> reply.accept(ctx, deleteUser(ctx)));
  }

  /**
   * The signed-in user's own new password, the old one required (a session left open on a shared desk must not
   * be enough). 12..72 bytes, not the old one. The user's other sessions end; this one stays.
   */
  private Future<JsonObject> changeOwnPassword(RoutingContext ctx) {
    SessionStore.Session s = session(ctx);
    JsonObject body = body(ctx);
    String old = text(body, "oldPassword");
    String next = text(body, "newPassword");
    if (old == null || old.isEmpty()) {
      throw new ApiError(400, "oldPassword: required");
    }
    int bytes = next == null ? 0 : next.getBytes(StandardCharsets.UTF_8).length;
    if (bytes < MIN_CHOSEN_PASSWORD_BYTES || bytes > 72) {
      throw new ApiError(400, "newPassword: " + MIN_CHOSEN_PASSWORD_BYTES + "..72 bytes");
    }
    if (next.chars().anyMatch(Character::isISOControl)) {
      throw new ApiError(400, "newPassword: control characters");
    }
    if (next.equals(old)) {
      throw new ApiError(400, "newPassword: the same as the old one");
    }
    String id = s.user().id();
    String from = from(ctx);
    Optional<Duration> wait = throttle.waitBeforeTrying(from, id, clock.instant());
    if (wait.isPresent()) {
      loginsThrottled.increment();
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      throw new ApiError(429, "too many failed password checks: try again in " + seconds + " s", seconds);
    }
    String cookie = ctx.request().getCookie(SessionAuth.COOKIE).getValue();
    return users.authenticate(id, old).compose(found -> {
      Instant now = clock.instant();
      if (found.isEmpty()) {
        throttle.failed(from, id, now);
        return audit.record(now, id, "user.password.change.failed", "user/" + id, "from " + from)
            .compose(v -> Future.failedFuture(new ApiError(403, "oldPassword: wrong")));
      }
      return users.setPassword(id, next)
          .compose(v -> sessions.endAll(id, cookie))
          .compose(ended -> audit.record(now, id, "user.password.change", "user/" + id, "from " + from + ", other sessions ended: " + ended))
          .map(v -> new JsonObject().put("changed", true));
    });
  }

  /** An administrator gives a user a new generated password (shown once, to be changed at its next sign-in). */
  private Future<JsonObject> resetPassword(RoutingContext ctx) {
    String id = userParam(ctx);
    String by = Actor.of(ctx).id();
    return users.resetPassword(id).recover(AuthApi::notFound)
        .compose(issued -> audit.record(clock.instant(), by, "user.password.reset", "user/" + id, "sessions ended")
            .map(v -> userJson(issued.user()).put("password", issued.password()).put("mustChangePassword", true)));
  }

  private Future<JsonObject> setDisabled(RoutingContext ctx, boolean disabled) {
    String id = userParam(ctx);
    String by = Actor.of(ctx).id();
    Future<Void> allowed = disabled ? keepsAnAdministrator(by, id) : Future.succeededFuture();
    return allowed.compose(v -> users.setDisabled(id, disabled, clock.instant())).recover(AuthApi::notFound)
        .compose(v -> audit.record(clock.instant(), by, disabled ? "user.disable" : "user.enable", "user/" + id, disabled ? "sessions ended" : null))
        .map(v -> new JsonObject().put("id", id).put("disabled", disabled));
  }

  private Future<JsonObject> endSessions(RoutingContext ctx) {
    String id = userParam(ctx);
    String by = Actor.of(ctx).id();
    return users.find(id).compose(u -> u.isPresent() ? sessions.endAll(id, null) : Future.<Integer>failedFuture(new ApiError(404, "no user " + id)))
        .compose(n -> audit.record(clock.instant(), by, "user.sessions.end", "user/" + id, n + " ended").map(v -> new JsonObject().put("ended", n)));
  }

  private Future<JsonObject> deleteUser(RoutingContext ctx) {
    String id = userParam(ctx);
    String by = Actor.of(ctx).id();
    return keepsAnAdministrator(by, id).compose(v -> users.delete(id)).recover(AuthApi::notFound)
        .compose(v -> audit.record(clock.instant(), by, "user.delete", "user/" + id, null))
        .map(v -> new JsonObject().put("deleted", id));
  }

  /** An administrator never disables or deletes itself, nor the last administrator who can sign in. */
  private Future<Void> keepsAnAdministrator(String by, String target) {
    if (by.equals(target)) {
      return Future.failedFuture(new ApiError(409, "user: not your own account (another administrator can)"));
    }
    return users.find(target).compose(u -> {
      if (u.isEmpty() || u.get().role() != Role.ADMIN) {
        return Future.succeededFuture();
      }
      return users.otherActiveAdministrators(target).compose(n -> n > 0 ? Future.<Void>succeededFuture()
          : Future.failedFuture(new ApiError(409, "user: the last administrator who can sign in")));
    });
  }

  private static <T> Future<T> notFound(Throwable e) {
    return Future.failedFuture(e instanceof UserStore.NoSuchUser ? new ApiError(404, e.getMessage()) : e);
  }

  private static String userParam(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!Ids.isValid(id)) {
      throw new ApiError(400, "id: not an allowed id");
    }
    return id;
  }

  private static String from(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
  }

  private Future<JsonObject> login(RoutingContext ctx) {
    JsonObject body = body(ctx);
    String id = text(body, "user");
    String password = text(body, "password");
    if (id == null || !Ids.isValid(id)) {
      throw new ApiError(400, "user: not an allowed id");
    }
    int bytes = password == null ? 0 : password.getBytes(StandardCharsets.UTF_8).length;
    if (bytes == 0 || bytes > 72) {
      throw new ApiError(400, "password: 1..72 bytes");
    }
    String from = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
    Optional<Duration> wait = throttle.waitBeforeTrying(from, id, clock.instant());
    if (wait.isPresent()) {
      // Refused before the password is checked: a guessing loop costs no bcrypt.
      loginsThrottled.increment();
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      throw new ApiError(429, "too many failed logins: try again in " + seconds + " s", seconds);
    }
    Cookie old = ctx.request().getCookie(SessionAuth.COOKIE);
    return users.signIn(id, password).recover(e -> Future.failedFuture(e instanceof PasswordWork.Busy
            ? new ApiError(503, "too many logins at once: try again", 1) : e))
        .compose(found -> {
      Instant now = clock.instant();
      if (found.isEmpty()) {
        throttle.failed(from, id, now);
        loginFailures.increment();
        return audit.record(now, id, "login.failed", "user/" + id, "from " + from)
            .compose(v -> Future.failedFuture(new ApiError(401, WRONG)));
      }
      User user = found.get().user();
      boolean mustChange = found.get().mustChangePassword();
      throttle.succeeded(user.id());
      // Always a new session id at login; a session the browser still had is ended, never reused.
      Future<Void> ended = old == null ? Future.succeededFuture() : sessions.delete(old.getValue());
      return ended.compose(v -> sessions.create(user, now, mustChange))
          .compose(s -> audit.record(now, user.id(), "login", "user/" + user.id(), "from " + from).map(v -> {
            ctx.response().addCookie(SessionAuth.cookie(s.id(), RequestOrigin.of(ctx).secure()));
            return sessionJson(s);
          }));
    });
  }

  private Future<JsonObject> logout(RoutingContext ctx) {
    SessionStore.Session s = session(ctx);
    Cookie cookie = ctx.request().getCookie(SessionAuth.COOKIE);
    return sessions.delete(cookie.getValue())
        .compose(v -> audit.record(clock.instant(), s.user().id(), "logout", "user/" + s.user().id(), null))
        .map(v -> {
          ctx.response().addCookie(SessionAuth.expired(RequestOrigin.of(ctx).secure()));
          return new JsonObject().put("signedOut", true);
        });
  }

  private Future<JsonObject> createUser(RoutingContext ctx) {
    JsonObject body = body(ctx);
    Role role = Role.fromWire(text(body, "role"))
        .orElseThrow(() -> new ApiError(400, "role: one of operator, principal, it, admin"));
    User user;
    try {
      user = new User(text(body, "id"), text(body, "displayName"), role, text(body, "campus"));
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, e.getMessage());
    }
    String by = Actor.of(ctx).id();
    return users.create(user)
        .recover(e -> Future.failedFuture(e instanceof UserStore.UserExists ? new ApiError(409, e.getMessage())
            : e instanceof UserStore.UnknownCampus ? new ApiError(400, e.getMessage()) : e))
        .compose(issued -> audit.record(clock.instant(), by, "user.create", "user/" + user.id(), "role " + role.wireName()
                + (user.campus() == null ? "" : ", campus " + user.campus()))
            .map(v -> {
              // The password is shown this once; only its hash is kept.
              return userJson(user).put("password", issued.password()).put("mustChangePassword", true);
            }));
  }

  private static SessionStore.Session session(RoutingContext ctx) {
    SessionStore.Session s = ctx.get(SessionAuth.SESSION_KEY);
    if (s == null) {
      throw new ApiError(401, "not signed in");
    }
    return s;
  }

  private static JsonObject sessionJson(SessionStore.Session s) {
    JsonArray may = new JsonArray();
    AccessPolicy.grants(s.user().role()).forEach(c -> may.add(c.name()));
    return userJson(s.user()).put("csrfToken", s.csrfToken()).put("may", may).put("mustChangePassword", s.mustChangePassword());
  }

  private static JsonObject userJson(User u) {
    return new JsonObject().put("id", u.id()).put("displayName", u.displayName()).put("role", u.role().wireName()).put("campus", u.campus());
  }

  private static JsonObject body(RoutingContext ctx) {
    Buffer b = ctx.body().buffer();
    if (b == null || b.length() == 0) {
      throw new ApiError(400, "body: a JSON object is required");
    }
    try {
      return b.toJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw new ApiError(400, "body: not a JSON object");
    }
  }

  private static String text(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v != null && !(v instanceof String)) {
      throw new ApiError(400, field + ": not a string");
    }
    return (String) v;
  }
}
