package io.campusguard.broker.access;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import java.util.Optional;

/**
 * Puts the access check in front of an inbound-publish interceptor. HiveMQ calls inbound-publish interceptors
 * before its publish authorizers, so an interceptor that acts on publishes (the gateway's ingest) would
 * otherwise act on a refused one too: a device publishing as another device would reach the outbox although the
 * broker refuses it. The guard refuses first (counted as {@link AccessRefusal.Kind#PUBLISH_DENIED}, delivery
 * prevented, the client told "not authorized") and hands only allowed publishes on.
 */
public final class AuthorizedPublishes {
  private AuthorizedPublishes() {}

  public static PublishInboundInterceptor guard(ClientAccess access, PublishInboundInterceptor next) {
    return (input, output) -> {
      String topic = input.getPublishPacket().getTopic();
      String username = input.getConnectionInformation().getConnectionAttributeStore()
          .getAsString(BrokerAccessExtension.USERNAME_ATTRIBUTE).orElse(null);
      Optional<String> refusal = username == null ? Optional.of("not authenticated") : access.publishRefusal(username, topic);
      if (refusal.isPresent()) {
        access.refused(new AccessRefusal(
            AccessRefusal.Kind.PUBLISH_DENIED, input.getClientInformation().getClientId(), username, topic, refusal.get()));
        output.preventPublishDelivery(AckReasonCode.NOT_AUTHORIZED, "not authorized");
        return;
      }
      next.onInboundPublish(input, output);
    };
  }
}
