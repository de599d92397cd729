package io.campusguard.gateway.outbox;

import io.campusguard.devices.Priority;
import java.util.Objects;

/**
 * An event as the outbox holds it: what the uplink needs to plan (id, sequence, lane) and the envelope's JSON
 * exactly as it was stored ({@code EventCodec.encodeEnvelope}), so it is sent without being decoded and
 * encoded again.
 */
public record StoredEvent(String id, long seq, Priority priority, byte[] envelope) {
  public StoredEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(envelope, "envelope");
  }
}
