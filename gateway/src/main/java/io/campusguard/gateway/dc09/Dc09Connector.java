package io.campusguard.gateway.dc09;

import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import io.campusguard.gateway.connector.ConnectorContext;
import io.campusguard.gateway.connector.ConnectorStatus;
import io.campusguard.gateway.connector.SouthboundConnector;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The DC-09 receiver on the network: a Vert.x TCP server (frames split at CR, at most {@code maxFrameBytes} held per
 * connection) and a UDP socket (one frame a datagram), both handing frames to a {@link PanelReceiver} and writing
 * its answer when it comes (the ACK once the event is durable). Nothing here blocks the event loop: the receiver's
 * work is parsing and AES on a few hundred bytes, and the outbox answers through futures.
 */
public final class Dc09Connector implements SouthboundConnector {
  public static final String SECTION = "dc09";
  private static final long TIMEOUT_S = 10;

  private final Dc09Settings settings;
  private final ConnectorContext context;
  private final PanelReceiver receiver;
  private volatile Vertx vertx;
  private volatile NetServer tcp;
  private volatile DatagramSocket udp;
  private volatile ScheduledFuture<?> supervision;
  private volatile ConnectorStatus status = ConnectorStatus.of(ConnectorState.DISABLED);

  public Dc09Connector(Dc09Settings settings, ConnectorContext context) {
    this.settings = settings;
    this.context = context;
    this.receiver = new PanelReceiver(settings, context.campus(), context.inbox(), context.clock());
  }

  /** The factory registered for {@code connectors.dc09}. */
  public static List<SouthboundConnector> create(ConnectorContext context) {
    return context.settings(Dc09Settings.class).<List<SouthboundConnector>>map(s -> List.of(new Dc09Connector(s, context))).orElse(List.of());
  }

  @Override
  public void start() throws Exception {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
    try {
      if (settings.tcpPort() != null) {
        tcp = vertx.createNetServer().connectHandler(this::serve);
        bind("tcpPort", settings.tcpPort(), () -> tcp.listen(settings.tcpPort(), settings.bindAddress()).toCompletionStage().toCompletableFuture());
      }
      if (settings.udpPort() != null) {
        DatagramSocket socket = vertx.createDatagramSocket();
        socket.handler(packet -> {
          String source = "dc09/udp/" + packet.sender();
          Context loop = vertx.getOrCreateContext();
          receiver.receive(packet.data().getBytes(), source).thenAccept(answer -> {
            if (answer != null) {
              loop.runOnContext(v -> socket.send(Buffer.buffer(answer), packet.sender().port(), packet.sender().host()));
            }
          });
        });
        udp = bind("udpPort", settings.udpPort(), () -> socket.listen(settings.udpPort(), settings.bindAddress()).toCompletionStage().toCompletableFuture());
      }
    } catch (Exception e) {
      close();
      throw e;
    }
    Duration pace = receiver.links().shortestInterval();
    if (pace != null) {
      long everyMs = Math.max(200, Math.min(1000, pace.toMillis() / 10));
      supervision = context.scheduler().scheduleAtFixedRate(() -> receiver.links().check(context.clock().instant()), everyMs, everyMs, TimeUnit.MILLISECONDS);
    }
    status = ConnectorStatus.of(ConnectorState.UP);
  }

  /**
   * Binds a listener; an address or port the machine refuses is a config value that cannot work: the gateway refuses
   * to start naming it (exit 2), as it does for its other listeners.
   */
  private <T> T bind(String field, int port, java.util.function.Supplier<CompletableFuture<T>> listen) throws Exception {
    try {
      return listen.get().get(TIMEOUT_S, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalArgumentException("connectors." + SECTION + "." + field + ": cannot listen on " + settings.bindAddress() + ":" + port
          + " (" + e.getCause().getMessage() + ")", e.getCause());
    }
  }

  /** One TCP connection: bytes gathered until CR; an LF before it starts a new frame (what came before was cut). */
  private void serve(NetSocket socket) {
    String source = "dc09/tcp/" + socket.remoteAddress();
    Context loop = vertx.getOrCreateContext();
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    CompletableFuture<?>[] answered = {CompletableFuture.completedFuture(null)};
    int max = receiver.maxFrameBytes();
    socket.handler(data -> {
      byte[] bytes = data.getBytes();
      for (byte b : bytes) {
        if (b == '\n' && pending.size() > 0) {
          receiver.cutFrame(pending.toByteArray(), source);
          pending.reset();
        }
        pending.write(b);
        if (b == '\r') {
          CompletableFuture<byte[]> answer = receiver.receive(pending.toByteArray(), source);
          pending.reset();
          // answers leave in the order the frames came, each once it is ready
          answered[0] = answered[0].thenCompose(v -> answer).thenAccept(a -> {
            if (a != null) {
              loop.runOnContext(v -> socket.write(Buffer.buffer(a)));
            }
          });
        } else if (pending.size() > max) {
          byte[] nak = receiver.tooLarge(pending.toByteArray(), source);
          pending.reset();
          socket.handler(null);
          answered[0].thenRun(() -> loop.runOnContext(v -> socket.end(Buffer.buffer(nak))));
          return;
        }
      }
    });
    socket.closeHandler(v -> {
      if (pending.size() > 0) {
        receiver.cutFrame(pending.toByteArray(), source);
        pending.reset();
      }
    });
    socket.exceptionHandler(e -> socket.close());
  }

  /** The TCP port listened on (the one picked when 0 was asked), or -1. */
  public int tcpPort() {
    return tcp == null ? -1 : tcp.actualPort();
  }

  /** The UDP port listened on, or -1. */
  public int udpPort() {
    return udp == null ? -1 : udp.localAddress().port();
  }

  public PanelReceiver receiver() {
    return receiver;
  }

  @Override
  public Map<String, ConnectorStatus> status() {
    return Map.of(SECTION, status);
  }

  @Override
  public Map<String, Long> counters() {
    return receiver.counters();
  }

  @Override
  public void close() {
    status = ConnectorStatus.of(ConnectorState.DISABLED);
    ScheduledFuture<?> s = supervision;
    if (s != null) {
      s.cancel(false);
    }
    Vertx v = vertx;
    vertx = null;
    if (v != null) {
      try {
        v.close().toCompletionStage().toCompletableFuture().get(TIMEOUT_S, TimeUnit.SECONDS);
      } catch (Exception e) {
        // closing anyway: nothing left to release that a bounded wait could recover
      }
    }
  }
}
