package io.campusguard.devices;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The hub's "these are committed to the database" message to one gateway, on {@code county/{campus}/ack}.
 * Only this lets a gateway delete from its outbox; a broker PUBACK proves nothing. It carries the event ids
 * committed, and {@code committedUpTo}: every sequence number up to it is committed (0 when unknown), read
 * from the database so it stays right when several hub instances share one campus's stream.
 *
 * @param hubTs the hub's clock when it sent this ack, from which the gateway estimates its clock offset to the
 *     hub; null in acks from hubs that predate it
 * @param outboxId the outbox whose sequence {@code committedUpTo} counts (as the batch named it); null when the
 *     batch named none (an older gateway) or from hubs that predate it. A reinstalled gateway starts a new outbox
 *     and numbers from 1 again, so a committed-up-to only means something to the outbox it was counted for.
 */
public record CommitAck(String campus, List<String> eventIds, long committedUpTo, Instant hubTs, String outboxId) {
  public static final int MAX_IDS = 10_000;

  public CommitAck {
    Ids.require("campus", campus);
    eventIds = List.copyOf(Objects.requireNonNull(eventIds, "eventIds"));
    if (eventIds.size() > MAX_IDS) {
      throw new IllegalArgumentException("eventIds: more than " + MAX_IDS);
    }
    for (String id : eventIds) {
      EventIds.require("eventIds", id);
    }
    if (committedUpTo < 0) {
      throw new IllegalArgumentException("committedUpTo: negative");
    }
    if (outboxId != null) {
      EventIds.require("outboxId", outboxId);
    }
  }

  /** An ack for a batch that named no outbox. */
  public CommitAck(String campus, List<String> eventIds, long committedUpTo, Instant hubTs) {
    this(campus, eventIds, committedUpTo, hubTs, null);
  }

  /** An ack without the hub's time. */
  public CommitAck(String campus, List<String> eventIds, long committedUpTo) {
    this(campus, eventIds, committedUpTo, null, null);
  }

  /**
   * This ack as the outbox {@code ownOutboxId} may act on it: whole when its committed-up-to counts that outbox's
   * sequence, else with its event ids only (always safe to delete). An ack naming no outbox (an older hub, or a
   * batch without one) counts only for an outbox without an id.
   */
  public CommitAck forOutbox(String ownOutboxId) {
    return committedUpTo == 0 || java.util.Objects.equals(outboxId, ownOutboxId)
        ? this
        : new CommitAck(campus, eventIds, 0, hubTs, outboxId);
  }

  public java.util.Optional<Instant> hubTime() {
    return java.util.Optional.ofNullable(hubTs);
  }
}
