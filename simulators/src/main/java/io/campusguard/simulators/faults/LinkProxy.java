package io.campusguard.simulators.faults;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback between one campus's gateway and the county broker, which can blackhole the link:
 * while it does, nothing moves in either direction and new connections are accepted but never answered, as
 * when a campus's WAN drops packets. No reset is sent, so each side only notices through its own timeouts
 * (MQTT keep-alive, connect timeout). When the blackhole ends, stalled connections resume where they were
 * (TCP would retransmit), unless an end has given up on them meanwhile; connections that never reached the
 * broker are closed, as a client's unanswered SYN would time out.
 *
 * <p>All state lives on the proxy's own event-loop context; nothing blocks.
 */
public final class LinkProxy implements AutoCloseable {
  private final Vertx vertx;
  private final String upstreamHost;
  private final int upstreamPort;
  private final Context context;
  private final NetClient client;
  private final Set<Pair> pairs = new HashSet<>();
  private final List<NetSocket> held = new ArrayList<>();
  private final AtomicLong connections = new AtomicLong();
  private NetServer server;
  private boolean blackholed;

  /** Both ends of one proxied connection. */
  private record Pair(NetSocket down, NetSocket up) {}

  private LinkProxy(Vertx vertx, String upstreamHost, int upstreamPort) {
    this.vertx = vertx;
    this.upstreamHost = upstreamHost;
    this.upstreamPort = upstreamPort;
    this.context = vertx.getOrCreateContext();
    this.client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true).setConnectTimeout(10_000));
  }

  /** Listens on a free port of 127.0.0.1, forwarding to {@code upstreamHost:upstreamPort}. */
  public static Future<LinkProxy> start(Vertx vertx, String upstreamHost, int upstreamPort) {
    LinkProxy proxy = new LinkProxy(vertx, upstreamHost, upstreamPort);
    io.vertx.core.Promise<LinkProxy> started = io.vertx.core.Promise.promise();
    proxy.context.runOnContext(v -> {
      proxy.server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0).setTcpNoDelay(true));
      proxy.server.connectHandler(proxy::accepted).listen().map(s -> proxy).onComplete(started);
    });
    return started.future();
  }

  public int port() {
    return server.actualPort();
  }

  /** The proxy's address for an MQTT client: {@code tcp://127.0.0.1:PORT}. */
  public String url() {
    return "tcp://127.0.0.1:" + port();
  }

  /** Connections accepted so far (a reconnecting client makes more). */
  public long connections() {
    return connections.get();
  }

  /** Starts (true) or ends (false) the blackhole; completes once applied to every connection. */
  public Future<Void> blackhole(boolean on) {
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    context.runOnContext(v -> {
      blackholed = on;
      for (Pair p : pairs) {
        if (on) {
          p.down.pause();
          p.up.pause();
        } else {
          p.down.resume();
          p.up.resume();
        }
      }
      if (!on) {
        held.forEach(NetSocket::close);
        held.clear();
      }
      done.complete();
    });
    return done.future();
  }

  private void accepted(NetSocket down) {
    connections.incrementAndGet();
    down.pause();
    if (blackholed) {
      held.add(down);
      down.closeHandler(v -> held.remove(down));
      return;
    }
    client.connect(upstreamPort, upstreamHost).onComplete(ar -> {
      if (ar.failed()) {
        down.close();
        return;
      }
      NetSocket up = ar.result();
      Pair pair = new Pair(down, up);
      pairs.add(pair);
      forward(down, up);
      forward(up, down);
      down.closeHandler(v -> {
        pairs.remove(pair);
        up.close();
      });
      up.closeHandler(v -> {
        pairs.remove(pair);
        down.close();
      });
      if (blackholed) {
        up.pause();
      } else {
        down.resume();
      }
    });
  }

  /** Copies bytes with back-pressure; a blackhole's pause wins over a drain's resume. */
  private void forward(NetSocket from, NetSocket to) {
    from.handler(buf -> {
      to.write(buf);
      if (to.writeQueueFull()) {
        from.pause();
        to.drainHandler(v -> {
          if (!blackholed) {
            from.resume();
          }
        });
      }
    });
  }

  @Override
  public void close() {
    context.runOnContext(v -> {
      pairs.forEach(p -> {
        p.down.close();
        p.up.close();
      });
      held.forEach(NetSocket::close);
      if (server != null) {
        server.close();
      }
      client.close();
    });
  }
}
