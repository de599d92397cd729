package io.campusguard.hub.telemetry;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.QueryResult;

/**
 * Time series in InfluxDB through influxdb-java (line protocol on {@code /write}, InfluxQL on {@code /query}, which
 * 1.x serves natively and 2.x/3.x as v1 compatibility). The client blocks, so every call runs on a worker thread.
 * Tags: campus, device, quantity; one field, {@code value}; millisecond precision.
 */
public final class InfluxTimeSeriesStore implements TimeSeriesStore {
  private final Vertx vertx;
  private final InfluxDB influx;
  private final String database;

  public InfluxTimeSeriesStore(Vertx vertx, String url, String database, String user, String password) {
    this.vertx = vertx;
    this.database = database;
    this.influx = user == null ? InfluxDBFactory.connect(url) : InfluxDBFactory.connect(url, user, password == null ? "" : password);
  }

  @Override
  public Future<Void> write(List<Sample> samples) {
    if (samples.isEmpty()) {
      return Future.succeededFuture();
    }
    // Building the lines is CPU work of the same order as the write: on the worker too.
    return vertx.executeBlocking(() -> {
      StringBuilder lines = new StringBuilder(samples.size() * 96);
      for (Sample s : samples) {
        appendLine(lines, s);
      }
      influx.write(database, null, InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS, lines.toString());
      return null;
    }, false);
  }

  /**
   * One sample as a line of InfluxDB's line protocol, {@code measurement,campus=…,device=…,quantity=… value=… ms}.
   * Written here rather than through the client's {@code Point}, which escapes every tag and formats every value
   * with a {@code DecimalFormat}: in the ingest benchmark's profile that was a sixth of the hub's CPU. Nothing here
   * needs escaping: the measurement comes from an enum, and campus, device and quantity passed the id allow-list
   * ({@code [A-Za-z0-9][A-Za-z0-9_-]*}, see {@link Sample}). Tags are in key order, as InfluxDB prefers.
   */
  static void appendLine(StringBuilder out, Sample s) {
    out.append(s.measurement().wireName())
        .append(",campus=").append(s.campus())
        .append(",device=").append(s.device())
        .append(",quantity=").append(s.quantity())
        .append(" value=");
    String v = Double.toString(s.value());
    // the protocol reads plain decimals; Java writes very large or small values with an exponent
    out.append(v.indexOf('E') < 0 ? v : new BigDecimal(v).toPlainString());
    out.append(' ').append(s.ts().toEpochMilli()).append('\n');
  }

  @Override
  public Future<List<Sample>> query(Measurement measurement, String device, String quantity, Instant since) {
    // The measurement comes from an enum, never from input; everything else is bound.
    String q = "SELECT campus, value FROM " + measurement.wireName() + " WHERE device = $device AND quantity = $quantity AND time >= $since";
    BoundParameterQuery query = BoundParameterQuery.QueryBuilder.newQuery(q)
        .forDatabase(database)
        .bind("device", device)
        .bind("quantity", quantity)
        .bind("since", since.toString())
        .create();
    return select(query, measurement, device, quantity);
  }

  @Override
  public Future<List<Sample>> queryDevice(Measurement measurement, String device, Instant since) {
    // quantity is a tag: selected with the field, it comes back as a column of each row
    String q = "SELECT campus, quantity, value FROM " + measurement.wireName() + " WHERE device = $device AND time >= $since LIMIT 100000";
    BoundParameterQuery query = BoundParameterQuery.QueryBuilder.newQuery(q)
        .forDatabase(database)
        .bind("device", device)
        .bind("since", since.toString())
        .create();
    return select(query, measurement, device, null);
  }

  /** Runs a query on a worker; each row's quantity is its {@code quantity} column when selected, else {@code quantity}. */
  private Future<List<Sample>> select(BoundParameterQuery query, Measurement measurement, String device, String quantity) {
    return vertx.executeBlocking(() -> {
      QueryResult result = influx.query(query, TimeUnit.MILLISECONDS);
      if (result.hasError()) {
        throw new IllegalStateException("influx: " + result.getError());
      }
      List<Sample> out = new ArrayList<>();
      for (QueryResult.Result r : result.getResults()) {
        if (r.hasError()) {
          throw new IllegalStateException("influx: " + r.getError());
        }
        if (r.getSeries() == null) {
          continue;
        }
        for (QueryResult.Series series : r.getSeries()) {
          int time = series.getColumns().indexOf("time");
          int campus = series.getColumns().indexOf("campus");
          int quantityColumn = series.getColumns().indexOf("quantity");
          int value = series.getColumns().indexOf("value");
          for (List<Object> row : series.getValues()) {
            out.add(new Sample(measurement, (String) row.get(campus), device, quantityColumn < 0 ? quantity : (String) row.get(quantityColumn),
                Instant.ofEpochMilli(((Number) row.get(time)).longValue()), ((Number) row.get(value)).doubleValue()));
          }
        }
      }
      return out;
    }, false);
  }

  /** Succeeds when InfluxDB answers {@code /ping} as healthy (for the hub's dependency check). */
  public Future<Void> ping() {
    return vertx.executeBlocking(() -> {
      if (!influx.ping().isGood()) {
        throw new IllegalStateException("influx: /ping did not answer as healthy");
      }
      return null;
    }, false);
  }

  @Override
  public Future<Void> close() {
    return vertx.executeBlocking(() -> {
      influx.close();
      return null;
    }, false);
  }
}
