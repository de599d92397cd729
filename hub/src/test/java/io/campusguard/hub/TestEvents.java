package io.campusguard.hub;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.EventIds;
import io.campusguard.devices.Priority;
import io.campusguard.devices.PriorityPolicy;
import io.campusguard.devices.UplinkBatch;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.EventBody;
import io.campusguard.devices.body.PanicEvent;
import java.time.Instant;
import java.util.List;

/** Envelopes and batches as a gateway would send them. */
public final class TestEvents {
  private TestEvents() {}

  public static EventEnvelope event(String campus, String device, long seq, EventBody body, Instant sourceTs) {
    Priority p = PriorityPolicy.of(body);
    return new EventEnvelope(EventEnvelope.VERSION, EventIds.next(), campus, device, body.kind(), p, seq, sourceTs, sourceTs, body);
  }

  public static EventEnvelope panic(String campus, String device, long seq) {
    return event(campus, device, seq, new PanicEvent(PanicEvent.Action.PRESSED), Instant.now());
  }

  public static EventEnvelope reading(String campus, String device, long seq, double celsius) {
    return event(campus, device, seq, CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, celsius), Instant.now());
  }

  public static UplinkBatch batch(String campus, List<EventEnvelope> events) {
    return new UplinkBatch(campus, EventIds.next(), events);
  }
}
