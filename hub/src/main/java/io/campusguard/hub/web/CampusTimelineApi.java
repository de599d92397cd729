package io.campusguard.hub.web;

import io.campusguard.devices.Ids;
import io.campusguard.hub.store.CampusTimelineStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;

/** The campus page's timeline: the last 24 hours of one campus, newest first, a bounded page at a time. */
public final class CampusTimelineApi {
  static final Duration WINDOW = Duration.ofHours(24);
  static final int DEFAULT_LIMIT = 50;

  private final CampusTimelineStore store;
  private final Clock clock;

  public CampusTimelineApi(CampusTimelineStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public void mount(Router r, BiConsumer<RoutingContext, Future<?>> reply) {
    r.get("/api/campuses/:id/timeline").handler(ctx -> reply.accept(ctx, timeline(ctx)));
  }

  private Future<JsonObject> timeline(RoutingContext ctx) {
    String campus = ctx.pathParam("id");
    if (!Ids.isValid(campus)) {
      throw new ApiError(400, "id: not an allowed id");
    }
    int limit = DEFAULT_LIMIT;
    String l = ctx.request().getParam("limit");
    if (l != null) {
      try {
        limit = Integer.parseInt(l);
      } catch (NumberFormatException e) {
        throw new ApiError(400, "limit: not a number");
      }
      if (limit < 1 || limit > CampusTimelineStore.MAX_LIMIT) {
        throw new ApiError(400, "limit: must be 1.." + CampusTimelineStore.MAX_LIMIT);
      }
    }
    String b = ctx.request().getParam("before");
    CampusTimelineStore.Cursor before;
    try {
      before = b == null || b.isEmpty() ? null : CampusTimelineStore.Cursor.parse(b);
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, e.getMessage());
    }
    Instant since = clock.instant().minus(WINDOW);
    return store.page(campus, since, before, limit).map(page -> new JsonObject()
        .put("campus", campus).put("since", since.toString())
        .put("entries", new JsonArray(page.entries()))
        .put("next", page.next() == null ? null : page.next().text()));
  }
}
