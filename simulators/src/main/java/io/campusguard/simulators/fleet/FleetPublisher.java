package io.campusguard.simulators.fleet;

import io.campusguard.devices.Topics;
import io.campusguard.devices.codec.EventCodec;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes simulated devices' messages to a campus broker the way devices do, QoS 1, with one MQTT connection
 * per campus (a campus's devices share its network; thousands of devices share a few event loops, no thread
 * each). {@link #publish} completes when the broker's PUBACK arrives: for an embedded campus broker that holds
 * PUBACKs, that is when the gateway has the message on disk.
 */
public final class FleetPublisher {
  public static final int MAX_INFLIGHT_PER_CAMPUS = 2_000;

  private final Vertx vertx;
  private final EventCodec codec;
  private final String host;
  private final int port;
  private final String username;
  private final String password;
  private final Map<String, CampusLink> links = new HashMap<>();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong acknowledged = new AtomicLong();

  public FleetPublisher(Vertx vertx, EventCodec codec, String host, int port, String username, String password) {
    this.vertx = vertx;
    this.codec = codec;
    this.host = host;
    this.port = port;
    this.username = username;
    this.password = password;
  }

  /**
   * One campus's connection and its in-flight QoS 1 publishes, keyed by packet id. Everything about a link runs
   * on its own context: a publish started on another thread could otherwise see its PUBACK before its packet
   * id is registered.
   */
  private static final class CampusLink {
    final MqttClient client;
    final Context context;
    final Map<Integer, Promise<Void>> inflight = new HashMap<>();

    CampusLink(MqttClient client, Context context) {
      this.client = client;
      this.context = context;
    }
  }

  public Future<Void> connect(List<String> campuses) {
    List<Future<?>> all = new ArrayList<>();
    for (String campus : campuses) {
      MqttClientOptions options =
          new MqttClientOptions()
              .setClientId("sim-" + campus)
              .setCleanSession(true)
              .setMaxInflightQueue(MAX_INFLIGHT_PER_CAMPUS)
              .setAutoKeepAlive(true);
      if (username != null) {
        options.setUsername(username).setPassword(password);
      }
      MqttClient client = MqttClient.create(vertx, options);
      Context context = EventLoops.next(vertx);
      CampusLink link = new CampusLink(client, context);
      client.publishCompletionHandler(
          id -> {
            Promise<Void> p = link.inflight.remove(id);
            if (p != null) {
              acknowledged.incrementAndGet();
              p.tryComplete();
            }
          });
      client.closeHandler(
          v -> {
            List<Promise<Void>> lost = new ArrayList<>(link.inflight.values());
            link.inflight.clear();
            lost.forEach(p -> p.tryFail("connection to the campus broker closed before PUBACK"));
          });
      links.put(campus, link);
      Promise<Void> connected = Promise.promise();
      context.runOnContext(v -> client.connect(port, host).<Void>mapEmpty().onComplete(connected));
      all.add(connected.future());
    }
    return Future.all(all).mapEmpty();
  }

  /** Publishes one emission; completes on PUBACK, fails if the connection drops first. */
  public Future<Void> publish(Emission e) {
    return publishRaw(e.campus(), Topics.campusDevice(e.campus(), e.body().kind(), e.device()), codec.encodeDevice(e.ts(), e.body()));
  }

  /** Publishes arbitrary bytes on any topic of a campus's connection: how faults inject malformed payloads. */
  public Future<Void> publishRaw(String campus, String topic, byte[] payload) {
    CampusLink link = links.get(campus);
    if (link == null || !link.client.isConnected()) {
      return Future.failedFuture("no connection for campus " + campus);
    }
    published.incrementAndGet();
    Promise<Void> acked = Promise.promise();
    Runnable send = () -> link.client
        .publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false)
        .onSuccess(id -> link.inflight.put(id, acked))
        .onFailure(acked::tryFail);
    if (Vertx.currentContext() == link.context) {
      send.run();
    } else {
      link.context.runOnContext(v -> send.run());
    }
    return acked.future();
  }

  public long published() {
    return published.get();
  }

  public long acknowledged() {
    return acknowledged.get();
  }

  public Future<Void> close() {
    List<Future<?>> all = new ArrayList<>();
    for (CampusLink link : links.values()) {
      if (link.client.isConnected()) {
        all.add(link.client.disconnect());
      }
    }
    links.clear();
    return Future.join(all).mapEmpty();
  }
}
