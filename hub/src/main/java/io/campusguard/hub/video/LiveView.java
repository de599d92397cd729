package io.campusguard.hub.video;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The county video platform's live-view page for a camera, from the {@code video.liveUrlTemplate} of the hub's config:
 * {@code ${nationalId}} (the camera's 20-digit GB/T 28181 id) and {@code ${deviceId}} are filled in, URL-encoded.
 * Without a template, or for a camera without a national id, there is no link.
 */
public record LiveView(String liveUrlTemplate) {
  public LiveView {
    if (liveUrlTemplate != null) {
      if (!liveUrlTemplate.startsWith("http://") && !liveUrlTemplate.startsWith("https://")) {
        throw new IllegalArgumentException("video.liveUrlTemplate: must start with http:// or https://");
      }
      if (!liveUrlTemplate.contains("${nationalId}")) {
        throw new IllegalArgumentException("video.liveUrlTemplate: must place ${nationalId}");
      }
    }
  }

  /** The link, or null. */
  public String link(String deviceId, String nationalId) {
    if (liveUrlTemplate == null || nationalId == null || nationalId.isBlank()) {
      return null;
    }
    return liveUrlTemplate.replace("${nationalId}", URLEncoder.encode(nationalId, StandardCharsets.UTF_8))
        .replace("${deviceId}", URLEncoder.encode(deviceId, StandardCharsets.UTF_8));
  }
}
