package io.campusguard.simulators.fleet;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Runs a {@link FleetSimulation} in real time: every tick it advances the simulation to now and publishes
 * what came due. The simulation is touched only on this driver's event-loop context (faults are injected
 * through {@link #inject}), so it needs no locks; publishing never blocks.
 */
public final class SimulationDriver {
  /** What a load test wants to know of each publish. */
  public interface Listener {
    default void published(Emission e, long publishedAtNanos) {}

    default void acknowledged(Emission e, long publishedAtNanos, AsyncResult<Void> outcome) {}
  }

  /** Devices not on MQTT (canteen PLCs read over OPC UA): their emissions go here instead of the publisher. */
  public interface OtherTransport {
    boolean carries(Emission e);

    /** Runs on the driver's event loop: never blocks. */
    void send(Emission e);
  }

  private final Vertx vertx;
  private final FleetSimulation sim;
  private final FleetPublisher publisher;
  private final Clock clock;
  private final Listener listener;
  private final OtherTransport other;
  private Context context;
  private long timer = -1;

  public SimulationDriver(Vertx vertx, FleetSimulation sim, FleetPublisher publisher, Clock clock, Listener listener) {
    this(vertx, sim, publisher, clock, listener, null);
  }

  /** @param other takes the emissions of devices not on MQTT; null when every device publishes over MQTT */
  public SimulationDriver(Vertx vertx, FleetSimulation sim, FleetPublisher publisher, Clock clock, Listener listener, OtherTransport other) {
    this.other = other;
    this.vertx = vertx;
    this.sim = sim;
    this.publisher = publisher;
    this.clock = clock;
    this.listener = listener;
  }

  /** Starts ticking on a fresh event-loop context. */
  public void start(Duration tick) {
    context = EventLoops.next(vertx);
    context.runOnContext(v -> timer = vertx.setPeriodic(tick.toMillis(), id -> tick()));
  }

  private void tick() {
    for (Emission e : sim.advanceTo(clock.instant())) {
      if (other != null && other.carries(e)) {
        other.send(e);
        continue;
      }
      long t0 = System.nanoTime();
      listener.published(e, t0);
      publisher.publish(e).onComplete(ar -> listener.acknowledged(e, t0, ar));
    }
  }

  /** Runs a change to the simulation (a fault, a panic press) on its own context. */
  public void inject(Consumer<FleetSimulation> change) {
    context.runOnContext(v -> change.accept(sim));
  }

  public void stop() {
    if (context != null) {
      context.runOnContext(v -> vertx.cancelTimer(timer));
    }
  }
}
