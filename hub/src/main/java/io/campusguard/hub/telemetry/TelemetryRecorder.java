package io.campusguard.hub.telemetry;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.WireNames;
import io.campusguard.devices.body.CameraStatus;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.ClassroomHealth;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns stored events into time-series samples and writes them in batches: every {@code flushEvery} or when a batch
 * is full. Telemetry may be shed, alarms never: the buffer is bounded, and what does not fit (or fails to write) is
 * dropped and counted. The events themselves are already safe in PostgreSQL. One context.
 */
public final class TelemetryRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(TelemetryRecorder.class);
  public static final int BATCH = 5_000;
  public static final int MAX_BUFFERED = 100_000;

  private final Vertx vertx;
  private final TimeSeriesStore store;
  private final Duration flushEvery;
  private final Counter written;
  private final Counter dropped;
  private List<Sample> buffer = new ArrayList<>();
  private int inFlight;
  private long timer = -1;

  public TelemetryRecorder(Vertx vertx, TimeSeriesStore store, Duration flushEvery, MeterRegistry registry) {
    this.vertx = vertx;
    this.store = store;
    this.flushEvery = flushEvery;
    this.written = registry.counter("cg_timeseries_samples_total", "result", "written");
    this.dropped = registry.counter("cg_timeseries_samples_total", "result", "dropped");
  }

  public void start() {
    timer = vertx.setPeriodic(flushEvery.toMillis(), id -> flush());
  }

  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return flush();
  }

  /** The samples an event gives (most events give none). */
  public static List<Sample> samplesOf(EventEnvelope e) {
    if (e.body() instanceof CanteenReading r) {
      return List.of(new Sample(Measurement.CANTEEN, e.campus(), e.device(), WireNames.of(r.quantity()), e.sourceTs(), r.value()));
    }
    if (e.body() instanceof CameraStatus c) {
      double up = c.state() == CameraStatus.State.ONLINE ? 1 : 0;
      return List.of(new Sample(Measurement.CAMERA_AVAILABILITY, e.campus(), e.device(), "online", e.sourceTs(), up));
    }
    if (e.body() instanceof ClassroomHealth h) {
      List<Sample> out = new ArrayList<>();
      out.add(new Sample(Measurement.CLASSROOM, e.campus(), e.device(), "power_on_hours", e.sourceTs(), h.powerOnHours()));
      out.add(new Sample(Measurement.CLASSROOM, e.campus(), e.device(), "crashes", e.sourceTs(), h.crashes()));
      out.add(new Sample(Measurement.CLASSROOM, e.campus(), e.device(), "boot_failures", e.sourceTs(), h.bootFailures()));
      if (h.temperatureC() != null) {
        out.add(new Sample(Measurement.CLASSROOM, e.campus(), e.device(), "temperature", e.sourceTs(), h.temperatureC()));
      }
      if (h.diskHealthPercent() != null) {
        out.add(new Sample(Measurement.CLASSROOM, e.campus(), e.device(), "disk_health", e.sourceTs(), h.diskHealthPercent()));
      }
      if (h.lampHours() != null) {
        out.add(new Sample(Measurement.CLASSROOM, e.campus(), e.device(), "lamp_hours", e.sourceTs(), h.lampHours()));
      }
      if (h.panelHours() != null) {
        out.add(new Sample(Measurement.CLASSROOM, e.campus(), e.device(), "panel_hours", e.sourceTs(), h.panelHours()));
      }
      return out;
    }
    return List.of();
  }

  public void accept(List<EventEnvelope> events) {
    for (EventEnvelope e : events) {
      add(samplesOf(e));
    }
  }

  /** Samples made elsewhere (a campus's path latency and availability), batched with the rest. */
  public void record(List<Sample> samples) {
    add(samples);
  }

  private void add(List<Sample> samples) {
    for (Sample s : samples) {
      if (buffer.size() + inFlight >= MAX_BUFFERED) {
        dropped.increment();
        continue;
      }
      buffer.add(s);
    }
    if (buffer.size() >= BATCH) {
      flush();
    }
  }

  /** Writes what is buffered; succeeds when written (or dropped and counted). */
  public Future<Void> flush() {
    if (buffer.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Sample> batch = buffer;
    buffer = new ArrayList<>();
    inFlight += batch.size();
    return store.write(batch)
        .onComplete(done -> {
          inFlight -= batch.size();
          if (done.succeeded()) {
            written.increment(batch.size());
          } else {
            dropped.increment(batch.size());
            LOG.warn("{} time-series samples dropped: {}", batch.size(), done.cause().toString());
          }
        })
        .otherwiseEmpty()
        .mapEmpty();
  }
}
