package io.campusguard.gateway.vendorjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.campusguard.devices.Rejection;
import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import io.campusguard.gateway.config.BrokerLink;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.gateway.connector.ConnectorContext;
import io.campusguard.gateway.connector.ConnectorStatus;
import io.campusguard.gateway.connector.SouthboundConnector;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes vendors' JSON messages, published on MQTT topics ({@link VendorMqttSession}, acked once durable) or pushed
 * by HTTP: {@code POST /vendor/NAME} with {@code Authorization: Bearer TOKEN}. A wrong or
 * missing token is 401; a message its template cannot map is a dead letter with the reason (422); a mapped one is
 * answered 202 only once its readings are durable in the outbox, so a vendor whose push was not stored (an error
 * or no answer) sends it again. The JDK's HTTP server on threads of its own; it waits on the inbox there, never on
 * an event loop.
 */
public final class VendorJsonConnector implements SouthboundConnector {
  private static final Logger LOG = LoggerFactory.getLogger(VendorJsonConnector.class);
  public static final String NAME = "vendorjson";
  static final int MAX_BODY = 64 * 1024;

  private final VendorJsonSettings settings;
  private final ConnectorContext context;
  private final Map<String, MappingTemplate> templates = new LinkedHashMap<>();
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong readings = new AtomicLong();
  private final AtomicLong unauthorized = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final VendorMqttSession mqtt;
  private volatile HttpServer server;
  private volatile ExecutorService threads;
  private volatile ConnectorStatus status = ConnectorStatus.of(ConnectorState.DISABLED);

  private VendorJsonConnector(VendorJsonSettings settings, ConnectorContext context) throws Exception {
    this.settings = settings;
    this.context = context;
    settings.vendors().forEach((name, v) -> templates.put(name, v.template()));
    if (settings.anyTopic()) {
      BrokerLink link = settings.mqtt() != null ? settings.mqtt() : context.config().campusBroker();
      if (link == null || link.url() == null) {
        throw new IllegalArgumentException(GatewayConfig.CONNECTORS + "." + context.section()
            + ".mqtt: required for vendors with a topic when the gateway has no external campusBroker");
      }
      Map<String, String> topics = new LinkedHashMap<>();
      settings.vendors().forEach((name, v) -> {
        if (v.topic() != null) {
          topics.put(name, v.topic());
        }
      });
      mqtt = new VendorMqttSession(link.endpoint("cg-gw-" + context.campus() + "-vendorjson"), topics, this::ingest, context.scheduler());
    } else {
      mqtt = null;
    }
  }

  /** The registry's factory: the {@code connectors.vendorJson} section, if there is one. */
  public static List<SouthboundConnector> create(ConnectorContext context) throws Exception {
    var settings = context.settings(VendorJsonSettings.class);
    return settings.isEmpty() ? List.of() : List.of(new VendorJsonConnector(settings.get(), context));
  }

  @Override
  public void start() throws Exception {
    if (mqtt != null) {
      mqtt.start();
    }
    if (settings.port() == null) {
      status = ConnectorStatus.of(ConnectorState.UP);
      return;
    }
    HttpServer s = HttpServer.create(new InetSocketAddress(settings.bindAddress(), settings.port()), 50);
    threads = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "vendorjson-http");
      t.setDaemon(true);
      return t;
    });
    s.setExecutor(threads);
    s.createContext("/vendor/", this::handle);
    s.start();
    server = s;
    status = ConnectorStatus.of(ConnectorState.UP);
  }

  /** The port bound (the free one picked when configured 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!"POST".equals(ex.getRequestMethod())) {
        answer(ex, 405, "POST only");
        return;
      }
      String name = ex.getRequestURI().getPath().substring("/vendor/".length());
      VendorJsonSettings.Vendor vendor = settings.vendors().get(name);
      if (vendor == null) {
        answer(ex, 404, "no such vendor");
        return;
      }
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      byte[] given = auth == null ? new byte[0] : auth.getBytes(StandardCharsets.UTF_8);
      if (!MessageDigest.isEqual(given, ("Bearer " + vendor.token()).getBytes(StandardCharsets.UTF_8))) {
        unauthorized.incrementAndGet();
        answer(ex, 401, "wrong or missing token");
        return;
      }
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      Result result;
      try {
        result = ingest(name, "vendor/" + name, body).get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        answer(ex, 503, "not stored, send again");
        return;
      }
      if (result.refused() != null) {
        answer(ex, 422, result.refused().field() + ": " + result.refused().detail());
      } else {
        answer(ex, 202, "stored " + result.stored());
      }
    } catch (RuntimeException e) {
      LOG.warn("vendorjson: request failed: {}", e.toString());
    }
  }

  /** What became of one vendor message: readings stored, or refused (a dead letter) with why. */
  record Result(int stored, Rejection refused) {}

  /**
   * Maps one message of {@code vendor} and hands it to the inbox; completes once the readings, or the dead letter,
   * are durable, and fails when they could not be stored (the sender must send again).
   */
  CompletableFuture<Result> ingest(String vendor, String source, byte[] body) {
    if (body.length > MAX_BODY) {
      return refuse(source, new byte[0], new Rejection("body", Rejection.Reason.TOO_LARGE, "more than " + MAX_BODY + " bytes"));
    }
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (IOException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      return refuse(source, body, new Rejection("body", Rejection.Reason.NOT_JSON, "not a JSON object"));
    }
    MappingTemplate.Mapped mapped = templates.get(vendor).map(context.campus(), node, context.clock().instant());
    if (mapped instanceof MappingTemplate.Mapped.Refused r) {
      return refuse(source, body, r.rejection());
    }
    var messages = ((MappingTemplate.Mapped.Readings) mapped).messages();
    return CompletableFuture.allOf(messages.stream().map(m -> context.inbox().message(m)).toArray(CompletableFuture[]::new))
        .thenApply(v -> {
          accepted.incrementAndGet();
          readings.addAndGet(messages.size());
          return new Result(messages.size(), null);
        });
  }

  private CompletableFuture<Result> refuse(String source, byte[] raw, Rejection rejection) {
    refused.incrementAndGet();
    return context.inbox().reject(source, raw, rejection).thenApply(o -> new Result(0, rejection));
  }

  private static void answer(HttpExchange ex, int code, String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(code, b.length);
    ex.getResponseBody().write(b);
  }

  @Override
  public Map<String, ConnectorStatus> status() {
    Map<String, ConnectorStatus> out = new LinkedHashMap<>();
    out.put(NAME, status);
    if (mqtt != null) {
      out.put(NAME + "-mqtt", mqtt.status());
    }
    return out;
  }

  @Override
  public Map<String, Long> counters() {
    return Map.of("accepted", accepted.get(), "readings", readings.get(), "unauthorized", unauthorized.get(), "refused", refused.get());
  }

  @Override
  public void close() {
    status = ConnectorStatus.of(ConnectorState.DISABLED);
    if (mqtt != null) {
      mqtt.close();
    }
    HttpServer s = server;
    if (s != null) {
      s.stop(0);
    }
    ExecutorService t = threads;
    if (t != null) {
      t.shutdownNow();
    }
  }
}
