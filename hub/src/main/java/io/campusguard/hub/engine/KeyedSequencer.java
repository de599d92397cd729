package io.campusguard.hub.engine;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks one after another per key, different keys side by side: the hub's single writer per
 * device. All calls must come from one Vert.x context (the map is not locked); a task starts after the previous
 * task for its key has completed, whether it succeeded or failed.
 */
public final class KeyedSequencer {
  private final Context context;
  private final Map<String, Future<?>> tails = new HashMap<>();

  public KeyedSequencer(Context context) {
    this.context = context;
  }

  public <T> Future<T> submit(String key, Supplier<Future<T>> task) {
    Promise<T> result = Promise.promise();
    context.runOnContext(v -> {
      Future<?> tail = tails.get(key);
      Future<T> next = tail == null ? start(task) : tail.transform(ignored -> start(task));
      tails.put(key, next);
      next.onComplete(done -> {
        if (tails.get(key) == next) {
          tails.remove(key);
        }
        result.handle(done);
      });
    });
    return result.future();
  }

  /** Keys with work queued or running, for metrics. */
  public int activeKeys() {
    return tails.size();
  }

  private static <T> Future<T> start(Supplier<Future<T>> task) {
    try {
      return task.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
