package io.campusguard.gateway.app;

import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.gateway.connector.ConnectorRegistry;
import io.campusguard.runtime.config.ConfigException;
import io.campusguard.runtime.config.ConfigLoader;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code gateway --config FILE}: one campus gateway in its own process. Reads and validates the config (a bad
 * value exits with status 2 and names the field; so does a start the machine refuses, see {@link StartFailure}),
 * starts Vert.x with Prometheus metrics, deploys the gateway.
 * Prints {@code gateway CAMPUS ready http=PORT} once started.
 */
public final class GatewayMain {
  private GatewayMain() {}

  public static void main(String[] args) {
    if (args.length != 2 || !"--config".equals(args[0])) {
      System.err.println("usage: gateway --config FILE");
      System.exit(2);
    }
    GatewayConfig config;
    try {
      config = new ConfigLoader().load(Path.of(args[1]), GatewayConfig.ENV_PREFIX, System.getenv(), GatewayConfig.class);
      ConnectorRegistry.standard().check(config);
    } catch (ConfigException e) {
      System.err.println("gateway: bad config " + args[1] + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    // The county's rules with the config's profiles, supervising its device register from the start.
    GatewayVerticle verticle = new GatewayVerticle(config, registry);
    String campus = config.campus();
    vertx.deployVerticle(verticle)
        .onSuccess(id -> System.out.println("gateway " + campus + " ready http=" + verticle.httpPort()))
        .onFailure(e -> {
          int status = StartFailure.exitCode(e);
          System.err.println("gateway " + campus + " failed to start: " + e.getMessage()
              + (status == StartFailure.CONFIG_OR_ENVIRONMENT ? " (fix the configuration or the machine; not restarted)" : ""));
          vertx.close();
          System.exit(status);
        });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("gateway " + campus + ": unclean shutdown: " + e);
      }
    }));
  }
}
