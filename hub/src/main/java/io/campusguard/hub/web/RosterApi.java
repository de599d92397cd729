package io.campusguard.hub.web;

import io.campusguard.hub.notify.NotificationLog;
import io.campusguard.hub.roster.DutyRoster;
import io.campusguard.hub.roster.RosterDocument;
import io.campusguard.hub.roster.RosterStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.function.BiConsumer;

/**
 * The duty roster (read by operators, saved by administrators as a new version, audited) and an alarm's delivery
 * attempts. Mounted after the body handler; who may call what is the route guard's.
 */
public final class RosterApi {
  private final RosterStore store;
  private final NotificationLog notifications;
  private final Clock clock;

  public RosterApi(RosterStore store, NotificationLog notifications, Clock clock) {
    this.store = store;
    this.notifications = notifications;
    this.clock = clock;
  }

  public void mount(Router r, BiConsumer<RoutingContext, Future<?>> reply) {
    r.get("/api/roster").handler(ctx -> reply.accept(ctx, store.current().map(v -> v.map(RosterApi::json)
        .orElseGet(() -> new JsonObject().put("version", 0).putNull("roster")))));
    r.get("/api/roster/versions").handler(ctx -> reply.accept(ctx, store.versions().map(list -> new JsonObject().put("versions", list))));
    r.get("/api/roster/versions/:version").handler(ctx -> {
      int version = version(ctx.pathParam("version"));
      reply.accept(ctx, store.get(version).map(v -> json(v.orElseThrow(() -> new ApiError(404, "no roster version " + version)))));
    });
    r.put("/api/roster").handler(ctx -> reply.accept(ctx, save(ctx)));
    r.get("/api/alarms/:id/notifications").handler(ctx -> {
      long id;
      try {
        id = Long.parseLong(ctx.pathParam("id"));
      } catch (NumberFormatException e) {
        throw new ApiError(400, "id: not an alarm id");
      }
      reply.accept(ctx, notifications.attempts(id).map(list -> new JsonObject().put("attempts", list)));
    });
  }

  private Future<JsonObject> save(RoutingContext ctx) {
    JsonObject body = body(ctx);
    if (!(body.getValue("version") instanceof Integer expected)) {
      throw new ApiError(400, "version: the version edited, a whole number (0 for the first roster)");
    }
    if (!(body.getValue("roster") instanceof JsonObject document)) {
      throw new ApiError(400, "roster: an object with calendar, duties and fallback");
    }
    DutyRoster roster;
    try {
      roster = RosterDocument.parse(document);
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, "roster." + e.getMessage());
    }
    String note = body.getValue("note") instanceof String s ? s : null;
    return store.save(roster, expected, Actor.of(ctx).id(), note, clock.instant())
        .recover(e -> Future.failedFuture(e instanceof RosterStore.StaleRoster ? new ApiError(409, e.getMessage()) : e))
        .map(RosterApi::json);
  }

  static JsonObject json(RosterStore.Version v) {
    return new JsonObject().put("version", v.version()).put("roster", v.document()).put("savedAt", v.savedAt().toString())
        .put("savedBy", v.savedBy()).put("note", v.note());
  }

  private static int version(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new ApiError(400, "version: a whole number");
    }
  }

  private static JsonObject body(RoutingContext ctx) {
    Buffer b = ctx.body().buffer();
    try {
      if (b == null || b.length() == 0) {
        throw new ApiError(400, "body: missing");
      }
      return b.toJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw new ApiError(400, "body: not a JSON object");
    }
  }
}
