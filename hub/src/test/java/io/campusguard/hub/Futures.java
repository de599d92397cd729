package io.campusguard.hub;

import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a future from the test thread, bounded. */
public final class Futures {
  private Futures() {}

  public static <T> T await(Future<T> f) {
    try {
      return f.await(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("future did not complete in 30 s", e);
    }
  }
}
