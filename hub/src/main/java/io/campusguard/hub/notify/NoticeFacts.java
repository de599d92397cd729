package io.campusguard.hub.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * What a notice says besides the alarm itself: the campus's name and town, the device's name, building and room
 * (one query), and the alarm type's Chinese name, taken from the console's own zh-CN texts so both say the same.
 */
public final class NoticeFacts {
  private static final String QUERY = "SELECT c.name AS campus_name, c.town, d.name AS device_name, p.building, p.room"
      + " FROM (SELECT $1::text AS campus_id, $2::text AS device_id) k"
      + " LEFT JOIN campuses c ON c.id = k.campus_id LEFT JOIN devices d ON d.id = k.device_id LEFT JOIN device_places p ON p.device_id = k.device_id";

  private final Pool pool;
  private final Map<String, Object> consoleTexts;

  public NoticeFacts(Pool pool) {
    this.pool = pool;
    this.consoleTexts = zhTexts();
  }

  /** The facts of one campus and device; fields unknown to the registers are null. */
  public record Facts(String campusName, String town, String deviceName, String building, String room) {}

  public Future<Facts> of(String campus, String device) {
    return pool.preparedQuery(QUERY).execute(Tuple.of(campus, device)).map(rows -> {
      Row r = rows.iterator().next();
      return new Facts(r.getString("campus_name"), r.getString("town"), r.getString("device_name"), r.getString("building"), r.getString("room"));
    });
  }

  /** The console's Chinese name of an alarm type, or null when it has none. */
  public String typeLabel(String type) {
    Object label = consoleTexts.get("type." + type);
    return label instanceof String s ? s : null;
  }

  private static Map<String, Object> zhTexts() {
    try (InputStream in = NoticeFacts.class.getResourceAsStream("/webroot/i18n/zh-CN.json")) {
      return in == null ? Map.of() : new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).getMap();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
