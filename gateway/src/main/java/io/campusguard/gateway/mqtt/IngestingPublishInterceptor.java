package io.campusguard.gateway.mqtt;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.campusguard.devices.Topics;
import io.campusguard.gateway.connector.DeviceInbox;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests every device publish on the embedded campus broker before the broker acknowledges it: the publish is
 * held (HiveMQ's async output) until the ingest pipeline's outcome is durable, so the device's PUBACK for a
 * panic alarm means "it is in the outbox, fsynced". If the outbox cannot write, or does not answer in time,
 * the publish is refused with an error reason code, and the device sends it again.
 *
 * <p>Only {@code campus/...} topics are ingested; anything else passes through untouched.
 */
final class IngestingPublishInterceptor implements PublishInboundInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger(IngestingPublishInterceptor.class);
  static final Duration HOLD_LIMIT = Duration.ofSeconds(10);

  private final DeviceInbox inbox;

  IngestingPublishInterceptor(DeviceInbox inbox) {
    this.inbox = inbox;
  }

  @Override
  public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
    String topic = input.getPublishPacket().getTopic();
    if (!topic.startsWith(Topics.CAMPUS_ROOT + "/")) {
      return;
    }
    byte[] payload = input.getPublishPacket().getPayload().map(IngestingPublishInterceptor::copy).orElse(new byte[0]);
    Async<PublishInboundOutput> held = output.async(HOLD_LIMIT, TimeoutFallback.FAILURE, AckReasonCode.UNSPECIFIED_ERROR,
        "not stored in time");
    try {
      inbox.publish(topic, payload).whenComplete((outcome, failure) -> {
        if (failure != null) {
          LOG.error("message on {} not stored; refusing it so the device sends it again", topic, failure);
          held.getOutput().preventPublishDelivery(AckReasonCode.UNSPECIFIED_ERROR, "not stored");
        }
        held.resume();
      });
    } catch (RuntimeException e) {
      LOG.error("ingest of a message on {} failed", topic, e);
      held.getOutput().preventPublishDelivery(AckReasonCode.UNSPECIFIED_ERROR, "not stored");
      held.resume();
    }
  }

  private static byte[] copy(ByteBuffer buffer) {
    ByteBuffer b = buffer.asReadOnlyBuffer();
    b.rewind();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
