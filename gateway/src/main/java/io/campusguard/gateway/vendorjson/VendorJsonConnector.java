package io.campusguard.gateway.vendorjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.campusguard.devices.Rejection;
import io.campusguard.devices.body.GatewayHealth.ConnectorState;
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
 * Takes vendors' JSON pushes: {@code POST /vendor/NAME} with {@code Authorization: Bearer TOKEN}. A wrong or
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
  private volatile HttpServer server;
  private volatile ExecutorService threads;
  private volatile ConnectorStatus status = ConnectorStatus.of(ConnectorState.DISABLED);

  private VendorJsonConnector(VendorJsonSettings settings, ConnectorContext context) {
    this.settings = settings;
    this.context = context;
    settings.vendors().forEach((name, v) -> templates.put(name, v.template()));
  }

  /** The registry's factory: the {@code connectors.vendorJson} section, if there is one. */
  public static List<SouthboundConnector> create(ConnectorContext context) {
    return context.settings(VendorJsonSettings.class)
        .<List<SouthboundConnector>>map(s -> List.of(new VendorJsonConnector(s, context)))
        .orElse(List.of());
  }

  @Override
  public void start() throws IOException {
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
      String source = "vendor/" + name;
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      if (body.length > MAX_BODY) {
        refuse(ex, source, new byte[0], new Rejection("body", Rejection.Reason.TOO_LARGE, "more than " + MAX_BODY + " bytes"));
        return;
      }
      JsonNode node;
      try {
        node = json.readTree(body);
      } catch (IOException e) {
        node = null;
      }
      if (node == null || !node.isObject()) {
        refuse(ex, source, body, new Rejection("body", Rejection.Reason.NOT_JSON, "not a JSON object"));
        return;
      }
      MappingTemplate.Mapped mapped = templates.get(name).map(context.campus(), node, context.clock().instant());
      if (mapped instanceof MappingTemplate.Mapped.Refused r) {
        refuse(ex, source, body, r.rejection());
        return;
      }
      var messages = ((MappingTemplate.Mapped.Readings) mapped).messages();
      try {
        CompletableFuture.allOf(messages.stream().map(m -> context.inbox().message(m)).toArray(CompletableFuture[]::new))
            .get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        answer(ex, 503, "not stored, send again");
        return;
      }
      accepted.incrementAndGet();
      readings.addAndGet(messages.size());
      answer(ex, 202, "stored " + messages.size());
    } catch (RuntimeException e) {
      LOG.warn("vendorjson: request failed: {}", e.toString());
    }
  }

  private void refuse(HttpExchange ex, String source, byte[] raw, Rejection rejection) throws IOException {
    refused.incrementAndGet();
    try {
      context.inbox().reject(source, raw, rejection).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      answer(ex, 503, "not stored, send again");
      return;
    }
    answer(ex, 422, rejection.field() + ": " + rejection.detail());
  }

  private static void answer(HttpExchange ex, int code, String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(code, b.length);
    ex.getResponseBody().write(b);
  }

  @Override
  public Map<String, ConnectorStatus> status() {
    return Map.of(NAME, status);
  }

  @Override
  public Map<String, Long> counters() {
    return Map.of("accepted", accepted.get(), "readings", readings.get(), "unauthorized", unauthorized.get(), "refused", refused.get());
  }

  @Override
  public void close() {
    status = ConnectorStatus.of(ConnectorState.DISABLED);
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
