package io.campusguard.gateway.dc09;

import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.Rejection;
import io.campusguard.gateway.app.CampusGateway;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.gateway.connector.ConnectorContext;
import io.campusguard.gateway.connector.ConnectorRegistry;
import io.campusguard.gateway.connector.DeviceInbox;
import io.campusguard.gateway.dc09.Dc09Settings.AccountSettings;
import io.campusguard.gateway.dc09.Dc09Settings.ZoneSettings;
import io.campusguard.gateway.ingest.IngestOutcome;
import io.campusguard.gateway.ingest.RulesHook;
import io.campusguard.gateway.support.ScriptedHub;
import io.campusguard.runtime.config.ConfigLoader;
import io.campusguard.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Not part of the suite (its name does not end in Test; run it with {@code -Dtest=Dc09AckBenchmark} through
 * scripts/test.sh). 200 panel connections send Contact ID panic presses (each to its own zone's button, P0, fsynced)
 * to a DC-09 receiver in front of a real gateway's pipeline and outbox; each connection waits for its ACK before the
 * next message. Printed: messages/s and ACK latency p50/p99, closed-loop (as fast as ACKs come) and paced at 1,000
 * messages/s, once with ACK after the outbox's fsync (the receiver as shipped) and once with ACK on arrival (the
 * same inbox, its future not waited for), in the same run.
 */
class Dc09AckBenchmark {
  static final int CONNECTIONS = 200;

  /** The gateway's inbox, but answering at once: the ACK-on-arrival receiver other products ship, for comparison. */
  record AckOnArrival(DeviceInbox inner, AtomicLong lost) implements DeviceInbox {
    @Override
    public CompletableFuture<IngestOutcome> publish(String topic, byte[] payload) {
      inner.publish(topic, payload).whenComplete((v, failure) -> {
        if (failure != null) {
          lost.incrementAndGet(); // ACKed, and not stored
        }
      });
      return CompletableFuture.completedFuture(new IngestOutcome.Stored(List.of()));
    }

    @Override
    public CompletableFuture<IngestOutcome> publishCopy(String topic, byte[] payload) {
      return inner.publishCopy(topic, payload);
    }

    @Override
    public CompletableFuture<IngestOutcome> message(DeviceMessage m) {
      inner.message(m).whenComplete((v, failure) -> {
        if (failure != null) {
          lost.incrementAndGet();
        }
      });
      return CompletableFuture.completedFuture(new IngestOutcome.Stored(List.of()));
    }

    @Override
    public CompletableFuture<IngestOutcome> reject(String source, byte[] raw, Rejection rejection) {
      return inner.reject(source, raw, rejection);
    }
  }

  @Test
  void run() throws Exception {
    Path dir = Files.createTempDirectory("dc09-bench");
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    var loop = Executors.newSingleThreadExecutor();
    String campus = "B-" + Long.toHexString(System.nanoTime());
    String url = TestServices.mqttUrl();
    GatewayConfig config = new ConfigLoader().parse(String.join("\n",
        "campus: " + campus,
        "campusBroker: { url: \"" + url + "\", username: " + TestServices.mqttUser() + ", password: " + TestServices.mqttPassword() + " }",
        "countyBroker: { url: \"" + url + "\", username: " + TestServices.mqttUser() + ", password: " + TestServices.mqttPassword() + " }",
        "outbox: { file: \"" + dir.resolve("outbox.db") + "\" }", ""), GatewayConfig.ENV_PREFIX, Map.of(), GatewayConfig.class);
    Map<String, ZoneSettings> zones = new java.util.HashMap<>();
    for (int i = 1; i <= CONNECTIONS; i++) {
      zones.put(Integer.toString(i), new ZoneSettings(campus + "-PB-" + i, null, true));
    }
    Dc09Settings settings = new Dc09Settings("127.0.0.1", 0, null, null, null, null, null, null, null,
        List.of(new AccountSettings("1234", null, null, null, campus + "-AP-01", null, zones)));
    Vertx client = Vertx.vertx();
    try (ScriptedHub hub = new ScriptedHub(url, TestServices.mqttUser(), TestServices.mqttPassword(), campus);
        CampusGateway gateway = CampusGateway.start(config, ConnectorRegistry.standard(), RulesHook.PASS_THROUGH, Clock.systemUTC(), loop, scheduler)) {
      AtomicLong seq = new AtomicLong();
      for (boolean afterFsync : new boolean[] {true, false, true, false}) {
        AtomicLong lost = new AtomicLong();
        DeviceInbox inbox = afterFsync ? gateway.inbox() : new AckOnArrival(gateway.inbox(), lost);
        Dc09Connector receiver = new Dc09Connector(settings, new ConnectorContext("dc09", config, inbox, Clock.systemUTC(), loop, scheduler));
        receiver.start();
        try {
          System.out.printf("DC09 %-16s closed loop:  %s%n", afterFsync ? "ACK after fsync" : "ACK on arrival", load(client, receiver.tcpPort(), seq, 0, 6));
          System.out.printf("DC09 %-16s 1000 msg/s:   %s%n", afterFsync ? "ACK after fsync" : "ACK on arrival", load(client, receiver.tcpPort(), seq, 1000, 6));
          if (!afterFsync) {
            System.out.printf("DC09 ACK on arrival: %d messages ACKed but not stored (inbox full)%n", lost.get());
          }
        } finally {
          receiver.close();
        }
      }
    } finally {
      client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      scheduler.shutdownNow();
      loop.shutdownNow();
    }
  }

  /** Runs the 200 panels for {@code seconds} (the first second a warm-up, not counted); {@code rate} 0 = closed loop. */
  private static String load(Vertx vertx, int port, AtomicLong seq, int rate, int seconds) throws Exception {
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    long countFrom = System.nanoTime() + 1_000_000_000L;
    long end = countFrom + (seconds - 1) * 1_000_000_000L;
    CountDownLatch done = new CountDownLatch(CONNECTIONS);
    long perConnectionGapNs = rate == 0 ? 0 : 1_000_000_000L * CONNECTIONS / rate;
    for (int c = 1; c <= CONNECTIONS; c++) {
      int zone = c;
      vertx.createNetClient().connect(port, "127.0.0.1").onComplete(ar -> {
        if (ar.failed()) {
          done.countDown();
          return;
        }
        NetSocket s = ar.result();
        long[] sentAt = {0};
        Runnable[] send = new Runnable[1];
        send[0] = () -> {
          if (!running.get()) {
            s.close();
            done.countDown();
            return;
          }
          long next = seq.incrementAndGet();
          long n = next % 10_000;
          sentAt[0] = System.nanoTime();
          // sequence number and group together unique per message (the group counts the sequence's wraps): no duplicates
          s.write(Buffer.buffer(TestPanel.plain("ADM-CID", (int) n, null, "0", "1234",
              String.format("#1234|1120 %02d %03d", (next / 10_000) % 100, zone), "")));
        };
        s.handler(b -> {
          long now = System.nanoTime();
          if (now >= countFrom && now < end) {
            latencies.add(now - sentAt[0]);
          }
          if (now >= end) {
            running.set(false);
          }
          long wait = perConnectionGapNs == 0 ? 0 : Math.max(0, sentAt[0] + perConnectionGapNs - now);
          if (wait < 1_000_000) {
            send[0].run();
          } else {
            vertx.setTimer(wait / 1_000_000, t -> send[0].run());
          }
        });
        vertx.setTimer(1 + (perConnectionGapNs == 0 ? 0 : (perConnectionGapNs / 1_000_000) * zone / CONNECTIONS), t -> send[0].run());
      });
    }
    done.await(seconds + 30L, TimeUnit.SECONDS);
    long[] l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    if (l.length == 0) {
      return "no ACKs";
    }
    return String.format("%.0f msg/s, ACK latency p50 %.1f ms, p99 %.1f ms (%d ACKs)",
        l.length / (double) (seconds - 1), l[l.length / 2] / 1e6, l[(int) (l.length * 0.99)] / 1e6, l.length);
  }

}
