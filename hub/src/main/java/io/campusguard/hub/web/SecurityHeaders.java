package io.campusguard.hub.web;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers on every response. The console loads only its own scripts and styles and uPlot from
 * {@code /console/lib/}, all same-origin, so the policy allows {@code 'self'} and nothing inline. uPlot draws on a
 * canvas and sets element styles through the DOM, which style-src does not restrict. {@code same-origin} referrers
 * keep the {@code Origin} header on the console's own POSTs (with {@code no-referrer} browsers send
 * {@code Origin: null}, which the CSRF check refuses). API answers are never stored by caches.
 */
final class SecurityHeaders {
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
      + "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  static void apply(RoutingContext ctx) {
    MultiMap h = ctx.response().headers();
    h.set("Content-Security-Policy", CSP);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "same-origin");
    h.set("X-Frame-Options", "DENY");
    if (RequestOrigin.of(ctx).secure()) {
      // Seen over HTTPS (directly or through a trusted proxy): the browser keeps to HTTPS for this host from now on.
      h.set("Strict-Transport-Security", "max-age=31536000");
    }
    if (ctx.request().path().startsWith("/api/")) {
      h.set("Cache-Control", "no-store");
    }
    ctx.next();
  }
}
