package io.campusguard.gateway.outbox;

import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.Priority;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.EventBody;
import io.campusguard.devices.body.PanicEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Not a test: prints outbox append rates, P0 (fsync per commit) against P2 (no fsync at commit), one at a time
 * (each caller waits for its commit) and in bursts (group commit). Run with the test classpath:
 * {@code java -cp ... io.campusguard.gateway.outbox.OutboxAppendBenchmark [dir]}.
 */
public final class OutboxAppendBenchmark {
  private OutboxAppendBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("outbox-bench");
    for (Priority lane : List.of(Priority.P0, Priority.P2)) {
      EventBody body = lane == Priority.P0 ? new PanicEvent(PanicEvent.Action.PRESSED)
          : CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, 4.5);
      DeviceMessage m = new DeviceMessage("LP-017", "D-1", body.kind(), Instant.now(), body);
      try (Outbox outbox = Outbox.open(OutboxConfig.at(dir.resolve(lane + "-" + System.nanoTime() + ".db")), Clock.systemUTC())) {
        int n = 500;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          outbox.append(m, lane).get();
        }
        double oneAtATime = n / ((System.nanoTime() - t0) / 1e9);
        int burst = 20_000;
        t0 = System.nanoTime();
        List<CompletableFuture<?>> all = new ArrayList<>(burst);
        for (int i = 0; i < burst; i++) {
          all.add(outbox.append(m, lane));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
        double grouped = burst / ((System.nanoTime() - t0) / 1e9);
        System.out.printf("%s appends/s: one at a time %.0f, burst of %d (group commit) %.0f%n", lane, oneAtATime, burst, grouped);
      }
    }
  }
}
