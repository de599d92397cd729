package io.campusguard.gateway.app;

import io.campusguard.devices.DeviceSchemas;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.gateway.connector.ConnectorRegistry;
import io.campusguard.gateway.ingest.RulesHook;
import io.campusguard.gateway.rules.LocalRulesHook;
import io.campusguard.runtime.tls.CertificateInUse;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Thin wiring: builds a {@link CampusGateway} on a worker thread (opening SQLite blocks), runs the uplink's
 * decisions on this verticle's context, and serves {@code GET /health} and {@code GET /metrics}.
 */
public final class GatewayVerticle extends VerticleBase {
  private final GatewayConfig config;
  private final RulesHook rules;
  private final PrometheusMeterRegistry registry;
  private ScheduledExecutorService scheduler;
  private CampusGateway gateway;
  private HttpServer http;

  /** The gateway as its config sets it (device register, profiles). */
  public GatewayVerticle(GatewayConfig config, PrometheusMeterRegistry registry) {
    this(config, LocalRulesHook.of(config.rulesConfig(), Clock.systemUTC()), registry);
  }

  public GatewayVerticle(GatewayConfig config, RulesHook rules, PrometheusMeterRegistry registry) {
    this.config = config;
    this.rules = rules;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gateway-timers-" + config.campus());
      t.setDaemon(true);
      return t;
    });
    Executor loop = task -> context.runOnContext(v -> task.run());
    List<CertificateInUse> certificates = new ArrayList<>();
    return vertx.executeBlocking(() -> {
          CampusGateway started = CampusGateway.start(config, ConnectorRegistry.standard(), rules, Clock.systemUTC(), loop, scheduler);
          try {
            certificates.addAll(GatewayMetrics.certificates(config));
          } catch (RuntimeException e) {
            started.close();
            throw e;
          }
          return started;
        })
        .compose(started -> {
          gateway = started;
          GatewayMetrics.bind(registry, started, certificates);
          Router router = Router.router(vertx);
          router.get("/health").handler(rc -> rc.response()
              .putHeader("content-type", "application/json")
              .end(HealthJson.of(gateway).encode()));
          router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
          // The device-message schemas, for the vendors and integrators who connect devices to this campus.
          router.get("/schemas/:file").handler(rc -> serveSchema(rc.pathParam("file"), rc.response()));
          return vertx.createHttpServer().requestHandler(router).listen(config.http().port(), config.http().host());
        })
        .onSuccess(server -> http = server);
  }

  private static void serveSchema(String file, HttpServerResponse response) {
    String kind = file.endsWith(".json") ? file.substring(0, file.length() - ".json".length()) : "";
    DeviceSchemas.forWireName(kind)
        .ifPresentOrElse(
            schema -> response.putHeader("content-type", "application/schema+json").end(Buffer.buffer(schema)),
            () -> response.setStatusCode(404).putHeader("content-type", "text/plain; charset=utf-8")
                .end("no schema " + file + "; device kinds: "
                    + DeviceSchemas.kinds().stream().map(DeviceSchemas::fileName).toList() + "\n"));
  }

  /** The port {@code /health} and {@code /metrics} are served on (useful with port 0). */
  public int httpPort() {
    return http == null ? -1 : http.actualPort();
  }

  public CampusGateway gateway() {
    return gateway;
  }

  @Override
  public Future<?> stop() {
    Future<Void> httpClosed = http == null ? Future.succeededFuture() : http.close();
    return httpClosed.compose(v -> vertx.executeBlocking(() -> {
      if (gateway != null) {
        gateway.close();
      }
      scheduler.shutdownNow();
      return null;
    }));
  }
}
