package io.campusguard.gateway.app;

import io.campusguard.devices.Priority;
import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.runtime.tls.CertificateInUse;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Exposes one gateway's state as meters, read on scrape (no copies kept in sync). */
final class GatewayMetrics {
  private GatewayMetrics() {}

  /**
   * The certificates the gateway's TLS links present or trust, named by their config section. Reads files: call
   * off the event loop, after the links were built (they fail first on a bad file, naming the field).
   */
  static List<CertificateInUse> certificates(GatewayConfig config) {
    List<CertificateInUse> found = new ArrayList<>(CertificateInUse.of("countyBroker.tls", config.countyBroker().tls()));
    if (config.embeddedCampusBroker()) {
      if (config.embeddedBroker().tls() != null) {
        found.addAll(CertificateInUse.of("embeddedBroker.tls", config.embeddedBroker().tls().toListener().files()));
      }
    } else {
      found.addAll(CertificateInUse.of("campusBroker.tls", config.campusBroker().tls()));
    }
    return found;
  }

  static void bind(MeterRegistry registry, CampusGateway gateway) {
    bind(registry, gateway, List.of());
  }

  static void bind(MeterRegistry registry, CampusGateway gateway, List<CertificateInUse> certificates) {
    Tags campus = Tags.of("campus", gateway.config().campus());
    var outbox = gateway.outbox();
    var pipeline = gateway.pipeline();
    var uplink = gateway.uplink();
    for (Priority lane : Priority.values()) {
      Tags t = campus.and("lane", lane.name());
      Gauge.builder("cg_outbox_depth", outbox, o -> o.laneStats().get(lane).depth()).tags(t)
          .description("events waiting in the outbox lane").register(registry);
      Gauge.builder("cg_outbox_oldest_age_seconds", outbox, o -> o.laneStats().get(lane).oldestAgeMs() / 1000.0).tags(t)
          .description("age of the oldest waiting event of the lane").register(registry);
      FunctionCounter.builder("cg_outbox_dropped", outbox, o -> o.laneStats().get(lane).dropped()).tags(t)
          .description("events dropped from a full telemetry lane since start").register(registry);
      FunctionCounter.builder("cg_ingest_stored", pipeline, p -> p.stored(lane)).tags(t)
          .description("device events written to the outbox").register(registry);
    }
    FunctionCounter.builder("cg_ingest_received", pipeline, p -> p.received()).tags(campus).register(registry);
    FunctionCounter.builder("cg_ingest_rejected", pipeline, p -> p.rejected()).tags(campus)
        .description("device inputs refused and dead-lettered").register(registry);
    FunctionCounter.builder("cg_ingest_skipped", pipeline, p -> p.skipped()).tags(campus)
        .description("accepted device inputs not forwarded (heartbeats)").register(registry);
    FunctionCounter.builder("cg_outbox_duplicates_collapsed", outbox, o -> o.duplicatesCollapsed()).tags(campus)
        .description("appends of an event id already in the outbox (redelivered device publishes), stored once").register(registry);
    FunctionCounter.builder("cg_uplink_events_sent", uplink, u -> u.eventsSent()).tags(campus).register(registry);
    FunctionCounter.builder("cg_uplink_events_resent", uplink, u -> u.eventsResent()).tags(campus).register(registry);
    FunctionCounter.builder("cg_uplink_events_acked", uplink, u -> u.eventsAcked()).tags(campus)
        .description("events the hub's commit acks deleted from the outbox").register(registry);
    FunctionCounter.builder("cg_uplink_acks_beyond_sent", uplink, u -> u.acksBeyondSent()).tags(campus)
        .description("commit acks up to a sequence never sent (forged): their committed-up-to refused").register(registry);
    if (gateway.campusConnector() instanceof io.campusguard.gateway.mqtt.EmbeddedCampusBroker campusBroker) {
      for (io.campusguard.broker.access.AccessRefusal.Kind kind : io.campusguard.broker.access.AccessRefusal.Kind.values()) {
        FunctionCounter.builder("cg_campus_broker_refusals", campusBroker, b -> b.refusals(kind))
            .tags(campus.and("kind", kind.name().toLowerCase(java.util.Locale.ROOT)))
            .description("device connections, publishes and subscriptions the campus broker refused").register(registry);
      }
      FunctionCounter.builder("cg_campus_broker_oversized_packets", campusBroker, b -> b.oversizedPackets()).tags(campus)
          .description("device packets above the campus broker's maximum size: refused, the device disconnected").register(registry);
    }
    Gauge.builder("cg_connector_up", gateway, g -> g.campusState() == ConnectorState.UP ? 1 : 0)
        .tags(campus.and("connector", "campus")).register(registry);
    // Every other connector's parts, and each connector's own counters, by the section that built it.
    for (String name : gateway.connectorStatus().keySet()) {
      if (!name.equals(io.campusguard.gateway.mqtt.CampusConnector.NAME)) {
        Gauge.builder("cg_connector_up", gateway, g -> {
              var s = g.connectorStatus().get(name);
              return s != null && s.state() == ConnectorState.UP ? 1 : 0;
            })
            .tags(campus.and("connector", name)).register(registry);
      }
    }
    for (var built : gateway.connectors()) {
      for (String counter : built.connector().counters().keySet()) {
        FunctionCounter.builder("cg_connector_" + counter, built.connector(), c -> c.counters().getOrDefault(counter, 0L))
            .tags(campus.and("connector", built.section())).register(registry);
      }
    }
    FunctionCounter.builder("cg_ingest_busy", gateway.inbox(), i -> i.busy()).tags(campus)
        .description("device messages refused because too many waited for the outbox (their devices send again)").register(registry);
    Gauge.builder("cg_connector_up", gateway, g -> g.uplink().state() == ConnectorState.UP ? 1 : 0)
        .tags(campus.and("connector", "county")).register(registry);
    FunctionCounter.builder("cg_outbox_write_failures", outbox, o -> o.writeFailures()).tags(campus)
        .description("outbox commits that failed (disk full, file locked or gone): their events were refused, not stored")
        .register(registry);
    Gauge.builder("cg_outbox_unreadable", outbox, o -> o.unreadableFile().isPresent() ? 1 : 0).tags(campus)
        .description("1 when the outbox file could not be opened: kept aside untouched, events go to a fresh file beside it")
        .register(registry);
    for (CertificateInUse c : certificates) {
      // A supplier, held strongly: a gauge on the record itself would hold it weakly and read NaN once it is collected.
      Gauge.builder("cg_tls_certificate_expiry_seconds", () -> c.remaining(Instant.now()).toSeconds())
          .tags(campus.and("link", c.link()).and("role", c.role()).and("subject", c.subject()))
          .description("seconds until a TLS certificate the gateway presents or trusts expires").register(registry);
    }
  }
}
