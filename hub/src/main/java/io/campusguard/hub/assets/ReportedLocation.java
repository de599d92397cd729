package io.campusguard.hub.assets;

import io.campusguard.devices.asset.Asset;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Where a device's telemetry says it is: the campus of its envelope (the hub checks it against the gateway's
 * uplink topic, so a device cannot claim another campus) and the room its classroom agent reports, which older
 * agents leave out (null). A device reports from another room than its asset record when either differs.
 */
public record ReportedLocation(String campus, String room) {

  /**
   * True when telemetry puts the device somewhere else than {@code asset}: another campus, or another room when
   * a room was reported. Rooms are compared as people type them: full-width and half-width forms, case and
   * spaces do not count (初二（3）班 is 初二(3)班, 机房 1 is 机房1).
   */
  public boolean differsFrom(Asset asset) {
    if (campus != null && !campus.equals(asset.campus())) {
      return true;
    }
    return room != null && !normalised(room).equals(normalised(asset.room()));
  }

  static String normalised(String room) {
    return Normalizer.normalize(room, Normalizer.Form.NFKC).replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
  }
}
