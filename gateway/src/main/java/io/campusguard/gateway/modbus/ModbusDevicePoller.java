package io.campusguard.gateway.modbus;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.client.ModbusClient;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.exceptions.ModbusTimeoutException;
import com.digitalpetri.modbus.pdu.ReadCoilsRequest;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.EventKind;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import io.campusguard.gateway.connector.BoundedHandoff;
import io.campusguard.gateway.connector.ConnectorStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one device: every {@code pollInterval} it reads each point of its register map in turn (one request at a
 * time, as a serial line behind a gateway needs) through the client's asynchronous calls, so no thread waits on the
 * device. A round never overlaps the next: the next starts one interval after this one started, or at once when a
 * round took longer. A device that stops answering hands nothing on; the gateway's liveness rules (the reporting
 * interval of its profile) find it silent, as for any other device.
 */
final class ModbusDevicePoller {
  private static final Logger LOG = LoggerFactory.getLogger(ModbusDevicePoller.class);

  private final String campus;
  private final ModbusSettings.Device device;
  private final List<RegisterPoint> points;
  private final ModbusClient client;
  private final BoundedHandoff handoff;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final Duration requestTimeout;
  /** Requests of the devices sharing one serial line (behind a modem) go one at a time; null for Modbus TCP. */
  private final SerialLine line;
  private final AtomicLong polls = new AtomicLong();
  private final AtomicLong readings = new AtomicLong();
  private final AtomicLong timeouts = new AtomicLong();
  private final AtomicLong exceptions = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong badValues = new AtomicLong();
  private volatile ConnectorStatus status = new ConnectorStatus(ConnectorState.CONNECTING, "not polled yet");
  private volatile boolean stopped;
  private volatile ScheduledFuture<?> next;

  ModbusDevicePoller(
      String campus, ModbusSettings.Device device, List<RegisterPoint> points, ModbusClient client, BoundedHandoff handoff,
      ScheduledExecutorService scheduler, Clock clock, Duration requestTimeout, SerialLine line) {
    this.campus = campus;
    this.device = device;
    this.points = List.copyOf(points);
    this.client = client;
    this.handoff = handoff;
    this.scheduler = scheduler;
    this.clock = clock;
    this.requestTimeout = requestTimeout;
    this.line = line;
  }

  String deviceId() {
    return device.id();
  }

  /** Where it is polled: {@code host:port}, or {@code modem:<id>}. */
  String endpoint() {
    return ModbusConnector.endpoint(device);
  }

  void start() {
    schedule(0);
  }

  void stop() {
    stopped = true;
    ScheduledFuture<?> n = next;
    if (n != null) {
      n.cancel(false);
    }
  }

  ConnectorStatus status() {
    return status;
  }

  DevicePollStats stats() {
    return new DevicePollStats(polls.get(), readings.get(), timeouts.get(), exceptions.get(), failures.get(), badValues.get());
  }

  private void schedule(long delayNanos) {
    if (!stopped) {
      next = scheduler.schedule(this::poll, delayNanos, TimeUnit.NANOSECONDS);
    }
  }

  private void poll() {
    long startedAt = System.nanoTime();
    polls.incrementAndGet();
    Round round = new Round();
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (RegisterPoint p : points) {
      chain = chain.thenCompose(v -> read(p).handle((bytes, failure) -> {
        round.take(p, bytes, failure);
        return null;
      }));
    }
    chain.whenComplete((v, failure) -> {
      if (failure != null) {
        // Only our own code can fail here (each read's failure is taken above); never let it stop the polling.
        LOG.warn("modbus {}: poll round failed: {}", device.id(), failure.toString());
      }
      status = round.status();
      long elapsed = System.nanoTime() - startedAt;
      schedule(Math.max(0, device.pollInterval().toNanos() - elapsed));
    });
  }

  private CompletableFuture<byte[]> read(RegisterPoint p) {
    return line == null ? send(p) : line.run(() -> send(p));
  }

  private CompletableFuture<byte[]> send(RegisterPoint p) {
    int unit = device.unitId();
    CompletionStage<byte[]> read;
    try {
      read = switch (p.function()) {
        case HOLDING -> client.readHoldingRegistersAsync(unit, new ReadHoldingRegistersRequest(p.address(), p.count()))
            .thenApply(r -> r.registers());
        case INPUT -> client.readInputRegistersAsync(unit, new ReadInputRegistersRequest(p.address(), p.count()))
            .thenApply(r -> r.registers());
        case COILS -> client.readCoilsAsync(unit, new ReadCoilsRequest(p.address(), p.count())).thenApply(r -> r.coils());
        case DISCRETE -> client.readDiscreteInputsAsync(unit, new ReadDiscreteInputsRequest(p.address(), p.count()))
            .thenApply(r -> r.inputs());
      };
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return read.toCompletableFuture();
  }

  /** What one round of requests found, read and counted as each answer comes. */
  private final class Round {
    private String problem;

    void take(RegisterPoint p, byte[] bytes, Throwable failure) {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      // The asynchronous calls time out with the JDK's TimeoutException, the blocking ones with the library's.
      if ((cause instanceof TimeoutException || cause instanceof ModbusTimeoutException) && !client.isConnected()) {
        // The client times a request out while its connection is down too: that is not the device's silence.
        failures.incrementAndGet();
        note("not connected to " + endpoint() + " at " + p);
      } else if (cause instanceof TimeoutException || cause instanceof ModbusTimeoutException) {
        timeouts.incrementAndGet();
        note("no answer within " + requestTimeout.toMillis() + " ms at " + p);
      } else if (cause instanceof ModbusResponseException e) {
        exceptions.incrementAndGet();
        note("Modbus exception " + exceptionName(e.getExceptionCode()) + " at " + p);
      } else if (cause != null) {
        failures.incrementAndGet();
        note((cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()) + " at " + p);
      } else {
        handOn(p, bytes);
      }
    }

    private void handOn(RegisterPoint p, byte[] bytes) {
      double value;
      try {
        value = p.value(bytes);
      } catch (IllegalArgumentException e) {
        badValues.incrementAndGet();
        note("short answer at " + p + ": " + e.getMessage());
        return;
      }
      CanteenReading.Quantity q = p.quantity();
      if (!Double.isFinite(value) || !q.inRange(value)) {
        badValues.incrementAndGet();
        note("value " + value + " at " + p + " outside " + q.min() + ".." + q.max());
        return;
      }
      Instant now = clock.instant();
      if (handoff.offer(new DeviceMessage(campus, device.id(), EventKind.CANTEEN, now, CanteenReading.of(q, value)))) {
        readings.incrementAndGet();
      }
    }

    private void note(String what) {
      if (problem == null) {
        problem = what;
      }
    }

    ConnectorStatus status() {
      if (problem == null) {
        return ConnectorStatus.of(ConnectorState.UP);
      }
      DevicePollStats s = stats();
      return new ConnectorStatus(ConnectorState.DOWN,
          problem + " (since start: " + s.timeouts() + " timeouts, " + s.exceptions() + " exceptions, " + s.failures() + " failures)");
    }
  }

  private static String exceptionName(int code) {
    return ExceptionCode.from(code).map(c -> String.format("0x%02X %s", code, c.name())).orElse(String.format("0x%02X", code));
  }
}
