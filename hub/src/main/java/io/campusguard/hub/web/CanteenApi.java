package io.campusguard.hub.web;

import io.campusguard.devices.Ids;
import io.campusguard.devices.WireNames;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.profile.DeviceProfiles;
import io.campusguard.devices.profile.DeviceType;
import io.campusguard.devices.profile.Threshold;
import io.campusguard.hub.canteen.Excursion;
import io.campusguard.hub.canteen.Excursions;
import io.campusguard.hub.store.AlarmFilter;
import io.campusguard.hub.store.AlarmRows;
import io.campusguard.hub.store.AlarmStore;
import io.campusguard.hub.store.DeviceStore;
import io.campusguard.hub.telemetry.Measurement;
import io.campusguard.hub.telemetry.TimeSeriesStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One campus's canteen for the last 24 hours: its cold-store, freezer and gas sensors with their threshold (from
 * the device profiles) and the excursions beyond it, and its gas alarms. The console draws the series itself from
 * {@code /api/devices/{id}/series}.
 */
public final class CanteenApi {
  static final Duration WINDOW = Duration.ofHours(24);
  /** The sensors charted, each with the quantity it reports. */
  static final Map<DeviceType, CanteenReading.Quantity> CHARTED = Map.of(
      DeviceType.COLD_STORE_SENSOR, CanteenReading.Quantity.COLD_STORE_TEMPERATURE,
      DeviceType.FREEZER_SENSOR, CanteenReading.Quantity.FREEZER_TEMPERATURE,
      DeviceType.GAS_SENSOR, CanteenReading.Quantity.GAS_CONCENTRATION);

  private final DeviceStore devices;
  private final TimeSeriesStore timeSeries;
  private final AlarmStore alarms;
  private final Clock clock;

  public CanteenApi(DeviceStore devices, TimeSeriesStore timeSeries, AlarmStore alarms, Clock clock) {
    this.devices = devices;
    this.timeSeries = timeSeries;
    this.alarms = alarms;
    this.clock = clock;
  }

  public void mount(Router r, BiConsumer<RoutingContext, Future<?>> reply) {
    r.get("/api/canteens/:id").handler(ctx -> reply.accept(ctx, canteen(ctx)));
  }

  private Future<JsonObject> canteen(RoutingContext ctx) {
    String campus = ctx.pathParam("id");
    if (!Ids.isValid(campus)) {
      throw new ApiError(400, "id: not an allowed id");
    }
    Instant now = clock.instant();
    Instant since = now.minus(WINDOW);
    return devices.list(campus).compose(list -> {
      List<Future<JsonObject>> sensors = new ArrayList<>();
      for (Object o : list) {
        JsonObject d = (JsonObject) o;
        DeviceType type = d.getString("deviceType") == null ? null : WireNames.parse(DeviceType.class, d.getString("deviceType")).orElse(null);
        if (type != null && CHARTED.containsKey(type)) {
          sensors.add(sensor(d.getString("id"), type, since));
        }
      }
      Future<List<io.campusguard.hub.alarms.Alarm>> recent = alarms.list(new AlarmFilter(null, false, campus, null, 1000));
      return Future.all(new ArrayList<>(sensors)).compose(done -> recent).map(all -> {
        JsonArray gas = new JsonArray();
        all.stream().filter(a -> a.type().startsWith("gas") && (a.state() != io.campusguard.hub.alarms.AlarmState.RESOLVED || a.openedAt().isAfter(since)))
            .forEach(a -> gas.add(AlarmRows.json(a)));
        JsonArray out = new JsonArray();
        sensors.forEach(f -> out.add(f.result()));
        return new JsonObject().put("campus", campus).put("since", since.toString()).put("until", now.toString())
            .put("sensors", out).put("gasAlarms", gas);
      });
    });
  }

  private Future<JsonObject> sensor(String id, DeviceType type, Instant since) {
    CanteenReading.Quantity quantity = CHARTED.get(type);
    Threshold threshold = DeviceProfiles.of(type).thresholds().get(0);
    return timeSeries.query(Measurement.CANTEEN, id, WireNames.of(quantity), since).map(samples -> {
      List<Excursions.Reading> readings = samples.stream().map(s -> new Excursions.Reading(s.ts(), s.value())).toList();
      JsonArray excursions = new JsonArray();
      for (Excursion e : Excursions.find(readings, threshold)) {
        excursions.add(new JsonObject().put("start", e.start().toString()).put("end", e.end() == null ? null : e.end().toString())
            .put("durationS", e.duration().toSeconds()).put("peak", e.peak()).put("sustained", e.sustained()));
      }
      return new JsonObject().put("id", id).put("type", WireNames.of(type)).put("quantity", WireNames.of(quantity))
          .put("unit", quantity.unit())
          .put("threshold", new JsonObject().put("alarmType", threshold.alarmType()).put("direction", WireNames.of(threshold.direction()))
              .put("limit", threshold.raiseAt()).put("delayS", threshold.raiseAfter().toSeconds()))
          .put("readings", readings.size())
          .put("last", readings.isEmpty() ? null : new JsonObject()
              .put("at", readings.get(readings.size() - 1).ts().toString()).put("value", readings.get(readings.size() - 1).value()))
          .put("excursions", excursions);
    });
  }
}
