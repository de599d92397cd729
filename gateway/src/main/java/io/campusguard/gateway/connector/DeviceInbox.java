package io.campusguard.gateway.connector;

import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.Rejection;
import io.campusguard.gateway.ingest.IngestOutcome;
import java.util.concurrent.CompletableFuture;

/**
 * The one way from a connector to the ingest pipeline (decode, validate, local rules, lanes, outbox). Every method
 * returns at once, never blocks, and may be called from any thread; its future completes when the outcome is
 * durable (the events committed, or the dead letter written), which is when the connector may acknowledge its
 * device. It fails when the event could not be stored (the outbox cannot write, or too many of this gateway's
 * messages are waiting for it: {@link InboxFullException}); then the connector must not acknowledge, so the device
 * sends again. A source that cannot be asked to send again puts a {@link BoundedHandoff} in front.
 *
 * <p>Bad input is never an exception: it is counted, kept as a dead letter with its reason, and shown at the county.
 */
public interface DeviceInbox {

  /** A device's message in CampusGuard's own form: its MQTT topic and JSON payload, decoded and judged here. */
  CompletableFuture<IngestOutcome> publish(String topic, byte[] payload);

  /**
   * A second delivery of a message another session delivers in full (the MQTT connector's main session sees the
   * panic presses its panic session ingests): stored under the same id, no rules, no dead letter, not counted.
   */
  CompletableFuture<IngestOutcome> publishCopy(String topic, byte[] payload);

  /**
   * A message the connector decoded from its own protocol: a device's (a reading) goes through the same pipeline
   * as a published one; the connector's own alarms ({@code data_lost}, {@code bad_value}) are stored as they are.
   */
  CompletableFuture<IngestOutcome> message(DeviceMessage message);

  /**
   * Input the connector could not read (a bad frame, a payload its protocol's decoder refused): counted as refused
   * and kept as a dead letter with the reason, like bad input on MQTT.
   *
   * @param source where it came from, shown with the dead letter ({@code dc09/10.0.3.7:4001}, a topic)
   */
  CompletableFuture<IngestOutcome> reject(String source, byte[] raw, Rejection rejection);
}
