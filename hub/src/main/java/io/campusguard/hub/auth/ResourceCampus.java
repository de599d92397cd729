package io.campusguard.hub.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/** Which campus an alarm or a device belongs to, for the access check of a campus-bound user. */
public final class ResourceCampus {
  private final Pool pool;

  public ResourceCampus(Pool pool) {
    this.pool = pool;
  }

  public Future<Optional<String>> ofAlarm(long id) {
    return pool.preparedQuery("SELECT campus_id FROM alarms WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getString(0)) : Optional.empty());
  }

  /**
   * A device's campus; a campus id is its own (series such as a campus's path latency are kept under it). An id
   * two campuses have reported (a foreign_device security event) belongs to neither here: its series are kept by
   * id, so a principal of either campus would read the other's.
   */
  public Future<Optional<String>> ofDevice(String id) {
    return pool.preparedQuery("SELECT DISTINCT campus_id FROM devices WHERE id = $1 UNION SELECT id FROM campuses WHERE id = $1 LIMIT 2")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 1 ? Optional.of(rows.iterator().next().getString(0)) : Optional.empty());
  }
}
