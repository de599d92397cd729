package io.campusguard.hub.web;

import io.campusguard.devices.Ids;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** Decides who a request acts as. The security issue swaps in a session-based one. */
public interface ActorResolver {
  /** Fails with {@link ApiError} (401/403) when the request may not act at all. */
  Future<Actor> resolve(RoutingContext ctx);

  /**
   * Until authentication exists: the {@code X-CampusGuard-User} header when it is a valid id, else
   * {@code operator}. Trusting a header is only acceptable on loopback; it is the one thing the security issue
   * replaces.
   */
  static ActorResolver headerOrOperator() {
    return ctx -> {
      String user = ctx.request().getHeader("X-CampusGuard-User");
      if (user == null) {
        return Future.succeededFuture(new Actor("operator", "operator"));
      }
      if (!Ids.isValid(user)) {
        return Future.failedFuture(new ApiError(400, "X-CampusGuard-User: not an allowed id"));
      }
      return Future.succeededFuture(new Actor(user, "operator"));
    };
  }
}
