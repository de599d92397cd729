package io.campusguard.hub.web;

import io.campusguard.devices.Ids;
import io.campusguard.hub.store.AlarmStore;
import io.campusguard.hub.video.DevicePlaces;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.function.BiConsumer;

/**
 * Where devices are (registered by administrators: building, room, linkage group, a camera's national id) and the
 * cameras beside an alarm, with their state and live-view link. Mounted after the body handler.
 */
public final class PlacesApi {
  private final DevicePlaces places;
  private final AlarmStore alarms;
  private final Clock clock;

  public PlacesApi(DevicePlaces places, AlarmStore alarms, Clock clock) {
    this.places = places;
    this.alarms = alarms;
    this.clock = clock;
  }

  public void mount(Router r, BiConsumer<RoutingContext, Future<?>> reply) {
    r.put("/api/devices/:id/place").handler(ctx -> reply.accept(ctx, save(ctx)));
    r.get("/api/alarms/:id/cameras").handler(ctx -> {
      long id;
      try {
        id = Long.parseLong(ctx.pathParam("id"));
      } catch (NumberFormatException e) {
        throw new ApiError(400, "id: not an alarm id");
      }
      reply.accept(ctx, alarms.get(id).compose(a -> {
        if (a.isEmpty()) {
          return Future.failedFuture(new ApiError(404, "no alarm " + id));
        }
        return places.beside(a.get().campus(), a.get().device(), false).map(list -> new JsonObject().put("cameras", list));
      }));
    });
  }

  private Future<JsonObject> save(RoutingContext ctx) {
    String device = ctx.pathParam("id");
    if (!Ids.isValid(device)) {
      throw new ApiError(400, "id: not a device id");
    }
    JsonObject body;
    Buffer b = ctx.body().buffer();
    try {
      body = b == null || b.length() == 0 ? null : b.toJsonObject();
    } catch (DecodeException | ClassCastException e) {
      body = null;
    }
    if (body == null) {
      throw new ApiError(400, "body: a JSON object with campus, building, room, linkageGroup, nationalId");
    }
    String campus = body.getValue("campus") instanceof String s ? s : null;
    if (campus == null || !Ids.isValid(campus)) {
      throw new ApiError(400, "campus: required, a campus id");
    }
    DevicePlaces.Place place;
    try {
      place = new DevicePlaces.Place(device, campus, text(body, "building"), text(body, "room"), text(body, "linkageGroup"), text(body, "nationalId"));
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, e.getMessage());
    }
    return places.save(place, Actor.of(ctx).id(), clock.instant()).map(v -> JsonObject.mapFrom(place));
  }

  private static String text(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v != null && !(v instanceof String)) {
      throw new ApiError(400, field + ": a text");
    }
    return v == null || ((String) v).isBlank() ? null : (String) v;
  }
}
