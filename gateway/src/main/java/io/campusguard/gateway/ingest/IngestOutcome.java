package io.campusguard.gateway.ingest;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.Rejection;
import java.util.List;

/** What became of one device message; any outcome means the message is dealt with and may be acknowledged. */
public sealed interface IngestOutcome {

  /** Written to the outbox (the message, when forwarded, first; then what the rules added). */
  record Stored(List<EventEnvelope> events) implements IngestOutcome {
    public Stored {
      events = List.copyOf(events);
    }
  }

  /** Refused and kept as a dead letter. */
  record Rejected(Rejection rejection) implements IngestOutcome {}

  /** Accepted but not forwarded (a heartbeat), and the rules added nothing. */
  record Skipped() implements IngestOutcome {}
}
