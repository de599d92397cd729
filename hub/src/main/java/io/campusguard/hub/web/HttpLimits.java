package io.campusguard.hub.web;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one client may hold of the hub's HTTP server: a connection that has not finished its first request's
 * headers within {@code headerTimeout} is closed (a slow sender holding sockets open one byte at a time), an idle
 * connection after {@code idleTimeout}, and past {@code maxConnections} open at once a new one is closed at once.
 * Used on the server's one context (the hub verticle's).
 */
public final class HttpLimits {
  private final Vertx vertx;
  private final Duration headerTimeout;
  private final Duration idleTimeout;
  private final int maxConnections;
  private final io.campusguard.runtime.tls.TlsFiles tls;
  /** Connections that have not yet sent a whole request head, with their timer. */
  private final Map<HttpConnection, Long> waiting = new HashMap<>();
  private final AtomicLong refused = new AtomicLong();
  private int open;

  public HttpLimits(Vertx vertx, Duration headerTimeout, Duration idleTimeout, int maxConnections) {
    this(vertx, headerTimeout, idleTimeout, maxConnections, null);
  }

  /** With {@code tls} (certificate and key), the server speaks HTTPS only (TLS 1.3 and 1.2). */
  public HttpLimits(Vertx vertx, Duration headerTimeout, Duration idleTimeout, int maxConnections, io.campusguard.runtime.tls.TlsFiles tls) {
    this.tls = tls;
    this.vertx = vertx;
    this.headerTimeout = headerTimeout;
    this.idleTimeout = idleTimeout;
    this.maxConnections = maxConnections;
  }

  /** The server options with the idle timeout (a keepalive on the live stream comes well within it). */
  public HttpServerOptions options() {
    // No cleartext HTTP/2: with it the server first waits for a client's opening bytes to tell HTTP/2 from 1.1,
    // before any connection handler runs, so a client that sends nothing was never counted nor timed.
    HttpServerOptions options = new HttpServerOptions().setIdleTimeout((int) Math.max(1, idleTimeout.toSeconds()))
        .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS).setHttp2ClearTextEnabled(false);
    if (tls != null) {
      // The same certificate files as the brokers' listeners (the pki command's, or the county's own).
      char[] password = java.util.UUID.randomUUID().toString().toCharArray();
      java.io.ByteArrayOutputStream pkcs12 = new java.io.ByteArrayOutputStream();
      try {
        io.campusguard.runtime.tls.TlsMaterial.keyStore(tls, password).store(pkcs12, password);
      } catch (java.io.IOException | java.security.GeneralSecurityException e) {
        throw new IllegalArgumentException("http.tls: " + e.getMessage(), e);
      }
      options.setSsl(true)
          .setKeyCertOptions(new io.vertx.core.net.PfxOptions().setValue(io.vertx.core.buffer.Buffer.buffer(pkcs12.toByteArray()))
              .setPassword(new String(password)))
          .setEnabledSecureTransportProtocols(new java.util.LinkedHashSet<>(io.campusguard.runtime.tls.TlsMaterial.PROTOCOLS));
    }
    return options;
  }

  /** For {@code HttpServer.connectionHandler}. */
  public void connected(HttpConnection c) {
    if (open >= maxConnections) {
      refused.incrementAndGet();
      c.close();
      return;
    }
    open++;
    waiting.put(c, vertx.setTimer(headerTimeout.toMillis(), id -> {
      if (waiting.remove(c) != null) {
        c.close();
      }
    }));
    c.closeHandler(v -> {
      open--;
      Long timer = waiting.remove(c);
      if (timer != null) {
        vertx.cancelTimer(timer);
      }
    });
  }

  /** For {@code HttpServer.requestHandler}: a whole request head arrived, the header timer of its connection ends. */
  public Handler<HttpServerRequest> wrap(Handler<HttpServerRequest> next) {
    return req -> {
      Long timer = waiting.remove(req.connection());
      if (timer != null) {
        vertx.cancelTimer(timer);
      }
      next.handle(req);
    };
  }

  /** Connections closed at once for being past the cap. */
  public long refused() {
    return refused.get();
  }

  public int open() {
    return open;
  }
}
