package io.campusguard.gateway.uplink;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.Ids;
import io.campusguard.devices.EventIds;
import io.campusguard.gateway.outbox.StoredEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes an uplink batch around the envelopes as the outbox stored them: the same JSON as
 * {@code EventCodec.encodeBatch}, without decoding each stored envelope and encoding it again (that round trip
 * was the largest cost of the gateway's path). The frame's strings need no escaping: the campus is an
 * {@link Ids} id and the batch id a canonical UUID, both checked here.
 */
final class BatchFrame {
  private BatchFrame() {}

  static byte[] encode(String campus, String batchId, List<StoredEvent> events) {
    Ids.require("campus", campus);
    EventIds.require("batchId", batchId);
    int size = 64 + campus.length() + batchId.length();
    for (StoredEvent e : events) {
      size += e.envelope().length + 1;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    out.writeBytes(("{\"v\":" + EventEnvelope.VERSION + ",\"campus\":\"" + campus + "\",\"batchId\":\"" + batchId + "\",\"events\":[")
        .getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < events.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(events.get(i).envelope());
    }
    out.writeBytes("]}".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }
}
