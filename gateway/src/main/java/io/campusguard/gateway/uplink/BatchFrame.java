package io.campusguard.gateway.uplink;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.EventIds;
import io.campusguard.devices.Ids;
import io.campusguard.gateway.outbox.StoredEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes an uplink batch around the envelopes as the outbox stored them: the same JSON as
 * {@code EventCodec.encodeBatch}, without decoding each stored envelope and encoding it again (that round trip
 * was the largest cost of the gateway's path). Jackson writes the frame; each stored envelope, which the
 * codec encoded when it was appended, goes in as a raw value.
 */
final class BatchFrame {
  private static final JsonFactory JSON = new JsonFactory();

  private BatchFrame() {}

  static byte[] encode(String campus, String batchId, List<StoredEvent> events) {
    return encode(campus, batchId, events, null);
  }

  /** @param outboxId the sending outbox's id (the hub's restart marker), or null to leave the field out */
  static byte[] encode(String campus, String batchId, List<StoredEvent> events, String outboxId) {
    Ids.require("campus", campus);
    EventIds.require("batchId", batchId);
    if (outboxId != null) {
      EventIds.require("outboxId", outboxId);
    }
    int size = 64 + campus.length() + batchId.length();
    for (StoredEvent e : events) {
      size += e.envelope().length + 1;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeNumberField("v", EventEnvelope.VERSION);
      g.writeStringField("campus", campus);
      g.writeStringField("batchId", batchId);
      if (outboxId != null) {
        g.writeStringField("outboxId", outboxId);
      }
      g.writeArrayFieldStart("events");
      for (StoredEvent e : events) {
        g.writeRawValue(new String(e.envelope(), StandardCharsets.UTF_8));
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("uplink batch frame", e);
    }
    return out.toByteArray();
  }
}
