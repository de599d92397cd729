package io.campusguard.gateway.uplink;

import java.time.Duration;

/**
 * How the uplink sends. Defaults are the named constants.
 *
 * @param maxEventsInFlight events sent but not yet covered by a commit ack (the flow-control window); P0 is sent
 *     even when it is full
 * @param maxBatchEvents events in one telemetry batch (a P0 alarm always travels alone)
 * @param maxPublishesInFlight MQTT publishes without PUBACK (telemetry may use all but one, kept for P0); below
 *     the broker's receive maximum (HiveMQ: 10),
 *     so Paho never fails a publish with 32202
 * @param ackTimeout an event not acked by the hub after this is sent again, with the same id
 * @param replayRatePerSecond events per second for everything but P0 (P0 is never paced)
 * @param replayJitter after each connect, the backlog (not P0) waits a random delay up to this
 * @param heartbeatInterval how often the gateway status is published
 * @param lingerInterval how long telemetry may wait to fill a batch
 */
public record UplinkConfig(
    Integer maxEventsInFlight,
    Integer maxBatchEvents,
    Integer maxPublishesInFlight,
    Duration ackTimeout,
    Double replayRatePerSecond,
    Duration replayJitter,
    Duration heartbeatInterval,
    Duration lingerInterval) {
  public static final int DEFAULT_MAX_EVENTS_IN_FLIGHT = 5_000;
  public static final int DEFAULT_MAX_BATCH_EVENTS = 500;
  public static final int DEFAULT_MAX_PUBLISHES_IN_FLIGHT = 8;
  public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(10);
  public static final double DEFAULT_REPLAY_RATE_PER_SECOND = 2_000;
  public static final Duration DEFAULT_REPLAY_JITTER = Duration.ofSeconds(2);
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_LINGER_INTERVAL = Duration.ofMillis(50);

  public static final UplinkConfig DEFAULTS = new UplinkConfig(null, null, null, null, null, null, null, null);

  public UplinkConfig {
    maxEventsInFlight = atLeast("uplink.maxEventsInFlight", maxEventsInFlight, DEFAULT_MAX_EVENTS_IN_FLIGHT, 1);
    maxBatchEvents = atLeast("uplink.maxBatchEvents", maxBatchEvents, DEFAULT_MAX_BATCH_EVENTS, 1);
    if (maxBatchEvents > 10_000) {
      throw new IllegalArgumentException("uplink.maxBatchEvents: at most 10000 (the hub's limit)");
    }
    maxPublishesInFlight = atLeast("uplink.maxPublishesInFlight", maxPublishesInFlight, DEFAULT_MAX_PUBLISHES_IN_FLIGHT, 1);
    ackTimeout = positive("uplink.ackTimeout", ackTimeout, DEFAULT_ACK_TIMEOUT);
    replayRatePerSecond = replayRatePerSecond == null ? DEFAULT_REPLAY_RATE_PER_SECOND : replayRatePerSecond;
    if (!(replayRatePerSecond > 0)) {
      throw new IllegalArgumentException("uplink.replayRatePerSecond: must be positive");
    }
    replayJitter = replayJitter == null ? DEFAULT_REPLAY_JITTER : replayJitter;
    if (replayJitter.isNegative()) {
      throw new IllegalArgumentException("uplink.replayJitter: negative");
    }
    heartbeatInterval = positive("uplink.heartbeatInterval", heartbeatInterval, DEFAULT_HEARTBEAT_INTERVAL);
    lingerInterval = positive("uplink.lingerInterval", lingerInterval, DEFAULT_LINGER_INTERVAL);
  }

  private static int atLeast(String field, Integer v, int dflt, int min) {
    int value = v == null ? dflt : v;
    if (value < min) {
      throw new IllegalArgumentException(field + ": must be at least " + min + ", got " + value);
    }
    return value;
  }

  private static Duration positive(String field, Duration v, Duration dflt) {
    Duration value = v == null ? dflt : v;
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(field + ": must be positive");
    }
    return value;
  }
}
