package io.campusguard.hub.telemetry;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/** Where time series go: InfluxDB when configured, else PostgreSQL. Both behave the same through this. */
public interface TimeSeriesStore {
  /** Writes a batch; succeeds once the store has accepted all of it. */
  Future<Void> write(List<Sample> samples);

  /** One device's quantity from {@code since} on, oldest first. */
  Future<List<Sample>> query(Measurement measurement, String device, String quantity, Instant since);

  /** Every quantity of one device's measurement from {@code since} on, oldest first (a device page reads them together). */
  Future<List<Sample>> queryDevice(Measurement measurement, String device, Instant since);

  Future<Void> close();
}
