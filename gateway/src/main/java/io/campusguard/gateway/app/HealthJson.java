package io.campusguard.gateway.app;

import io.campusguard.devices.Priority;
import io.campusguard.devices.body.GatewayHealth;
import io.campusguard.runtime.Version;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code GET /health}: what the heartbeat says, and the counts behind it. */
final class HealthJson {
  private HealthJson() {}

  static JsonObject of(CampusGateway gateway) {
    GatewayHealth h = gateway.health();
    JsonObject lanes = new JsonObject();
    for (Priority p : Priority.values()) {
      GatewayHealth.LaneStats s = h.lanes().get(p);
      lanes.put(p.name(), new JsonObject().put("depth", s.depth()).put("oldestAgeMs", s.oldestAgeMs()).put("dropped", s.dropped()));
    }
    JsonObject connectors = new JsonObject();
    h.connectors().forEach((name, state) -> connectors.put(name, state.name()));
    JsonObject reasons = new JsonObject();
    h.connectorReasons().forEach(reasons::put);
    var outboxes = gateway.outbox();
    JsonObject outbox = new JsonObject()
        .put("file", outboxes.file().toString())
        .put("lanes", lanes)
        .put("deadLetters", outboxes.deadLettersSinceStart())
        .put("duplicatesCollapsed", outboxes.duplicatesCollapsed());
    outboxes.unreadableFile().ifPresent(f -> outbox.put("unreadableFileKept", f.toString()));
    JsonArray recent = new JsonArray();
    h.deviceInput().recent().forEach(r -> recent.add(new JsonObject()
        .put("at", r.at().toString()).put("source", r.source()).put("field", r.field()).put("reason", r.reason()).put("detail", r.detail())));
    return new JsonObject()
        .put("campus", gateway.config().campus())
        .put("gateway", gateway.config().gatewayId())
        .put("version", Version.current())
        .put("bootId", h.bootId())
        .put("connectors", connectors)
        .put("connectorReasons", reasons)
        .put("outbox", outbox)
        .put("ingest", new JsonObject()
            .put("received", gateway.pipeline().received())
            .put("rejected", gateway.pipeline().rejected())
            .put("skipped", gateway.pipeline().skipped())
            .put("busy", gateway.inbox().busy())
            .put("brokerRefusals", h.deviceInput().brokerRefusals())
            .put("recentRejections", recent));
  }
}
