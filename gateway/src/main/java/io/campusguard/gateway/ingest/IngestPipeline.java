package io.campusguard.gateway.ingest;

import io.campusguard.devices.Decoded;
import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.EventIds;
import io.campusguard.devices.Priority;
import io.campusguard.devices.PriorityPolicy;
import io.campusguard.devices.Rejection;
import io.campusguard.devices.body.DeviceHeartbeat;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.gateway.outbox.DeadLetter;
import io.campusguard.gateway.outbox.Outbox;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From one MQTT message of a device to the outbox: decode and validate, apply the local rules, choose the
 * lane, append. The returned future completes when the outcome is durable (the events committed, or the dead
 * letter written), which is when the caller may acknowledge the message to whoever holds it. It fails only
 * when the outbox cannot write: then the message must not be acknowledged, so its holder delivers it again.
 *
 * <p>Bad input never throws: it is counted by reason and kept as a dead letter. Only messages for the
 * gateway's own campus are accepted; another campus's topic is refused like any bad topic.
 *
 * <p>The device's event takes the id {@link EventIds#forDeviceMessage} derives from the publish, so a copy of
 * a publish already stored (the broker delivers it again when we died before acking it; a device resends it
 * when its PUBACK was lost) collapses onto the stored event in the outbox instead of becoming a second one.
 * What the rules add gets fresh ids: they are made once, when the rules see the message.
 */
public final class IngestPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);

  private final String campus;
  private final EventCodec codec;
  private final Outbox outbox;
  private final RulesHook rules;
  private final Clock clock;
  private final LongAdder received = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final Map<Priority, LongAdder> stored = new EnumMap<>(Priority.class);
  private final RecentRejections recentRejections = new RecentRejections(RecentRejections.DEFAULT_KEPT);

  public IngestPipeline(String campus, EventCodec codec, Outbox outbox, RulesHook rules, Clock clock) {
    this.campus = campus;
    this.codec = codec;
    this.outbox = outbox;
    this.rules = rules;
    this.clock = clock;
    for (Priority p : Priority.values()) {
      stored.put(p, new LongAdder());
    }
  }

  public CompletableFuture<IngestOutcome> ingest(String topic, byte[] payload) {
    received.increment();
    Decoded<DeviceMessage> decoded = decode(topic, payload);
    if (decoded.isOk() && !decoded.orElseThrow().campus().equals(campus)) {
      decoded = Decoded.rejected(
          new Rejection("topic.campus", Rejection.Reason.CAMPUS_MISMATCH, decoded.orElseThrow().campus() + " on the gateway of " + campus));
    }
    if (!decoded.isOk()) {
      return reject(topic, payload, decoded.rejection());
    }
    DeviceMessage message = decoded.orElseThrow();
    RulesHook.Decision decision;
    try {
      decision = rules.apply(message, clock.instant());
    } catch (RuntimeException e) {
      // A failing rule must not cost the event: forward it as it is.
      LOG.error("local rules failed on a message of {}: forwarding it unchanged", message.device(), e);
      decision = RulesHook.Decision.FORWARD;
    }
    List<DeviceMessage> toStore = new ArrayList<>(decision.extra().size() + 1);
    List<String> ids = new ArrayList<>(decision.extra().size() + 1);
    if (decision.forward()) {
      toStore.add(message);
      ids.add(EventIds.forDeviceMessage(message.campus(), message.device(), message.sourceTs(), payload));
    }
    for (DeviceMessage extra : decision.extra()) {
      toStore.add(extra);
      ids.add(EventIds.next());
    }
    if (toStore.isEmpty()) {
      skipped.increment();
      return CompletableFuture.completedFuture(new IngestOutcome.Skipped());
    }
    if (toStore.size() == 1) {
      // The usual case, without allOf and its joins: these stages run on the outbox's writer thread at commit.
      Priority lane = PriorityPolicy.of(toStore.get(0).body());
      return outbox.append(toStore.get(0), lane, ids.get(0)).thenApply(e -> {
        stored.get(lane).increment();
        return new IngestOutcome.Stored(List.of(e));
      });
    }
    List<CompletableFuture<EventEnvelope>> appends = new ArrayList<>(toStore.size());
    for (int i = 0; i < toStore.size(); i++) {
      DeviceMessage m = toStore.get(i);
      Priority lane = PriorityPolicy.of(m.body());
      appends.add(outbox.append(m, lane, ids.get(i)).thenApply(e -> {
        stored.get(lane).increment();
        return e;
      }));
    }
    return CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new))
        .thenApply(v -> new IngestOutcome.Stored(appends.stream().map(CompletableFuture::join).toList()));
  }

  /**
   * A second delivery of a message that another subscription delivers in full (the campus connector's main
   * session also receives the panic presses its panic session ingests). Stores the device's event under the id
   * derived from the publish, so whichever copy comes first makes it durable and the other collapses onto it in
   * the outbox; it applies no rules, writes no dead letter and counts nothing, which the full delivery does.
   * Completes when the event is durable, or at once when there is nothing to store (bad input, a heartbeat).
   */
  public CompletableFuture<IngestOutcome> ingestCopy(String topic, byte[] payload) {
    Decoded<DeviceMessage> decoded = decode(topic, payload);
    if (!decoded.isOk()) {
      return CompletableFuture.completedFuture(new IngestOutcome.Rejected(decoded.rejection()));
    }
    DeviceMessage m = decoded.orElseThrow();
    if (!m.campus().equals(campus) || m.body() instanceof DeviceHeartbeat) {
      return CompletableFuture.completedFuture(new IngestOutcome.Skipped());
    }
    String id = EventIds.forDeviceMessage(m.campus(), m.device(), m.sourceTs(), payload);
    return outbox.appendExpectedCopy(m, PriorityPolicy.of(m.body()), id).thenApply(e -> new IngestOutcome.Stored(List.of(e)));
  }

  private Decoded<DeviceMessage> decode(String topic, byte[] payload) {
    try {
      return codec.decodeDevice(topic, payload);
    } catch (RuntimeException e) {
      // The codec promises not to throw; if it ever does, the input is still only refused.
      return Decoded.rejected(new Rejection("payload", Rejection.Reason.WRONG_SHAPE, "decoder failed: " + e));
    }
  }

  /**
   * Input a connector could not read itself (a bad frame of its protocol): counted as refused and kept as a dead
   * letter with the reason, as bad input on MQTT is. Completes when the dead letter is written.
   */
  public CompletableFuture<IngestOutcome> refuse(String source, byte[] raw, Rejection rejection) {
    received.increment();
    return reject(source, raw == null ? new byte[0] : raw, rejection);
  }

  private CompletableFuture<IngestOutcome> reject(String topic, byte[] payload, Rejection rejection) {
    rejected.increment();
    recentRejections.add(clock.instant(), topic, rejection);
    LOG.debug("refused a message on {}: {}", topic, rejection);
    return outbox.deadLetter(DeadLetter.of(clock.instant(), topic, payload, rejection))
        .thenApply(v -> new IngestOutcome.Rejected(rejection));
  }

  public long received() {
    return received.sum();
  }

  public long rejected() {
    return rejected.sum();
  }

  /** The last few refusals (when, where, why), newest first: what the heartbeat shows the county. */
  public List<io.campusguard.devices.body.GatewayHealth.Refusal> recentRejections() {
    return recentRejections.newestFirst();
  }

  public long skipped() {
    return skipped.sum();
  }

  public long stored(Priority lane) {
    return stored.get(lane).sum();
  }
}
