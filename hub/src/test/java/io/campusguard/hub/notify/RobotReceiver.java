package io.campusguard.hub.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A loopback stand-in for WeCom's and DingTalk's robot endpoints, written from their documentation and apart from
 * the channels under test (JDK HTTP server, its own parsing and signature check). It answers as they do: HTTP 200
 * with {@code {"errcode":0,"errmsg":"ok"}}, or a non-zero errcode naming what was wrong. {@code delayMs} makes it a
 * slow receiver; {@code failNext} makes it answer 502 that many times.
 */
final class RobotReceiver implements AutoCloseable {
  /** One request as received, with what the receiver found wrong (null when it was accepted). */
  record Request(String path, Map<String, String> query, String contentType, String body, String refusal, long receivedAtMillis) {}

  final String wecomKey;
  final String dingToken;
  final String dingSecret;
  final List<Request> requests = new CopyOnWriteArrayList<>();
  volatile long delayMs;
  final java.util.concurrent.atomic.AtomicInteger failNext = new java.util.concurrent.atomic.AtomicInteger();
  private final HttpServer server;

  RobotReceiver(String wecomKey, String dingToken, String dingSecret) throws IOException {
    this.wecomKey = wecomKey;
    this.dingToken = dingToken;
    this.dingSecret = dingSecret;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/cgi-bin/webhook/send", ex -> handle(ex, this::checkWeCom));
    server.createContext("/robot/send", ex -> handle(ex, this::checkDingTalk));
    server.start();
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Request> accepted() {
    return requests.stream().filter(r -> r.refusal() == null).toList();
  }

  private interface Check {
    String refusal(Map<String, String> query, String contentType, String body);
  }

  private void handle(HttpExchange ex, Check check) throws IOException {
    try (ex) {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> query = query(ex.getRequestURI().getRawQuery());
      String contentType = ex.getRequestHeaders().getFirst("Content-Type");
      if (delayMs > 0) {
        try {
          Thread.sleep(delayMs); // the receiver is slow on purpose (its own thread); nothing is asserted by it
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        requests.add(new Request(ex.getRequestURI().getPath(), query, contentType, body, "502", System.currentTimeMillis()));
        ex.sendResponseHeaders(502, -1);
        return;
      }
      String refusal = !"POST".equals(ex.getRequestMethod()) ? "method " + ex.getRequestMethod() : check.refusal(query, contentType, body);
      requests.add(new Request(ex.getRequestURI().getPath(), query, contentType, body, refusal, System.currentTimeMillis()));
      byte[] answer = (refusal == null ? "{\"errcode\":0,\"errmsg\":\"ok\"}" : "{\"errcode\":310000,\"errmsg\":\"" + refusal + "\"}")
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, answer.length);
      ex.getResponseBody().write(answer);
    }
  }

  /** WeCom: key in the query; JSON text message, content at most 2048 bytes. */
  private String checkWeCom(Map<String, String> query, String contentType, String body) {
    if (!wecomKey.equals(query.get("key"))) {
      return "invalid webhook url";
    }
    if (contentType == null || !contentType.startsWith("application/json")) {
      return "content type " + contentType;
    }
    io.vertx.core.json.JsonObject o = new io.vertx.core.json.JsonObject(body);
    if (!"text".equals(o.getString("msgtype")) || o.getJsonObject("text") == null) {
      return "msgtype";
    }
    String content = o.getJsonObject("text").getString("content");
    if (content == null || content.isEmpty() || content.getBytes(StandardCharsets.UTF_8).length > 2048) {
      return "content size";
    }
    return null;
  }

  /** DingTalk: access_token, timestamp within an hour, sign = urlencode(base64(HmacSHA256(secret, ts + "\n" + secret))). */
  private String checkDingTalk(Map<String, String> query, String contentType, String body) {
    if (!dingToken.equals(query.get("access_token"))) {
      return "token is not exist";
    }
    String ts = query.get("timestamp");
    String sign = query.get("sign");
    if (ts == null || sign == null) {
      return "sign not match";
    }
    if (Math.abs(System.currentTimeMillis() - Long.parseLong(ts)) > 3_600_000) {
      return "timestamp out of range";
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(dingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected = mac.doFinal((ts + "\n" + dingSecret).getBytes(StandardCharsets.UTF_8));
      byte[] given = Base64.getDecoder().decode(sign); // the query was URL-decoded once, as a server does
      if (!MessageDigest.isEqual(expected, given)) {
        return "sign not match";
      }
    } catch (Exception e) {
      return "sign not match";
    }
    io.vertx.core.json.JsonObject o = new io.vertx.core.json.JsonObject(body);
    if (!"text".equals(o.getString("msgtype")) || o.getJsonObject("text") == null || o.getJsonObject("text").getString("content") == null) {
      return "msgtype";
    }
    return null;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
