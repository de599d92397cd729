package io.campusguard.hub.roster;

import io.campusguard.runtime.config.ConfigException;
import io.campusguard.runtime.config.ConfigLoader;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The roster as administrators edit it: a JSON document ({@code calendar}, {@code duties}, {@code fallback}) read
 * with the same loader as the config files, so a mistake is refused naming its place ({@code duties[3].level}).
 */
public final class RosterDocument {
  private static final ConfigLoader LOADER = new ConfigLoader();

  private RosterDocument() {}

  /** Fails with {@link IllegalArgumentException} whose message starts with the field's path. */
  public static DutyRoster parse(JsonObject document) {
    try {
      // JSON is YAML; no environment overrides for a document edited in the console.
      return LOADER.parse(document.encode(), "CG_ROSTER_UNUSED", Map.of(), DutyRoster.class);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The roster as stored and shown for editing; fields left empty are left out, as an administrator writes them. */
  public static JsonObject json(DutyRoster roster) {
    return (JsonObject) withoutNulls(JsonObject.mapFrom(roster));
  }

  private static Object withoutNulls(Object value) {
    if (value instanceof JsonObject o) {
      JsonObject out = new JsonObject();
      o.forEach(e -> {
        if (e.getValue() != null) {
          out.put(e.getKey(), withoutNulls(e.getValue()));
        }
      });
      return out;
    }
    if (value instanceof io.vertx.core.json.JsonArray a) {
      io.vertx.core.json.JsonArray out = new io.vertx.core.json.JsonArray();
      a.forEach(v -> out.add(withoutNulls(v)));
      return out;
    }
    return value;
  }
}
