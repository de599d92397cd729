package io.campusguard.hub.web;

import io.vertx.ext.web.RoutingContext;
import java.util.Objects;

/**
 * Who is acting on this request. Resolved once per request by an {@link ActorResolver} (the signed-in session) and
 * read by handlers from here only. {@code campus} is set when the actor sees one campus only (a principal): lists
 * and the change stream are narrowed to it.
 */
public record Actor(String id, String role, String campus) {
  static final String KEY = "campusguard.actor";

  public Actor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(role, "role");
  }

  public Actor(String id, String role) {
    this(id, role, null);
  }

  public static Actor of(RoutingContext ctx) {
    Actor a = ctx.get(KEY);
    if (a == null) {
      throw new IllegalStateException("no actor resolved for this request");
    }
    return a;
  }
}
