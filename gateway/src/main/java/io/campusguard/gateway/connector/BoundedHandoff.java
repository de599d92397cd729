package io.campusguard.gateway.connector;

import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.EventKind;
import io.campusguard.devices.body.LocalAlarm;
import io.campusguard.devices.body.LocalAlarm.Transition;
import io.campusguard.devices.AlarmTypes;
import java.time.Clock;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a connector's values from its own threads to the gateway through a bounded queue, for sources that
 * cannot be told to send again (a subscription, a poll): Milo, for one, queues its OPC UA callbacks without
 * bound; this is where the bound is. When the queue is full the value is dropped and counted, and a
 * {@code data_lost} alarm is raised for the connector; it is cleared, with the number of values lost, once
 * the queue has drained. Alarms (data lost, bad values) travel in a separate queue and are never dropped:
 * there are few of them (one per change of a condition).
 *
 * <p>Delivery runs on {@code deliverOn}, which must run one task at a time (a Vert.x context, see
 * {@link #onVertxContext}, or a single thread): one drain task is scheduled at a time and delivers at most
 * {@code maxBatch} values before yielding, so it never floods or hogs an event loop. Producers never block.
 */
public final class BoundedHandoff {
  public static final int DEFAULT_MAX_BATCH = 256;
  private static final Logger LOG = LoggerFactory.getLogger(BoundedHandoff.class);

  private final String campus;
  private final String connectorId;
  private final int capacity;
  private final Clock clock;
  private final Queue<DeviceMessage> values;
  private final Queue<DeviceMessage> alarms = new ConcurrentLinkedQueue<>();
  private final Executor deliverOn;
  private final Consumer<DeviceMessage> sink;
  private final int maxBatch;
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final AtomicBoolean overflowing = new AtomicBoolean();
  private final AtomicLong droppedThisEpisode = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong sinkFailures = new AtomicLong();

  public BoundedHandoff(
      String campus,
      String connectorId,
      int capacity,
      Clock clock,
      Executor deliverOn,
      Consumer<DeviceMessage> sink,
      int maxBatch) {
    this.campus = Objects.requireNonNull(campus, "campus");
    this.connectorId = Objects.requireNonNull(connectorId, "connectorId");
    if (capacity < 1 || maxBatch < 1) {
      throw new IllegalArgumentException("capacity/maxBatch: must be at least 1");
    }
    this.capacity = capacity;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.values = new ArrayBlockingQueue<>(capacity);
    this.deliverOn = Objects.requireNonNull(deliverOn, "deliverOn");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.maxBatch = maxBatch;
  }

  /**
   * Delivers on a Vert.x context (the gateway's pipeline verticle): the sink then runs on that context's
   * thread and never concurrently with itself.
   */
  public static BoundedHandoff onVertxContext(
      io.vertx.core.Context context, String campus, String connectorId, int capacity, Clock clock, Consumer<DeviceMessage> sink) {
    return new BoundedHandoff(campus, connectorId, capacity, clock, task -> context.runOnContext(v -> task.run()), sink, DEFAULT_MAX_BATCH);
  }

  /** Queues a value; false when the queue was full and the value was dropped (and counted). Never blocks. */
  public boolean offer(DeviceMessage value) {
    if (values.offer(value)) {
      signal();
      return true;
    }
    dropped.incrementAndGet();
    droppedThisEpisode.incrementAndGet();
    if (overflowing.compareAndSet(false, true)) {
      offerAlarm(
          connectorId,
          new LocalAlarm(
              AlarmTypes.DATA_LOST, Transition.RAISED, null,
              "queue of " + connectorId + " full (capacity " + capacity + "): values are being dropped"));
    }
    signal();
    return false;
  }

  /** Queues an alarm about {@code device}, stamped now; alarms are never dropped. */
  public void offerAlarm(String device, LocalAlarm alarm) {
    alarms.add(new DeviceMessage(campus, device, EventKind.ALARM, clock.instant(), alarm));
    signal();
  }

  public long dropped() {
    return dropped.get();
  }

  public long delivered() {
    return delivered.get();
  }

  /** Values waiting now. */
  public int depth() {
    return values.size();
  }

  private void signal() {
    if (drainScheduled.compareAndSet(false, true)) {
      deliverOn.execute(this::drain);
    }
  }

  private void drain() {
    drainScheduled.set(false);
    for (DeviceMessage a = alarms.poll(); a != null; a = alarms.poll()) {
      deliver(a);
    }
    int n = 0;
    for (DeviceMessage v = null; n < maxBatch && (v = values.poll()) != null; n++) {
      deliver(v);
    }
    if (values.isEmpty() && overflowing.compareAndSet(true, false)) {
      long lost = droppedThisEpisode.getAndSet(0);
      deliver(
          new DeviceMessage(
              campus, connectorId, EventKind.ALARM, clock.instant(),
              new LocalAlarm(AlarmTypes.DATA_LOST, Transition.CLEARED, (double) lost,
                  lost + " values of " + connectorId + " dropped while its queue was full")));
    }
    if (!values.isEmpty() || !alarms.isEmpty()) {
      signal();
    }
  }

  private void deliver(DeviceMessage m) {
    try {
      sink.accept(m);
      delivered.incrementAndGet();
    } catch (RuntimeException e) {
      // The sink is the gateway's; its failure must not stop the values behind this one.
      sinkFailures.incrementAndGet();
      LOG.warn("{}: the gateway refused a message from {}: {}", connectorId, m.device(), e.toString());
    }
  }
}
