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
 */
public record CommitAck(String campus, List<String> eventIds, long committedUpTo, Instant hubTs) {
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
  }

  /** An ack without the hub's time. */
  public CommitAck(String campus, List<String> eventIds, long committedUpTo) {
    this(campus, eventIds, committedUpTo, null);
  }

  public java.util.Optional<Instant> hubTime() {
    return java.util.Optional.ofNullable(hubTs);
  }
}
