package io.campusguard.gateway.uplink;

import io.campusguard.devices.CommitAck;
import io.campusguard.devices.Decoded;
import io.campusguard.devices.EventIds;
import io.campusguard.devices.GatewayStatus;
import io.campusguard.devices.Priority;
import io.campusguard.devices.Topics;
import io.campusguard.devices.Topics.CountyChannel;
import io.campusguard.devices.body.GatewayHealth;
import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.gateway.mqtt.MqttEndpoint;
import io.campusguard.gateway.mqtt.ReconnectingMqttClient;
import io.campusguard.gateway.outbox.Outbox;
import io.campusguard.gateway.outbox.StoredEvent;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox to the county broker and deletes from it only what the hub's commit acks cover.
 *
 * <p>Threads: all decisions ({@link UplinkPlanner}) run on {@code loop}, an executor that runs one task at a
 * time (a Vert.x context in the gateway, a single thread in tests). Paho's callbacks and the outbox's futures
 * only hand work over to it. Publishing with the async client never blocks.
 *
 * <p>At each connect the gateway publishes a STARTED status with this process's boot id, then a HEARTBEAT
 * every heartbeat interval, carrying the clock offset to the hub estimated from the acks' hub times
 * ({@link ClockOffsetEstimator}); the broker publishes the OFFLINE last will when the gateway vanishes.
 */
public final class Uplink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Uplink.class);
  private static final Random JITTER = new Random();

  private final String campus;
  private final String gatewayId;
  private final String bootId = EventIds.next();
  private final UplinkConfig config;
  private final Outbox outbox;
  private final EventCodec codec;
  private final Clock clock;
  private final Executor loop;
  private final ScheduledExecutorService scheduler;
  private final HeartbeatSources reports;
  private final ReconnectingMqttClient mqtt;
  private final UplinkPlanner planner;
  private final AtomicInteger publishesInFlight = new AtomicInteger();
  private final AtomicLong eventsSent = new AtomicLong();
  private final AtomicLong eventsResent = new AtomicLong();
  private final AtomicLong eventsAcked = new AtomicLong();
  private final AtomicLong badAcks = new AtomicLong();
  private final AtomicLong acksBeyondSent = new AtomicLong();
  /** The highest sequence this process has handed to the county broker; a committed-up-to beyond it is forged. */
  private final AtomicLong highestSentSeq = new AtomicLong();
  private final ClockOffsetEstimator clockOffset = new ClockOffsetEstimator();
  private volatile boolean connected;
  /** Whether the outbox may hold something the last read did not return; saves idle reads (129 gateways). */
  private volatile boolean outboxDirty = true;
  private boolean reading;
  private boolean pumpQueued;
  private ScheduledFuture<?> ticker;
  private ScheduledFuture<?> heartbeats;

  public Uplink(
      String campus,
      String gatewayId,
      MqttEndpoint county,
      UplinkConfig config,
      Outbox outbox,
      EventCodec codec,
      Clock clock,
      Executor loop,
      ScheduledExecutorService scheduler,
      HeartbeatSources reports) throws MqttException {
    this.campus = campus;
    this.gatewayId = gatewayId;
    this.config = config;
    this.outbox = outbox;
    this.codec = codec;
    this.clock = clock;
    this.loop = loop;
    this.scheduler = scheduler;
    this.reports = reports;
    this.planner = new UplinkPlanner(config, clock.millis());
    byte[] will = codec.encodeStatus(status(GatewayHealth.State.OFFLINE));
    this.mqtt = new ReconnectingMqttClient(
        "county-uplink " + campus,
        county,
        options -> {
          MqttMessage lastWill = new MqttMessage(will);
          lastWill.setQos(1);
          options.setWill(Topics.county(campus, CountyChannel.STATUS), lastWill);
        },
        scheduler,
        new ReconnectingMqttClient.Handler() {
          @Override
          public void connected(MqttAsyncClient client, boolean sessionPresent) {
            onConnected(client);
          }

          @Override
          public void messageArrived(String topic, MqttMessage message) {
            onAck(message.getPayload());
          }

          @Override
          public void lost(String reason) {
            connected = false;
          }
        });
  }

  public void start() {
    outbox.onAppended(lanes -> {
      outboxDirty = true;
      // Alarms go at once; telemetry waits for the linger tick to fill batches.
      if (lanes.contains(Priority.P0) || lanes.contains(Priority.P1)) {
        requestPump();
      }
    });
    long linger = config.lingerInterval().toMillis();
    ticker = scheduler.scheduleWithFixedDelay(this::requestPump, linger, linger, TimeUnit.MILLISECONDS);
    long hb = config.heartbeatInterval().toMillis();
    heartbeats = scheduler.scheduleWithFixedDelay(() -> publishStatus(GatewayHealth.State.HEARTBEAT), hb, hb, TimeUnit.MILLISECONDS);
    mqtt.start();
  }

  public ConnectorState state() {
    return mqtt.state();
  }

  public String bootId() {
    return bootId;
  }

  public long eventsSent() {
    return eventsSent.get();
  }

  public long eventsResent() {
    return eventsResent.get();
  }

  public long eventsAcked() {
    return eventsAcked.get();
  }

  /** Commit acks whose committed-up-to went beyond the last sequence sent: refused, a security event each. */
  public long acksBeyondSent() {
    return acksBeyondSent.get();
  }

  /** The hub's clock minus ours, estimated from commit acks (see {@link ClockOffsetEstimator}); 0 until known. */
  public long clockOffsetMs() {
    return clockOffset.offsetMs();
  }

  /** For tests: drop the county connection as a network failure would. */
  public void dropConnection() {
    connected = false;
    mqtt.dropConnection();
  }

  private void onConnected(MqttAsyncClient client) {
    // Acks first: sending before the ack subscription is in place would only cause resends.
    try {
      client.subscribe(new MqttSubscription[] {new MqttSubscription(Topics.county(campus, CountyChannel.ACK), 1)}, null,
          new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              startSending();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
              LOG.error("uplink {}: ack subscription refused, reconnecting: {}", campus, String.valueOf(failure));
              mqtt.dropConnection();
            }
          }, new MqttProperties());
    } catch (MqttException e) {
      LOG.error("uplink {}: cannot subscribe to acks, reconnecting: {}", campus, e.toString());
      mqtt.dropConnection();
    }
  }

  private void startSending() {
    publishStatus(GatewayHealth.State.STARTED);
    long jitter = config.replayJitter().toMillis() == 0 ? 0 : JITTER.nextLong(config.replayJitter().toMillis() + 1);
    loop.execute(() -> {
      outboxDirty = true;
      planner.reset(clock.millis() + jitter);
      publishesInFlight.set(0);
      connected = true;
      pump();
    });
  }

  private void onAck(byte[] payload) {
    java.time.Instant receivedAt = clock.instant();
    Decoded<CommitAck> decoded = codec.decodeAck(payload);
    if (!decoded.isOk() || !decoded.orElseThrow().campus().equals(campus)) {
      badAcks.incrementAndGet();
      LOG.warn("uplink {}: ignoring a bad commit ack: {}", campus, decoded.isOk() ? "campus " + decoded.orElseThrow().campus() : decoded.rejection());
      return;
    }
    // A committed-up-to counted for another outbox (this campus's before a reinstall) says nothing about ours.
    CommitAck ack = decoded.orElseThrow().forOutbox(outbox.outboxId());
    long sentUpTo = highestSentSeq.get();
    if (ack.committedUpTo() > sentUpTo) {
      // The hub can only have committed what we sent: an ack beyond it (anyone who may publish on the ack topic)
      // would delete alarms still waiting to go. Its committed-up-to is refused; its event ids still count, as
      // they only name events the hub stored. After a restart, a true ack for events sent before it can land here
      // once; its events are then sent again and acked by id, nothing is lost.
      acksBeyondSent.incrementAndGet();
      LOG.warn("security: uplink {}: refused a commit ack up to {}, beyond the last sequence sent ({})", campus,
          ack.committedUpTo(), sentUpTo);
      ack = new CommitAck(ack.campus(), ack.eventIds(), 0, ack.hubTime().orElse(null), ack.outboxId());
    }
    ack.hubTime().ifPresent(hubTs -> clockOffset.sample(hubTs, receivedAt));
    CommitAck accepted = ack;
    outbox.acknowledge(accepted).whenComplete((n, failure) -> {
      if (failure != null) {
        LOG.error("uplink {}: deleting acked events failed; they stay and will be sent again", campus, failure);
        return;
      }
      eventsAcked.addAndGet(n);
    });
    loop.execute(() -> {
      if (planner.acked(accepted) > 0) {
        outboxDirty = true; // the window has room again
      }
      pump();
    });
  }

  private void requestPump() {
    synchronized (this) {
      if (pumpQueued) {
        return;
      }
      pumpQueued = true;
    }
    loop.execute(() -> {
      synchronized (this) {
        pumpQueued = false;
      }
      pump();
    });
  }

  /** On the loop: resend what timed out, then read and send what the window, pacing and broker allow. */
  private void pump() {
    if (!connected || reading) {
      return;
    }
    long now = clock.millis();
    for (List<StoredEvent> batch : planner.dueForResend(now)) {
      if (!publish(batch)) {
        break; // left in the window: the next resend round takes them
      }
      eventsResent.addAndGet(batch.size());
    }
    int slots = config.maxPublishesInFlight() - publishesInFlight.get();
    if (slots <= 0 || !outboxDirty) {
      return;
    }
    // Telemetry leaves one publish slot to the next alarm; alarms are read first, up to a batch of them per free
    // slot, and are not held by the window (see UplinkPlanner). The alarms' room is theirs alone: filled with
    // telemetry the planner cannot send now, it was read again at every pump (a sixth of the gateway's rate).
    int alarms = slots * UplinkPlanner.P0_BATCH_EVENTS;
    int telemetry = Math.min(planner.readBudget(now), config.maxBatchEvents() * telemetrySlots(slots)) + slots;
    int room = telemetry + alarms;
    reading = true;
    outboxDirty = false; // an append from now on sets it again
    // Read no more than can go out now.
    outbox.nextStored(planner.cursors(), room, alarms, telemetry).whenComplete((events, failure) -> loop.execute(() -> {
      reading = false;
      if (failure != null) {
        outboxDirty = true;
        LOG.error("uplink {}: reading the outbox failed", campus, failure);
        return;
      }
      if (!connected) {
        outboxDirty = true;
        return;
      }
      long at = clock.millis();
      long p0 = events.stream().filter(e -> e.priority() == Priority.P0).count();
      if (p0 >= alarms || events.size() - p0 >= telemetry) {
        outboxDirty = true; // the read was full: there may be more behind it
      }
      int free = Math.max(0, config.maxPublishesInFlight() - publishesInFlight.get());
      List<List<StoredEvent>> batches = planner.plan(events, at, free, telemetrySlots(free));
      int sent = 0;
      for (int i = 0; i < batches.size(); i++) {
        if (publishesInFlight.get() >= config.maxPublishesInFlight() || !publish(batches.get(i))) {
          batches.subList(i, batches.size()).forEach(b -> planner.returnUnsent(b, at));
          break;
        }
        sent += batches.get(i).size();
      }
      if (sent < events.size()) {
        outboxDirty = true; // paced, held or no publish slot: read them again later
      }
      eventsSent.addAndGet(sent);
      if (sent > 0 && publishesInFlight.get() < config.maxPublishesInFlight()) {
        pump(); // there may be more right behind
      }
    }));
  }

  /** Of {@code free} publish slots, how many telemetry may use: all but one, unless there is only one at all. */
  private int telemetrySlots(int free) {
    return config.maxPublishesInFlight() > 1 ? Math.max(0, free - 1) : free;
  }

  /** Publishes one batch; false when the client refused to start the publish (then nothing was sent). */
  private boolean publish(List<StoredEvent> events) {
    byte[] payload = BatchFrame.encode(campus, EventIds.next(), events, outbox.outboxId());
    publishesInFlight.incrementAndGet();
    // Before the publish: the hub's ack may come back before this thread runs on.
    highestSentSeq.accumulateAndGet(events.stream().mapToLong(StoredEvent::seq).max().orElse(0), Math::max);
    try {
      mqtt.client().publish(Topics.county(campus, channelOf(events)), payload, 1, false, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          publishesInFlight.decrementAndGet();
          requestPump();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
          // The events stay in the window: the resend timer sends them again.
          publishesInFlight.decrementAndGet();
        }
      });
      return true;
    } catch (MqttException | RuntimeException e) {
      publishesInFlight.decrementAndGet();
      LOG.debug("uplink {}: publish refused: {}", campus, e.toString());
      return false;
    }
  }

  /** P0 batches go on the alarms channel, which hubs read on a session of its own, so they never queue behind telemetry. */
  static CountyChannel channelOf(List<StoredEvent> batch) {
    return batch.stream().allMatch(e -> e.priority() == Priority.P0) ? CountyChannel.ALARMS : CountyChannel.EVENTS;
  }

  private void publishStatus(GatewayHealth.State state) {
    if (mqtt.state() != ConnectorState.UP) {
      return;
    }
    try {
      byte[] payload = codec.encodeStatus(status(state));
      mqtt.client().publish(Topics.county(campus, CountyChannel.STATUS), payload, state == GatewayHealth.State.HEARTBEAT ? 0 : 1, false);
    } catch (MqttException | RuntimeException e) {
      LOG.debug("uplink {}: status not published: {}", campus, e.toString());
    }
  }

  /** The gateway's health as it is now. */
  public GatewayHealth health(GatewayHealth.State state) {
    Map<String, ConnectorState> connectors = new java.util.TreeMap<>();
    Map<String, String> reasons = new java.util.TreeMap<>();
    reports.connectors().forEach((name, status) -> {
      connectors.put(name, status.state());
      if (status.reason() != null) {
        reasons.put(name, status.reason());
      }
    });
    connectors.put("county", mqtt == null ? ConnectorState.DOWN : mqtt.state()); // null while building the will
    long offsetMs = clockOffset.offsetMs();
    return new GatewayHealth(state, bootId, outbox.laneStats(), offsetMs, connectors, reasons, reports.deviceInput(), reports.profiles());
  }

  private GatewayStatus status(GatewayHealth.State state) {
    return new GatewayStatus(campus, gatewayId, clock.instant(), health(state));
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.cancel(false);
    }
    if (heartbeats != null) {
      heartbeats.cancel(false);
    }
    connected = false;
    // A clean disconnect discards the last will, so say OFFLINE ourselves.
    publishStatus(GatewayHealth.State.OFFLINE);
    mqtt.close();
  }
}
