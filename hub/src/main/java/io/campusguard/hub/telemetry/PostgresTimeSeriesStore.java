package io.campusguard.hub.telemetry;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Time series in the hub's PostgreSQL ({@code ts_points}), for the one-box default with no InfluxDB. */
public final class PostgresTimeSeriesStore implements TimeSeriesStore {
  private final Pool pool;

  public PostgresTimeSeriesStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> write(List<Sample> samples) {
    if (samples.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = samples.size();
    String[] measurements = new String[n];
    String[] campuses = new String[n];
    String[] devices = new String[n];
    String[] fields = new String[n];
    OffsetDateTime[] times = new OffsetDateTime[n];
    Double[] values = new Double[n];
    for (int i = 0; i < n; i++) {
      Sample s = samples.get(i);
      measurements[i] = s.measurement().wireName();
      campuses[i] = s.campus();
      devices[i] = s.device();
      fields[i] = s.quantity();
      times[i] = OffsetDateTime.ofInstant(s.ts(), ZoneOffset.UTC);
      values[i] = s.value();
    }
    return pool.preparedQuery("INSERT INTO ts_points (measurement, campus_id, device_id, field, ts, value)"
            + " SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::float8[])")
        .execute(Tuple.of(measurements, campuses, devices, fields, times, values))
        .mapEmpty();
  }

  @Override
  public Future<List<Sample>> query(Measurement measurement, String device, String quantity, Instant since) {
    return pool.preparedQuery("SELECT campus_id, ts, value FROM ts_points WHERE measurement = $1 AND device_id = $2 AND field = $3 AND ts >= $4"
            + " ORDER BY ts LIMIT 100000")
        .execute(Tuple.of(measurement.wireName(), device, quantity, OffsetDateTime.ofInstant(since, ZoneOffset.UTC)))
        .map(rows -> {
          List<Sample> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Sample(measurement, r.getString("campus_id"), device, quantity, r.getOffsetDateTime("ts").toInstant(), r.getDouble("value")));
          }
          return out;
        });
  }

  @Override
  public Future<List<Sample>> queryDevice(Measurement measurement, String device, Instant since) {
    return pool.preparedQuery("SELECT campus_id, field, ts, value FROM ts_points WHERE measurement = $1 AND device_id = $2 AND ts >= $3"
            + " ORDER BY ts LIMIT 100000")
        .execute(Tuple.of(measurement.wireName(), device, OffsetDateTime.ofInstant(since, ZoneOffset.UTC)))
        .map(rows -> {
          List<Sample> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Sample(measurement, r.getString("campus_id"), device, r.getString("field"), r.getOffsetDateTime("ts").toInstant(), r.getDouble("value")));
          }
          return out;
        });
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
