package io.campusguard.simulators.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU time over a run, from {@code /proc/stat}: every process counts (brokers, bridge, gateway,
 * the benchmark's own clients), so runs that do the same delivery by different means can be compared by the CPU
 * each message costs. On a saturated machine that cost, not the design's latency, bounds the rate.
 */
public final class MachineCpu {
  /** Linux reports /proc/stat in USER_HZ, 100 on every architecture the JDK runs on. */
  private static final double TICKS_PER_SECOND = 100.0;
  private static final Path STAT = Path.of("/proc/stat");

  private MachineCpu() {}

  /** CPU used over a run: core-seconds busy (user, nice, system, irq, softirq, steal) in {@code wallSeconds}. */
  public record Use(double busyCoreSeconds, double wallSeconds) {
    static final Use UNKNOWN = new Use(Double.NaN, Double.NaN);

    /** Microseconds of machine CPU per message delivered. */
    public double microsPerMessage(long messages) {
      return busyCoreSeconds * 1e6 / Math.max(1, messages);
    }

    /** Cores busy on average (2.0 is all of a 2-core machine). */
    public double coresBusy() {
      return busyCoreSeconds / Math.max(1e-9, wallSeconds);
    }
  }

  /** Runs {@code run} and returns its value with the machine's CPU use meanwhile ({@link Use#UNKNOWN} without /proc/stat). */
  static <T> Measured<T> during(Work<T> run) throws Exception {
    long before = busyTicks();
    long t0 = System.nanoTime();
    T value = run.call();
    double wall = (System.nanoTime() - t0) / 1e9;
    long after = busyTicks();
    Use use = before < 0 || after < 0 ? Use.UNKNOWN : new Use((after - before) / TICKS_PER_SECOND, wall);
    return new Measured<>(value, use);
  }

  record Measured<T>(T value, Use cpu) {}

  /** A measured run. */
  @FunctionalInterface
  interface Work<T> {
    T call() throws Exception;
  }

  /** The busy ticks of all CPUs since boot, or -1 when /proc/stat cannot be read. */
  static long busyTicks() {
    if (!Files.isReadable(STAT)) {
      return -1;
    }
    try {
      String cpu = Files.readAllLines(STAT).get(0);
      String[] f = cpu.trim().split("\\s+");
      // cpu user nice system idle iowait irq softirq steal ...
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
        if (i < f.length) {
          busy += Long.parseLong(f[i]);
        }
      }
      return busy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException unreadable) {
      return -1;
    }
  }
}
