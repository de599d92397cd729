package io.campusguard.hub.web;

import io.campusguard.hub.auth.SameOrigin;
import io.campusguard.hub.auth.SecretTokens;
import io.campusguard.hub.auth.SessionStore;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Set;

/**
 * The signed-in session of a request, from its cookie, as the acting user. A state-changing request (POST, PUT,
 * PATCH, DELETE) must also come from the hub's own pages ({@link SameOrigin}) and carry the session's CSRF token in
 * {@value #CSRF_HEADER}; otherwise 403. No session, or one that is over: 401.
 */
public final class SessionAuth implements ActorResolver {
  public static final String COOKIE = "cg_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  static final String SESSION_KEY = "campusguard.session";
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
  /** What a session whose password must be changed may still do. */
  private static final Set<String> PASSWORD_CHANGE_PATHS = Set.of("/api/session", "/api/session/password", "/api/logout");

  private final SessionStore sessions;
  private final Clock clock;

  public SessionAuth(SessionStore sessions, Clock clock) {
    this.sessions = sessions;
    this.clock = clock;
  }

  @Override
  public Future<Actor> resolve(RoutingContext ctx) {
    boolean changesState = !SAFE.contains(ctx.request().method());
    if (changesState && !fromOwnPages(ctx)) {
      return Future.failedFuture(new ApiError(403, notOwnPages(ctx)));
    }
    Cookie cookie = ctx.request().getCookie(COOKIE);
    if (cookie == null) {
      return Future.failedFuture(new ApiError(401, "not signed in"));
    }
    return sessions.find(cookie.getValue(), clock.instant()).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(new ApiError(401, "session over: sign in again"));
      }
      SessionStore.Session s = found.get();
      if (changesState && !SecretTokens.same(s.csrfToken(), ctx.request().getHeader(CSRF_HEADER))) {
        return Future.failedFuture(new ApiError(403, CSRF_HEADER + ": missing or wrong"));
      }
      if (s.mustChangePassword() && !PASSWORD_CHANGE_PATHS.contains(ctx.request().path())) {
        // A generated password (the first administrator's, a new user's, a reset one) is known to whoever read it:
        // nothing but changing it until then.
        return Future.failedFuture(new ApiError(403, "password: change the generated password first (POST /api/session/password)"));
      }
      ctx.put(SESSION_KEY, s);
      return Future.succeededFuture(new Actor(s.user().id(), s.user().role().wireName(), s.user().campus()));
    });
  }

  /**
   * The refusal of a request that does not come from this hub's pages, naming the origin expected (the hub as the
   * browser sees it: the address the request was sent to, or the trusted proxy's forwarded one) and the one received,
   * so a proxy that rewrites {@code Host} is found at once.
   */
  static String notOwnPages(RoutingContext ctx) {
    RequestOrigin.Seen seen = RequestOrigin.of(ctx);
    String sentTo = seen.authority() == null ? "(no Host)" : (seen.secure() ? "https://" : "http://") + seen.authority();
    HttpServerRequest req = ctx.request();
    String origin = req.getHeader("Origin");
    String referer = req.getHeader("Referer");
    // Echoed back to the client only, and cut short: a header is the sender's text.
    String received = origin != null ? "Origin " + shortened(origin)
        : referer != null ? "Referer " + shortened(referer) : "neither Origin nor Referer";
    return "Origin: not this hub's own pages: expected " + sentTo + " (the address this request was sent to; behind a"
        + " proxy, pass Host on unchanged), got " + received;
  }

  private static String shortened(String header) {
    return header.length() <= 200 ? header : header.substring(0, 200) + "…";
  }

  /** Whether the request comes from this hub's own pages, as the browser sees the hub ({@link RequestOrigin}). */
  static boolean fromOwnPages(RoutingContext ctx) {
    RequestOrigin.Seen seen = RequestOrigin.of(ctx);
    if (seen.authority() == null) {
      return false;
    }
    HttpServerRequest req = ctx.request();
    return SameOrigin.check(req.getHeader("Origin"), req.getHeader("Referer"), seen.authority(), seen.secure());
  }

  /** The session cookie: HttpOnly, SameSite=Strict, path /, Secure when served over TLS; no expiry (the hub ends it). */
  static Cookie cookie(String value, boolean tls) {
    return Cookie.cookie(COOKIE, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT).setSecure(tls);
  }

  /** The same cookie, expired: the browser forgets it. */
  static Cookie expired(boolean tls) {
    return cookie("", tls).setMaxAge(0);
  }
}
