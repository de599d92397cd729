package io.campusguard.hub.supervision;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Path latency per campus (device {@code sourceTs} to hub commit), over the most recent samples: p50 and p99 for
 * the campus page. A bounded ring per campus, so memory stays flat however long the hub runs.
 */
public final class PathLatency {
  public static final int DEFAULT_WINDOW = 2048;

  private final int window;
  private final Map<String, Ring> rings = new ConcurrentHashMap<>();
  private final MeterRegistry registry;

  /** @param registry where each campus's latency is also published (p50/p99 histograms); null for none */
  public PathLatency(int window, MeterRegistry registry) {
    if (window < 1) {
      throw new IllegalArgumentException("window: must be positive");
    }
    this.window = window;
    this.registry = registry;
  }

  public PathLatency(int window) {
    this(window, null);
  }

  public PathLatency() {
    this(DEFAULT_WINDOW);
  }

  public void record(String campus, long millis) {
    long ms = Math.max(0, millis);
    rings.computeIfAbsent(campus, c -> new Ring(window, summary(c))).add(ms);
  }

  private DistributionSummary summary(String campus) {
    return registry == null ? null : DistributionSummary.builder("cg_path_latency_ms")
        .description("device sourceTs to hub commit, per campus")
        .tag("campus", campus)
        .publishPercentiles(0.5, 0.99)
        .register(registry);
  }

  /** Percentiles of the window, or null when nothing was recorded for the campus. */
  public Percentiles percentiles(String campus) {
    Ring ring = rings.get(campus);
    return ring == null ? null : ring.percentiles();
  }

  public record Percentiles(long p50, long p99, int samples) {}

  /**
   * Per campus, the percentiles of what was recorded since the previous call (of its most recent {@code window}
   * samples when more arrived): one interval of the path-latency series. Campuses with nothing new are left out.
   * Meant for one periodic caller; the whole-window {@link #percentiles} is not affected.
   */
  public Map<String, Percentiles> takeInterval() {
    Map<String, Percentiles> out = new java.util.TreeMap<>();
    rings.forEach((campus, ring) -> {
      Percentiles p = ring.takeInterval();
      if (p != null) {
        out.put(campus, p);
      }
    });
    return out;
  }

  private static final class Ring {
    private final long[] values;
    private final DistributionSummary summary;
    private int next;
    private int size;
    private long recorded;
    private long taken;

    Ring(int capacity, DistributionSummary summary) {
      values = new long[capacity];
      this.summary = summary;
    }

    synchronized void add(long v) {
      if (summary != null) {
        summary.record(v);
      }
      values[next] = v;
      next = (next + 1) % values.length;
      size = Math.min(size + 1, values.length);
      recorded++;
    }

    synchronized Percentiles takeInterval() {
      int fresh = (int) Math.min(recorded - taken, size);
      taken = recorded;
      if (fresh == 0) {
        return null;
      }
      long[] newest = new long[fresh];
      for (int i = 0; i < fresh; i++) {
        newest[i] = values[Math.floorMod(next - 1 - i, values.length)];
      }
      return of(newest);
    }

    synchronized Percentiles percentiles() {
      return of(Arrays.copyOf(values, size));
    }

    private static Percentiles of(long[] samples) {
      Arrays.sort(samples);
      return new Percentiles(rank(samples, 0.50), rank(samples, 0.99), samples.length);
    }

    // Nearest-rank percentile.
    private static long rank(long[] sorted, double q) {
      int i = (int) Math.ceil(q * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
  }
}
