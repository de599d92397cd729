package io.campusguard.hub.supervision;

import io.campusguard.hub.telemetry.Measurement;
import io.campusguard.hub.telemetry.Sample;
import io.campusguard.hub.telemetry.TimeSeriesStore;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Each campus's path quality as a time series: every interval, the path latency of the events committed in it
 * ({@code path_latency}: {@code p50_ms}, {@code p99_ms}, {@code samples}; only campuses with events in the interval)
 * and the link's availability over it ({@code link_availability}: {@code up}, 0..1; every supervised campus, since a
 * silent campus is exactly the one whose availability matters). The device tag of these series is the campus id.
 * Not thread-safe: one caller context, the one that drives the {@link LinkSupervisor}.
 */
public final class PathSeries {
  public static final Duration DEFAULT_EVERY = Duration.ofSeconds(10);
  public static final String P50 = "p50_ms";
  public static final String P99 = "p99_ms";
  public static final String SAMPLES = "samples";
  public static final String UP = "up";

  private final PathLatency latency;
  private final LinkSupervisor links;
  private final Consumer<List<Sample>> sink;
  private final Map<String, LinkSupervisor.Uptime> lastUptime = new HashMap<>();

  /** @param sink where the interval's samples go (the telemetry recorder, which batches them) */
  public PathSeries(PathLatency latency, LinkSupervisor links, Consumer<List<Sample>> sink) {
    this.latency = latency;
    this.links = links;
    this.sink = sink;
  }

  /** Closes the interval ending at {@code now}: hands its samples to the sink and returns them. */
  public List<Sample> sample(Instant now) {
    List<Sample> out = new ArrayList<>();
    latency.takeInterval().forEach((campus, p) -> {
      out.add(new Sample(Measurement.PATH_LATENCY, campus, campus, P50, now, p.p50()));
      out.add(new Sample(Measurement.PATH_LATENCY, campus, campus, P99, now, p.p99()));
      out.add(new Sample(Measurement.PATH_LATENCY, campus, campus, SAMPLES, now, p.samples()));
    });
    for (String campus : links.campuses()) {
      LinkSupervisor.Uptime uptime = links.uptime(campus, now);
      Double availability = uptime.availabilitySince(lastUptime.put(campus, uptime));
      if (availability != null) {
        out.add(new Sample(Measurement.LINK_AVAILABILITY, campus, campus, UP, now, availability));
      }
    }
    if (!out.isEmpty()) {
      sink.accept(out);
    }
    return out;
  }

  /** One campus's path quality from {@code since} on, each series oldest first. */
  public record History(List<Sample> p50Ms, List<Sample> p99Ms, List<Sample> availability) {}

  /** One campus's series from {@code since} on (the console asks for the last 24 h), read back from {@code store}. */
  public static Future<History> history(TimeSeriesStore store, String campus, Instant since) {
    Future<List<Sample>> p50 = store.query(Measurement.PATH_LATENCY, campus, P50, since);
    Future<List<Sample>> p99 = store.query(Measurement.PATH_LATENCY, campus, P99, since);
    Future<List<Sample>> up = store.query(Measurement.LINK_AVAILABILITY, campus, UP, since);
    return Future.all(p50, p99, up).map(v -> new History(p50.result(), p99.result(), up.result()));
  }
}
