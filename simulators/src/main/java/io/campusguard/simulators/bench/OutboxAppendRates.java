package io.campusguard.simulators.bench;

import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.Priority;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.EventBody;
import io.campusguard.devices.body.PanicEvent;
import io.campusguard.gateway.outbox.Outbox;
import io.campusguard.gateway.outbox.OutboxConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The outbox's append rates on this disk: the P0 lane, whose commits are fsynced ({@code synchronous=FULL})
 * before the future completes, against the P2 lane, whose commits are not ({@code NORMAL}). Each one at a
 * time (every caller waits for its own commit: one fsync per append) and as a burst (group commit: one fsync
 * per transaction of many appends), each in a fresh outbox file.
 */
public final class OutboxAppendRates {
  private static final int BURST_FACTOR = 10;

  /** Appends a second for each lane and pattern. */
  public record Result(int oneAtATimeCount, int burstCount, double p0OneAtATime, double p0Burst, double p2OneAtATime, double p2Burst) {}

  private OutboxAppendRates() {}

  static Result measure(Path dir, int count) throws Exception {
    int burst = count * BURST_FACTOR;
    double[] p0 = lane(dir, Priority.P0, new PanicEvent(PanicEvent.Action.PRESSED), count, burst);
    double[] p2 = lane(dir, Priority.P2, CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, 4.5), count, burst);
    return new Result(count, burst, p0[0], p0[1], p2[0], p2[1]);
  }

  private static double[] lane(Path dir, Priority lane, EventBody body, int count, int burst) throws Exception {
    DeviceMessage m = new DeviceMessage(GatewayThroughput.CAMPUS, GatewayThroughput.CAMPUS + "-D-1", body.kind(), Instant.now(), body);
    try (Outbox outbox = Outbox.open(OutboxConfig.at(dir.resolve("append-" + lane + ".db")), Clock.systemUTC())) {
      long t0 = System.nanoTime();
      for (int i = 0; i < count; i++) {
        outbox.append(m, lane).get(30, TimeUnit.SECONDS);
      }
      double oneAtATime = count / ((System.nanoTime() - t0) / 1e9);
      List<CompletableFuture<?>> all = new ArrayList<>(burst);
      t0 = System.nanoTime();
      for (int i = 0; i < burst; i++) {
        all.add(outbox.append(m, lane));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
      double grouped = burst / ((System.nanoTime() - t0) / 1e9);
      return new double[] {oneAtATime, grouped};
    }
  }
}
