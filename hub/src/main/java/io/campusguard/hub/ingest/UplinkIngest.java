package io.campusguard.hub.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campusguard.devices.CommitAck;
import io.campusguard.devices.Decoded;
import io.campusguard.devices.DecodedBatch;
import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.EventIds;
import io.campusguard.devices.Rejection;
import io.campusguard.devices.Topics;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.hub.alarms.AlarmRules;
import io.campusguard.hub.engine.AlarmWriter;
import io.campusguard.hub.store.CommitResult;
import io.campusguard.hub.store.DeadLetter;
import io.campusguard.hub.store.DeadLetterStore;
import io.campusguard.hub.store.EventStore;
import io.campusguard.hub.store.GroupCommitter;
import io.campusguard.hub.supervision.PathLatency;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import io.campusguard.hub.logging.FloodedWarnings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One uplink batch from arrival to commit ack: check the topic, decode, refuse a batch that claims another
 * campus than its topic (a security event: nothing stored, nothing acked), keep bad events aside with their
 * reason, commit the good ones (together with other campuses' batches that arrive meanwhile: {@link GroupCommitter}),
 * then tell the gateway what is committed. New events that can raise alarms go on to the alarm engine after the
 * ack: the ack means "in the database", not "alarm shown".
 */
public final class UplinkIngest {
  private static final Logger LOG = LoggerFactory.getLogger(UplinkIngest.class);
  // One line per kind and 10 s when they come in floods (a hub stopping under load, the broker gone).
  private final FloodedWarnings warnings = new FloodedWarnings(LOG);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Vertx vertx;
  private final EventCodec codec;
  private final EventStore events;
  private final EventStore alarmEvents;
  private final GroupCommitter grouped;
  private final DeadLetterStore deadLetters;
  private final AlarmWriter alarms;
  private final BiFunction<String, byte[], Future<Void>> publisher;
  private BiFunction<String, byte[], Future<Void>> alarmPublisher;
  private final PathLatency latency;
  private final IngestCounters counters;
  private final Clock clock;
  private final Duration lateBound;
  private final Consumer<List<EventEnvelope>> newEvents;
  private BiConsumer<String, DecodedBatch> committedBatches = (campus, batch) -> {};
  private BiConsumer<String, DecodedBatch> campusMismatches = (campus, batch) -> {};

  /**
   * @param newEvents receives each batch's newly stored events (time series), on this context
   * @param publisher publishes (topic, payload) at QoS 1 on the county broker */
  public UplinkIngest(Vertx vertx, EventCodec codec, EventStore events, DeadLetterStore deadLetters, AlarmWriter alarms,
      BiFunction<String, byte[], Future<Void>> publisher, PathLatency latency, IngestCounters counters, Clock clock, Duration lateBound,
      Consumer<List<EventEnvelope>> newEvents) {
    this(vertx, codec, events, events, deadLetters, alarms, publisher, latency, counters, clock, lateBound, newEvents);
  }

  /**
   * @param alarmEvents the event store for batches on the alarms channel: the same database through a pool of its
   *     own, so a P0 commit never waits for a connection behind telemetry commits */
  public UplinkIngest(Vertx vertx, EventCodec codec, EventStore events, EventStore alarmEvents, DeadLetterStore deadLetters,
      AlarmWriter alarms, BiFunction<String, byte[], Future<Void>> publisher, PathLatency latency, IngestCounters counters, Clock clock,
      Duration lateBound, Consumer<List<EventEnvelope>> newEvents) {
    this.vertx = vertx;
    this.codec = codec;
    this.events = events;
    this.alarmEvents = alarmEvents;
    this.grouped = new GroupCommitter(events);
    this.deadLetters = deadLetters;
    this.alarms = alarms;
    this.publisher = publisher;
    this.latency = latency;
    this.counters = counters;
    this.clock = clock;
    this.lateBound = lateBound;
    this.newEvents = newEvents;
  }

  /**
   * Publishes the commit acks of alarm batches through {@code urgent} (the hub's alarm session) rather than the
   * telemetry acks' queue, so a P0's ack never waits for a slot behind them.
   */
  public UplinkIngest withAlarmAcks(BiFunction<String, byte[], Future<Void>> urgent) {
    this.alarmPublisher = urgent;
    return this;
  }

  /** Also tells {@code observer} (campus, batch) of each batch once it is committed and acked: the security checks run there. */
  public UplinkIngest observeCommitted(BiConsumer<String, DecodedBatch> observer) {
    this.committedBatches = observer;
    return this;
  }

  /**
   * Also tells {@code observer} (the topic's campus, the refused batch) of each batch refused for naming another
   * campus, on this context, as the refusal is kept; the refusal neither waits for it nor depends on it. It is
   * counted here already ({@code cg_security_events_total{kind="campus_mismatch"}}).
   */
  public UplinkIngest observeCampusMismatch(BiConsumer<String, DecodedBatch> observer) {
    this.campusMismatches = observer;
    return this;
  }

  /** Handles one message on {@code county/{campus}/events} or {@code …/alarms}; the future completes when it may be acknowledged. */
  public Future<Void> handle(String topic, byte[] payload) {
    counters.batches.increment();
    Instant received = clock.instant();
    boolean alarm = topic.endsWith("/" + Topics.CountyChannel.ALARMS.wireName());
    // Decoding and preparing rows is CPU work on up to 4 MiB: workers do it, unordered, so batches spread over cores.
    // An alarm batch (one P0 event, well under a kilobyte) is examined here at once rather than queued behind them.
    Future<Examined> examined = alarm && payload != null && payload.length <= INLINE_ALARM_BYTES
        ? Future.succeededFuture(examine(topic, payload, received))
        : vertx.executeBlocking(() -> examine(topic, payload, received), false);
    return examined.compose(x -> {
      if (x.refusal() != null) {
        Future<Void> kept = refuseBatch(x.campus(), topic, payload, x.refusal(), received);
        if (x.batch() != null) {
          reportMismatch(x.campus(), x.batch());
        }
        return kept;
      }
      return store(x, alarm).onSuccess(v -> committedBatches.accept(x.campus(), x.batch()));
    });
  }

  /** Largest alarm batch examined on the event loop (tens of microseconds); a bigger one goes to a worker. */
  static final int INLINE_ALARM_BYTES = 16 * 1024;

  /** What a batch turned out to be: refused as a whole (with the batch when it was refused for its campus), or accepted with its bad events set aside. */
  private record Examined(String campus, Rejection refusal, DecodedBatch batch, List<DeadLetter> bad, Set<String> badIds,
      EventStore.PreparedBatch prepared) {
    static Examined refused(String campus, Rejection why) {
      return new Examined(campus, why, null, List.of(), Set.of(), null);
    }
  }

  private Examined examine(String topic, byte[] payload, Instant received) {
    Decoded<Topics.CountyTopic> where = Topics.parseCounty(topic);
    if (!where.isOk() || !carriesEvents(where.orElseThrow().channel())) {
      return Examined.refused(null, where.isOk() ? new Rejection("topic", Rejection.Reason.BAD_TOPIC, "not an events topic") : where.rejection());
    }
    String campus = where.orElseThrow().campus();
    Decoded<DecodedBatch> decoded = codec.decodeBatch(payload);
    if (!decoded.isOk()) {
      return Examined.refused(campus, decoded.rejection());
    }
    DecodedBatch batch = decoded.orElseThrow();
    if (!batch.campus().equals(campus)) {
      counters.campusMismatch.increment();
      // WARN comes from the security event log, once per sender and claimed campus: a flood of forged batches logs one line.
      LOG.debug("security: batch {} claims campus {} but arrived on {}: refused", batch.batchId(), batch.campus(),
          io.campusguard.runtime.logging.LogText.clean(topic));
      Rejection why = new Rejection("campus", Rejection.Reason.CAMPUS_MISMATCH, batch.campus() + " on the topic of " + campus);
      return new Examined(campus, why, batch, List.of(), Set.of(), null);
    }
    List<DeadLetter> bad = new ArrayList<>();
    Set<String> badIds = new LinkedHashSet<>();
    for (DecodedBatch.RejectedItem item : batch.rejected()) {
      bad.add(new DeadLetter(campus, topic, item.raw(), item.rejection(), received));
      idOf(item.raw()).ifPresent(badIds::add);
    }
    EventStore.PreparedBatch prepared =
        batch.events().isEmpty() ? null : events.prepare(campus, batch.outboxId(), batch.events(), clock.instant(), AlarmRules::mayRaise);
    return new Examined(campus, null, batch, bad, badIds, prepared);
  }

  /**
   * Telemetry batches go through the group commit, so batches of many campuses that arrive together share a
   * transaction; an alarm batch is committed at once on its own pool, never queued behind a telemetry group.
   */
  private Future<Void> store(Examined x, boolean alarm) {
    EventStore events = alarm ? alarmEvents : this.events;
    String campus = x.campus();
    DecodedBatch batch = x.batch();
    counters.eventsRejected.increment(x.bad().size());
    List<EventEnvelope> good = batch.events();
    return deadLetters.keep(x.bad())
        .compose(v -> x.prepared() == null
            ? events.committedUpTo(campus, batch.outboxId()).map(upTo -> new CommitResult(List.of(), Set.of(), upTo, null))
            : alarm ? alarmEvents.commit(x.prepared()) : grouped.commit(x.prepared()))
        .compose(result -> {
          Instant committedAt = clock.instant();
          record(good, result, committedAt);
          // A dead-lettered event is kept in the database too, and would be refused again: ack it so the
          // gateway stops resending it (its seq stays a gap, which is what it is).
          List<String> ids = new ArrayList<>(result.committedIds());
          x.badIds().stream().filter(id -> !result.committedIds().contains(id)).forEach(ids::add);
          // committedUpTo counts the batch's own outbox: a reinstalled gateway's new outbox starts again at 1.
          CommitAck ack = new CommitAck(campus, ids, result.committedUpTo(), clock.instant(), batch.outboxId());
          Future<Void> acked = (alarm && alarmPublisher != null ? alarmPublisher : publisher).apply(Topics.county(campus, Topics.CountyChannel.ACK), codec.encodeAck(ack))
              .onSuccess(y -> counters.acks.increment())
              // Committed but not acked: the gateway resends, the events are duplicates, and that ack goes out.
              .onFailure(err -> warnings.warn("ack not published", "ack for batch {} of {} not published: {}", batch.batchId(), campus, err.toString()))
              .recover(err -> Future.succeededFuture());
          List<EventEnvelope> fresh = new ArrayList<>();
          for (EventEnvelope e : good) {
            if (result.newIds().contains(e.id())) {
              fresh.add(e);
              if (AlarmRules.mayRaise(e)) {
                alarms.apply(e, committedAt);
              }
            }
          }
          newEvents.accept(fresh);
          return acked;
        })
        .onFailure(err -> {
          counters.commitFailures.increment();
          warnings.warn("batch not committed", "batch {} of {} not committed (the gateway will resend): {}", batch.batchId(), campus, err.toString());
        });
  }

  private void record(List<EventEnvelope> good, CommitResult result, Instant committedAt) {
    int fresh = 0;
    for (EventEnvelope e : good) {
      if (result.newIds().contains(e.id())) {
        fresh++;
        long ms = Duration.between(e.sourceTs(), committedAt).toMillis();
        // Backlog after an outage is an outage, not path latency: availability accounts for it.
        if (ms <= lateBound.toMillis()) {
          latency.record(e.campus(), ms);
        }
      }
    }
    counters.eventsNew.increment(fresh);
    counters.eventsDuplicate.increment(good.size() - fresh);
  }

  private void reportMismatch(String campus, DecodedBatch batch) {
    try {
      campusMismatches.accept(campus, batch);
    } catch (RuntimeException e) {
      LOG.warn("security: campus mismatch of batch {} on {} not reported: {}", batch.batchId(), campus, e.toString());
    }
  }

  private Future<Void> refuseBatch(String campus, String topic, byte[] payload, Rejection why, Instant at) {
    counters.batchesRejected.increment();
    int n = payload == null ? 0 : Math.min(payload.length, DeadLetter.MAX_RAW);
    String raw = payload == null ? "" : new String(payload, 0, n, StandardCharsets.UTF_8);
    return deadLetters.keep(List.of(new DeadLetter(campus, topic, raw, why, at)));
  }

  /** Batches come on {@code events}, and P0 batches of newer gateways on {@code alarms}. */
  private static boolean carriesEvents(Topics.CountyChannel channel) {
    return channel == Topics.CountyChannel.EVENTS || channel == Topics.CountyChannel.ALARMS;
  }

  private static java.util.Optional<String> idOf(String raw) {
    try {
      JsonNode node = JSON.readTree(raw);
      JsonNode id = node == null ? null : node.get("id");
      return id != null && id.isTextual() && EventIds.isValid(id.textValue()) ? java.util.Optional.of(id.textValue()) : java.util.Optional.empty();
    } catch (Exception e) {
      return java.util.Optional.empty();
    }
  }
}
