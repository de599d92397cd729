package io.campusguard.hub.store;

import io.campusguard.hub.alarms.CampusColour;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** A campus as the county wall shows it: its colour, its link, its active alarms. */
public record CampusStatus(
    String id,
    String name,
    String town,
    String linkState,
    Instant lastHeartbeatAt,
    CampusColour colour,
    int activeP0,
    int activeOther,
    int degradedDevices) {

  public JsonObject json() {
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("town", town)
        .put("linkState", linkState)
        .put("lastHeartbeatAt", AlarmRows.text(lastHeartbeatAt))
        .put("colour", colour.wireName())
        .put("activeP0", activeP0)
        .put("activeOther", activeOther)
        .put("degradedDevices", degradedDevices);
  }
}
