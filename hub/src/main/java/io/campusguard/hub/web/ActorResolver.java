package io.campusguard.hub.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** Decides who a request acts as: {@link SessionAuth}, from the signed-in session. */
public interface ActorResolver {
  /** Fails with {@link ApiError} (401/403) when the request may not act at all. */
  Future<Actor> resolve(RoutingContext ctx);
}
