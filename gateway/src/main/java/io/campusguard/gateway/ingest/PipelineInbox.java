package io.campusguard.gateway.ingest;

import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.PriorityPolicy;
import io.campusguard.devices.Rejection;
import io.campusguard.devices.Topics;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.gateway.connector.DeviceInbox;
import io.campusguard.gateway.connector.InboxFullException;
import io.campusguard.gateway.outbox.Outbox;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The connectors' {@link DeviceInbox}, in front of the gateway's {@link IngestPipeline}: at most {@code maxInFlight}
 * device messages wait for the outbox at once; beyond that a message is refused at once (its future fails with
 * {@link InboxFullException}, counted as {@link #busy()}), so its device sends it again later instead of the gateway
 * queueing without bound. The protocols' own windows (an MQTT session's receive maximum) keep it well below that in
 * normal running. The connectors' own alarms are never refused: there are few of them.
 */
public final class PipelineInbox implements DeviceInbox {
  public static final int DEFAULT_MAX_IN_FLIGHT = 10_000;

  private final IngestPipeline pipeline;
  private final Outbox outbox;
  private final EventCodec codec;
  private final int maxInFlight;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final LongAdder busy = new LongAdder();

  public PipelineInbox(IngestPipeline pipeline, Outbox outbox, EventCodec codec, int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight: must be at least 1");
    }
    this.pipeline = pipeline;
    this.outbox = outbox;
    this.codec = codec;
    this.maxInFlight = maxInFlight;
  }

  @Override
  public CompletableFuture<IngestOutcome> publish(String topic, byte[] payload) {
    return bounded(() -> pipeline.ingest(topic, payload));
  }

  @Override
  public CompletableFuture<IngestOutcome> publishCopy(String topic, byte[] payload) {
    return bounded(() -> pipeline.ingestCopy(topic, payload));
  }

  @Override
  public CompletableFuture<IngestOutcome> message(DeviceMessage m) {
    if (m.kind().isDeviceKind()) {
      // The same path as a published message: the same validation, rules and lanes.
      return publish(Topics.campusDevice(m.campus(), m.kind(), m.device()), codec.encodeDevice(m.sourceTs(), m.body()));
    }
    return outbox.append(m, PriorityPolicy.of(m.body())).thenApply(e -> new IngestOutcome.Stored(List.of(e)));
  }

  @Override
  public CompletableFuture<IngestOutcome> reject(String source, byte[] raw, Rejection rejection) {
    return pipeline.refuse(source, raw, rejection);
  }

  /** Device messages refused because too many were waiting for the outbox, since start. */
  public long busy() {
    return busy.sum();
  }

  private CompletableFuture<IngestOutcome> bounded(Supplier<CompletableFuture<IngestOutcome>> ingest) {
    if (inFlight.incrementAndGet() > maxInFlight) {
      inFlight.decrementAndGet();
      busy.increment();
      return CompletableFuture.failedFuture(new InboxFullException(maxInFlight));
    }
    CompletableFuture<IngestOutcome> outcome;
    try {
      outcome = ingest.get();
    } catch (RuntimeException e) {
      inFlight.decrementAndGet();
      return CompletableFuture.failedFuture(e);
    }
    // Released as the outcome completes, on whichever thread completes it (the outbox's writer, mostly): no hop.
    outcome.whenComplete((r, f) -> inFlight.decrementAndGet());
    return outcome;
  }
}
