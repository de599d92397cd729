package io.campusguard.hub.security;

import io.campusguard.devices.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiConsumer;

/** {@code GET /api/security-events}: what the hub detected, latest first, for operators and administrators. */
public final class SecurityEventsApi {
  static final int DEFAULT_LIMIT = 200;

  private final SecurityEventStore store;

  public SecurityEventsApi(SecurityEventStore store) {
    this.store = store;
  }

  public void mount(Router r, BiConsumer<RoutingContext, Future<?>> reply) {
    r.get("/api/security-events").handler(ctx -> reply.accept(ctx, list(ctx)));
  }

  private Future<JsonObject> list(RoutingContext ctx) {
    String campus = ctx.request().getParam("campus");
    if (campus != null && !Ids.isValid(campus)) {
      return Future.failedFuture(new IllegalArgumentException("campus: not an allowed id"));
    }
    int limit = DEFAULT_LIMIT;
    String l = ctx.request().getParam("limit");
    if (l != null) {
      try {
        limit = Integer.parseInt(l);
      } catch (NumberFormatException e) {
        return Future.failedFuture(new IllegalArgumentException("limit: not a number"));
      }
      if (limit < 1 || limit > SecurityEventStore.MAX_LIMIT) {
        return Future.failedFuture(new IllegalArgumentException("limit: must be 1.." + SecurityEventStore.MAX_LIMIT));
      }
    }
    return store.recent(campus, limit).map(events -> new JsonObject().put("securityEvents", events));
  }
}
