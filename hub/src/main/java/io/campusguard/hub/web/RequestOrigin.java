package io.campusguard.hub.web;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * How the browser reached the hub: over TLS or not, and under which host (and port). Directly, that is the
 * connection itself. Through a reverse proxy that terminates TLS, the connection is plain HTTP from the proxy
 * and the browser's origin is in {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}; those headers are believed
 * only from the configured proxies' addresses ({@code http.trustedProxies}), since anyone else could send them.
 * Decided once per request, first on the router; the Origin check, the cookie's {@code Secure} and HSTS read it.
 */
public final class RequestOrigin {
  private static final String KEY = "campusguard.origin";

  /** Whether the browser's side is TLS, and the host (with port when not the scheme's default) it named. */
  public record Seen(boolean secure, String authority) {}

  private final Set<String> trustedProxies;

  public RequestOrigin(Set<String> trustedProxies) {
    this.trustedProxies = Set.copyOf(trustedProxies);
  }

  /** The router's first handler. */
  public void handle(RoutingContext ctx) {
    ctx.put(KEY, of(ctx.request()));
    ctx.next();
  }

  Seen of(HttpServerRequest req) {
    String from = req.remoteAddress() == null ? null : req.remoteAddress().hostAddress();
    if (from != null && trustedProxies.contains(from)) {
      String proto = first(req.getHeader("X-Forwarded-Proto"));
      String host = first(req.getHeader("X-Forwarded-Host"));
      boolean secure = proto == null ? req.isSSL() : proto.equalsIgnoreCase("https");
      return new Seen(secure, host == null ? direct(req) : host);
    }
    return new Seen(req.isSSL(), direct(req));
  }

  /** As decided for this request; a request that did not pass {@link #handle} is taken as direct. */
  public static Seen of(RoutingContext ctx) {
    Seen seen = ctx.get(KEY);
    return seen != null ? seen : new Seen(ctx.request().isSSL(), direct(ctx.request()));
  }

  private static String direct(HttpServerRequest req) {
    // The authority, not the Host header: over HTTP/2 it is :authority.
    HostAndPort authority = req.authority();
    if (authority == null) {
      return null;
    }
    String host = authority.host().contains(":") && !authority.host().startsWith("[") ? "[" + authority.host() + "]" : authority.host();
    return authority.port() < 0 ? host : host + ":" + authority.port();
  }

  private static String first(String header) {
    if (header == null) {
      return null;
    }
    String v = header.split(",", 2)[0].trim();
    return v.isEmpty() ? null : v;
  }
}
