package io.campusguard.hub.web;

import io.vertx.ext.web.RoutingContext;
import java.util.Objects;

/**
 * Who is acting on this request. Resolved once per request by an {@link ActorResolver} and read by handlers from
 * here only, so authentication can replace the resolver without touching a handler.
 */
public record Actor(String id, String role) {
  static final String KEY = "campusguard.actor";

  public Actor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(role, "role");
  }

  public static Actor of(RoutingContext ctx) {
    Actor a = ctx.get(KEY);
    if (a == null) {
      throw new IllegalStateException("no actor resolved for this request");
    }
    return a;
  }
}
