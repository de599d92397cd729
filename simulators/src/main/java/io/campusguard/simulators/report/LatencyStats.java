package io.campusguard.simulators.report;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Latencies recorded with HdrHistogram (3 significant digits, up to an hour), overall and per time window, so
 * the report can give exact-enough percentiles and draw them over time. Not thread-safe: record from one thread.
 */
public final class LatencyStats {
  private static final long MAX_MS = 3_600_000;
  private final Histogram overall = new Histogram(MAX_MS, 3);
  private final TreeMap<Long, Histogram> windows = new TreeMap<>();
  private final long windowS;

  public LatencyStats(long windowS) {
    this.windowS = windowS;
  }

  /** @param atS seconds since the run started; @param ms the latency */
  public void record(double atS, long ms) {
    long v = Math.max(0, Math.min(MAX_MS, ms));
    overall.recordValue(v);
    windows.computeIfAbsent((long) (atS / windowS), w -> new Histogram(MAX_MS, 3)).recordValue(v);
  }

  public Latency summary() {
    return of(overall);
  }

  public long count() {
    return overall.getTotalCount();
  }

  /** p50, p95 and p99 per window, for the latency chart. */
  public List<Series> overTime() {
    List<Series.Point> p50 = new ArrayList<>();
    List<Series.Point> p95 = new ArrayList<>();
    List<Series.Point> p99 = new ArrayList<>();
    windows.forEach(
        (w, h) -> {
          double x = (w + 0.5) * windowS;
          p50.add(new Series.Point(x, h.getValueAtPercentile(50)));
          p95.add(new Series.Point(x, h.getValueAtPercentile(95)));
          p99.add(new Series.Point(x, h.getValueAtPercentile(99)));
        });
    return List.of(new Series("p50", p50), new Series("p95", p95), new Series("p99", p99));
  }

  static Latency of(Histogram h) {
    if (h.getTotalCount() == 0) {
      return new Latency(0, 0, 0, 0, 0);
    }
    return new Latency(
        h.getValueAtPercentile(50), h.getValueAtPercentile(95), h.getValueAtPercentile(99), h.getMaxValue(), h.getTotalCount());
  }

  /** Latency percentiles in milliseconds. */
  public record Latency(long p50, long p95, long p99, long max, long samples) {}
}
