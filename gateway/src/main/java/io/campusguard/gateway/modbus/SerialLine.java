package io.campusguard.gateway.modbus;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * One RS-485 line behind a modem: one request on it at a time, whichever device it is for (an answer carries no
 * transaction id, and the devices share the wire). Each request starts when the one before it ended, answered or not.
 */
final class SerialLine {
  private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

  synchronized <T> CompletableFuture<T> run(Supplier<? extends CompletionStage<T>> request) {
    CompletableFuture<T> next = tail.handle((v, e) -> null).thenCompose(v -> request.get());
    tail = next;
    return next;
  }
}
