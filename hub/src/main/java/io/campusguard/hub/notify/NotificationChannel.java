package io.campusguard.hub.notify;

import io.vertx.core.Future;

/**
 * One way to reach a person. {@link #send} never blocks its caller (HTTP channels use Vert.x's client; e-mail runs
 * on its own worker executor) and its future succeeds only when the receiving service has accepted the message;
 * it fails with a {@link DeliveryFailure} saying why (refused, timed out, unreachable).
 */
public interface NotificationChannel {
  /** The name recipients use in their {@code channels} list and the history shows. */
  String name();

  Future<Void> send(Recipient to, Notice notice);

  default Future<Void> close() {
    return Future.succeededFuture();
  }

  /** Why a delivery failed, in words for the alarm's history. */
  final class DeliveryFailure extends RuntimeException {
    public DeliveryFailure(String reason) {
      super(reason, null, false, false);
    }
  }
}
