package io.campusguard.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written OpenAPI document stays valid YAML and names every route the hub serves. */
class OpenApiDocumentTest {

  /** Verifies that the document parses and lists the alarm, campus, device, asset and replacement routes. */
  @Test
  void parsesAndCoversTheRoutes() throws Exception {
    JsonNode doc;
    try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.yaml")) {
      doc = new ObjectMapper(new YAMLFactory()).readTree(in);
    }
    assertThat(doc.path("openapi").asText()).startsWith("3.");
    List<String> paths = new ArrayList<>();
    doc.path("paths").fieldNames().forEachRemaining(paths::add);
    assertThat(paths).contains(
        "/health", "/metrics", "/api/alarms", "/api/alarms/{id}", "/api/alarms/{id}/ack", "/api/alarms/{id}/assign",
        "/api/alarms/{id}/resolve", "/api/campuses", "/api/campuses/{id}", "/api/devices", "/api/events",
        "/api/assets/import", "/api/assets/export", "/api/replacement/queue", "/api/replacement/{assetId}/state",
        "/api/replacement/plan", "/api/assets/{assetId}", "/api/assets/{assetId}/trend", "/api/assets/{assetId}/repairs",
        "/api/procedures", "/api/procedures/{type}", "/api/campuses/{id}/timeline", "/api/campuses/{id}/test-mode/end",
        "/api/security-events", "/api/roster", "/api/roster/versions", "/api/roster/versions/{version}", "/api/alarms/{id}/notifications",
        "/api/alarms/{id}/cameras", "/api/devices/{id}/place");
  }
}
