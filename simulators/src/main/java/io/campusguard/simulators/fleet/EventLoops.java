package io.campusguard.simulators.fleet;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;

/**
 * Event-loop contexts spread over all of a Vert.x instance's event loops. {@code vertx.getOrCreateContext()}
 * called from a thread that is not Vert.x's (the launcher's main thread) makes a new context each time, but
 * every one of them on the same event loop: the 129 in-process gateways, the 129 campus connections of the
 * devices and the simulation's clock all ran on one thread while the others idled (seen in a profile of the
 * 10× load test). Each context made here takes the next event loop in turn.
 */
public final class EventLoops {
  private EventLoops() {}

  /** A new context on the next event loop (round robin), for work that must run one task at a time. */
  public static Context next(Vertx vertx) {
    return ((VertxInternal) vertx).createEventLoopContext();
  }
}
