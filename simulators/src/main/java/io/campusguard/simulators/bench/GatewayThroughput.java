package io.campusguard.simulators.bench;

import io.campusguard.devices.EventIds;
import io.campusguard.devices.EventKind;
import io.campusguard.devices.Priority;
import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.gateway.app.CampusGateway;
import io.campusguard.gateway.config.BrokerLink;
import io.campusguard.gateway.config.EmbeddedBrokerSettings;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.gateway.config.HttpSettings;
import io.campusguard.gateway.config.OutboxSettings;
import io.campusguard.gateway.mqtt.EmbeddedCampusBroker;
import io.campusguard.gateway.rules.LocalRulesHook;
import io.campusguard.gateway.rules.LocalRules;
import io.campusguard.gateway.rules.LocalRulesConfig;
import io.campusguard.gateway.uplink.UplinkConfig;
import io.campusguard.runtime.net.NoDelaySocketFactory;
import io.campusguard.simulators.report.LatencyStats;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The gateway's part of the benchmark: a real {@link CampusGateway} in this JVM (outbox on disk, the county's
 * default local rules, uplink to the county side on the benchmark's Mosquitto). Its campus side is either that
 * same Mosquitto, read through the gateway's Paho subscription ({@link #measure}), or the gateway's own embedded
 * HiveMQ campus broker, whose publish interceptor ingests each device publish and holds its PUBACK until the
 * outbox has it ({@link #measureEmbedded}: the default deployment).
 * Devices publish the mix at QoS 1 with the raw baseline's in-flight window; a {@link CountyAcker} acks every
 * event. Each publish's event id is known in advance ({@link EventIds#forDeviceMessage}), so every receipt is
 * matched to its publish: the rate is first publish to last first receipt, the latency publish to first receipt.
 *
 * <p>Two phases after a warm-up: at full load (devices publish as fast as the broker takes them, which gives
 * the rate; latencies then include the queue that builds before the gateway), and paced (a fixed rate below
 * the gateway's capacity, which gives the latency of an alarm when the gateway keeps up).
 *
 * <p>The uplink's replay pacing is lifted: it protects the hub from 129 gateways replaying at once, it is not
 * the gateway's capacity, and it would cap this measurement at its 2,000 events/s.
 */
public final class GatewayThroughput {
  static final String CAMPUS = "BENCH";
  static final double UNPACED_RATE_PER_S = 1_000_000;
  private static final Duration READY_LIMIT = Duration.ofSeconds(30);

  /**
   * @param latencyMs device publish to county-side receipt, every event
   * @param p0LatencyMs the same for the P0 events (panic presses) only
   * @param copiesReceived events received again under an id already received (resends after the ack timeout)
   * @param gatewayMadeEvents events of the gateway's own (its rules' alarms), not counted in the rate
   */
  /** @param fullLoadCpu the whole machine's CPU use over the full-load phase */
  public record Result(Phase fullLoad, Phase paced, long copiesReceived, long gatewayMadeEvents, long rejected, long duplicatesCollapsed,
      MachineCpu.Use fullLoadCpu) {
    public long messages() {
      return fullLoad.messages();
    }

    public double ratePerS() {
      return fullLoad.ratePerS();
    }

    public LatencyStats.Latency latencyMs() {
      return fullLoad.latencyMs();
    }

    public LatencyStats.Latency p0LatencyMs() {
      return fullLoad.p0LatencyMs();
    }
  }

  /**
   * One phase's figures.
   *
   * @param offeredRatePerS the devices' publishing rate (for the full-load phase: as fast as the broker acks)
   * @param ratePerS messages over the time from first publish to last receipt at the county side
   */
  public record Phase(long messages, long p0Messages, double offeredRatePerS, double ratePerS, LatencyStats.Latency latencyMs,
      LatencyStats.Latency p0LatencyMs) {}

  private final EventCodec codec = EventCodec.withDefaults();
  private final Map<String, Long> sentAtNanos = new ConcurrentHashMap<>();
  private final Set<String> p0Ids = ConcurrentHashMap.newKeySet();
  private final Set<String> arrived = ConcurrentHashMap.newKeySet();
  private final AtomicLong copies = new AtomicLong();
  private final AtomicLong gatewayMade = new AtomicLong();
  private volatile Run phase;
  private Instant lastTs = Instant.EPOCH;
  private long published;

  /**
   * The default deployment's figures: the raw rate of the gateway's own embedded broker (Paho → HiveMQ → Paho on
   * a topic outside {@code campus/}, which its interceptor lets pass untouched), then the gateway through it.
   */
  public record Embedded(RawBrokerBaseline.Result raw, Result gateway) {
    public double gatewayToRaw() {
      return gateway.ratePerS() / raw.ratePerS();
    }
  }

  /** What runs on the campus broker once the gateway is up, before the devices publish. */
  private interface Probe {
    RawBrokerBaseline.Result run(String campusUrl) throws Exception;
  }

  private GatewayThroughput() {}

  /** Campus side and county side on the one broker at {@code brokerUrl}; the gateway subscribes with Paho. */
  static Result measure(String brokerUrl, Path workDir, int messages, int warmup, DeviceMix mix, int pacedMessages, double pacedRatePerS)
      throws Exception {
    return new GatewayThroughput().run(brokerUrl, brokerUrl, workDir, messages, warmup, mix, pacedMessages, pacedRatePerS, null);
  }

  /**
   * Devices on the gateway's embedded campus broker, county side at {@code countyUrl}. The raw baseline runs on
   * that embedded broker first (after a warm-up of {@code warmup} messages of its own, so HiveMQ's JIT is warm
   * for both), with the same count and payload size as the other raw runs.
   */
  static Embedded measureEmbedded(String countyUrl, Path workDir, int messages, int warmup, DeviceMix mix, int pacedMessages,
      double pacedRatePerS, int payloadBytes) throws Exception {
    RawBrokerBaseline.Result[] raw = new RawBrokerBaseline.Result[1];
    Result gateway = new GatewayThroughput().run(null, countyUrl, workDir, messages, warmup, mix, pacedMessages, pacedRatePerS, campusUrl -> {
      RawBrokerBaseline.measure(campusUrl, null, null, Math.max(1, warmup), payloadBytes);
      return raw[0] = RawBrokerBaseline.measure(campusUrl, null, null, messages, payloadBytes);
    });
    return new Embedded(raw[0], gateway);
  }

  /** @param campusUrl the external campus broker, or null for the gateway's embedded one */
  private Result run(String campusUrl, String countyUrl, Path workDir, int messages, int warmup, DeviceMix mix, int pacedMessages,
      double pacedRatePerS, Probe beforeDevices) throws Exception {
    GatewayConfig config = new GatewayConfig(
        CAMPUS, null, BrokerLink.of(campusUrl, null, null), BrokerLink.of(countyUrl, null, null),
        campusUrl == null ? new EmbeddedBrokerSettings("127.0.0.1", 0, workDir.resolve("campus-broker").toString()) : null,
        new OutboxSettings(workDir.resolve("outbox.db").toString(), null, null, null),
        new UplinkConfig(null, null, null, null, UNPACED_RATE_PER_S, Duration.ZERO, null, null),
        new HttpSettings("127.0.0.1", 0));
    Clock clock = Clock.systemUTC();
    LocalRulesHook rules = new LocalRulesHook(new LocalRules(LocalRulesConfig.defaults(CAMPUS), clock), clock);
    ExecutorService loop = Executors.newSingleThreadExecutor(daemon("bench-gateway-loop"));
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemon("bench-gateway-timers"));
    List<EventKind> cycle = mix.cycle();
    try (CountyAcker county = new CountyAcker(countyUrl, CAMPUS, this::onReceipt);
        CampusGateway gateway = CampusGateway.start(config, rules, clock, loop, scheduler)) {
      awaitUp(gateway);
      String devicesUrl = campusUrl != null ? campusUrl : ((EmbeddedCampusBroker) gateway.campusConnector()).url();
      if (beforeDevices != null) {
        beforeDevices.run(devicesUrl);
      }
      MqttAsyncClient devices = connect(devicesUrl);
      try {
        if (warmup > 0) {
          drive(devices, cycle, warmup, 0);
        }
        MachineCpu.Measured<Phase> full = MachineCpu.during(() -> drive(devices, cycle, messages, 0).figures());
        Phase fullLoad = full.value();
        Phase paced = drive(devices, cycle, pacedMessages, pacedRatePerS).figures();
        if (county.badBatches() > 0) {
          throw new IllegalStateException("the county side refused " + county.badBatches() + " batches");
        }
        return new Result(fullLoad, paced, copies.get(), gatewayMade.get(), gateway.pipeline().rejected(),
            gateway.outbox().duplicatesCollapsed(), full.cpu());
      } finally {
        devices.disconnect().waitForCompletion(5_000);
        devices.close();
      }
    } finally {
      loop.shutdownNow();
      scheduler.shutdownNow();
    }
  }

  /**
   * Publishes {@code count} messages of the mix, at {@code ratePerS} (0: as fast as the broker acks), and returns
   * once each has reached the county side.
   */
  private Run drive(MqttAsyncClient devices, List<EventKind> cycle, int count, double ratePerS) throws Exception {
    // Made before the clock starts: encoding the device JSON and deriving the ids is the devices' work, and the
    // raw and bridge runs do not pay for it either.
    DeviceMix.Publish[] pubs = new DeviceMix.Publish[count];
    String[] ids = new String[count];
    for (int i = 0; i < count; i++) {
      long n = published++;
      pubs[i] = DeviceMix.publish(codec, CAMPUS, cycle.get((int) (n % cycle.size())), n, nextTs());
      ids[i] = EventIds.forDeviceMessage(CAMPUS, pubs[i].device(), pubs[i].ts(), pubs[i].payload());
      if (pubs[i].priority() == Priority.P0) {
        p0Ids.add(ids[i]);
      }
    }
    Run p = new Run(count);
    phase = p;
    Semaphore window = new Semaphore(RawBrokerBaseline.IN_FLIGHT);
    MqttActionListener release = new MqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        window.release();
      }

      @Override
      public void onFailure(IMqttToken token, Throwable e) {
        window.release();
      }
    };
    for (int i = 0; i < count; i++) {
      DeviceMix.Publish pub = pubs[i];
      String id = ids[i];
      if (pub.priority() == Priority.P0) {
        p.p0++;
      }
      MqttMessage m = new MqttMessage(pub.payload());
      m.setQos(1);
      if (ratePerS > 0) {
        // An open schedule: message i is due at start + i / rate, whenever the previous one went.
        long due = p.startNanos + (long) (i * 1e9 / ratePerS);
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
      }
      window.acquire();
      if (sentAtNanos.putIfAbsent(id, System.nanoTime()) != null) {
        throw new IllegalStateException("two publishes with one id: " + pub.topic()); // nextTs() makes each payload unique
      }
      devices.publish(pub.topic(), m, null, release);
    }
    p.offeredNanos = System.nanoTime() - p.startNanos;
    long limitS = 120 + count / 1_000;
    if (!p.done.await(limitS, TimeUnit.SECONDS)) {
      throw new IllegalStateException("gateway benchmark: only " + (count - p.done.getCount()) + " of " + count
          + " messages reached the county side within " + limitS + " s");
    }
    return p;
  }

  /** On Paho's callback thread of the county side. */
  private void onReceipt(String id, long atNanos) {
    Long sent = sentAtNanos.remove(id);
    if (sent == null) {
      (arrived.add(id) ? gatewayMade : copies).incrementAndGet();
      return;
    }
    arrived.add(id);
    Run p = phase;
    long ms = TimeUnit.NANOSECONDS.toMillis(atNanos - sent);
    double atS = (atNanos - p.startNanos) / 1e9;
    p.all.record(atS, ms);
    if (p0Ids.contains(id)) {
      p.p0Latency.record(atS, ms);
    }
    p.lastNanos.accumulateAndGet(atNanos, Math::max);
    p.done.countDown();
  }

  /** Device timestamps strictly increase, so no two publishes of the run have the same payload (and id). */
  private Instant nextTs() {
    Instant now = Instant.now();
    lastTs = now.isAfter(lastTs) ? now : lastTs.plusNanos(1_000);
    return lastTs;
  }

  private static void awaitUp(CampusGateway gateway) {
    long deadline = System.nanoTime() + READY_LIMIT.toNanos();
    while (gateway.campusConnector().state() != ConnectorState.UP || gateway.uplink().state() != ConnectorState.UP) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the gateway did not connect both brokers within " + READY_LIMIT.toSeconds() + " s");
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  private static MqttAsyncClient connect(String url) throws MqttException {
    MqttAsyncClient c = new MqttAsyncClient(url, "bench-devices-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setSocketFactory(new NoDelaySocketFactory());
    o.setCleanStart(true);
    c.connect(o).waitForCompletion(10_000);
    return c;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** One phase of publishes: what has arrived of it, and when. LatencyStats are fed from one thread only. */
  private static final class Run {
    final int count;
    final CountDownLatch done;
    final long startNanos = System.nanoTime();
    final AtomicLong lastNanos = new AtomicLong(startNanos);
    final LatencyStats all = new LatencyStats(3600);
    final LatencyStats p0Latency = new LatencyStats(3600);
    long p0;
    long offeredNanos;

    Run(int count) {
      this.count = count;
      done = new CountDownLatch(count);
    }

    /** Read after {@link #done} has opened: the receipts happened before it. */
    Phase figures() {
      synchronized (this) {
        return new Phase(count, p0, count / Math.max(1e-9, offeredNanos / 1e9), count / Math.max(1e-9, (lastNanos.get() - startNanos) / 1e9),
            all.summary(), p0Latency.summary());
      }
    }
  }
}
