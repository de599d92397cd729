package io.campusguard.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.hub.HubHttp;
import io.campusguard.hub.ScriptedGateway;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestEvents;
import io.campusguard.hub.TestHub;
import io.campusguard.hub.auth.Role;
import io.campusguard.hub.auth.User;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One campus's gateway naming another campus's device, against the real PostgreSQL: kept apart, and a security event. */
@Timeout(120)
class ForeignDeviceTest {
  private static TestDatabase db;
  private static TestHub hub;
  private static HubHttp http;

  @BeforeAll
  static void start() {
    db = new TestDatabase();
    hub = new TestHub(db.config(), "f" + UUID.randomUUID().toString().substring(0, 8));
    http = new HubHttp(hub);
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
    db.close();
  }

  /**
   * Verifies that LP-952's gateway reporting LP-951's camera leaves LP-951's row as it was (last seen unchanged, so a
   * real outage stays visible), gets a row of its own campus, raises one foreign_device event, and that a principal
   * of LP-952 cannot read that device's series through its forged row.
   */
  @Test
  void anotherCampusesDeviceIsKeptApartAndReported() throws Exception {
    String device = "LP-951-CAM-03";
    Instant old = Instant.now().minusSeconds(3600);
    try (ScriptedGateway own = new ScriptedGateway("LP-951")) {
      own.send(TestEvents.batch("LP-951", List.of(TestEvents.event("LP-951", device, 1,
          new io.campusguard.devices.body.PanicEvent(io.campusguard.devices.body.PanicEvent.Action.PRESSED), old))));
      await().atMost(Duration.ofSeconds(10)).until(() -> own.acks().size() == 1);
    }
    long lastSeen = seen("LP-951", device);

    try (ScriptedGateway other = new ScriptedGateway("LP-952")) {
      other.send(TestEvents.batch("LP-952", List.of(TestEvents.reading("LP-952", device, 1, 4.0))));
      await().atMost(Duration.ofSeconds(10)).until(() -> other.acks().size() == 1);
    }

    await().atMost(Duration.ofSeconds(10)).until(() ->
        db.count("SELECT count(*) FROM security_events WHERE kind = 'foreign_device' AND detail LIKE '%" + device + "%'") == 1);
    assertThat(db.count("SELECT count(*) FROM devices WHERE id = '" + device + "'")).isEqualTo(2);
    assertThat(seen("LP-951", device)).as("LP-951's row untouched by LP-952's report").isEqualTo(lastSeen);
    assertThat(db.count("SELECT count(*) FROM devices WHERE id = '" + device + "' AND campus_id = 'LP-951'")).isEqualTo(1);
    JsonObject events = new JsonObject(http.get("/api/security-events").body());
    assertThat(events.encode()).contains("foreign_device").contains(device);
    HubHttp.Session principal = http.as(new User("fd-pr", "", Role.PRINCIPAL, "LP-952"));
    assertThat(principal.get("/api/devices/" + device + "/series?measurement=canteen&quantity=cold_store_temperature").statusCode())
        .isEqualTo(404);
  }

  private static long seen(String campus, String device) {
    return db.count("SELECT (extract(epoch FROM last_seen_at) * 1000)::bigint FROM devices WHERE campus_id = '" + campus + "' AND id = '"
        + device + "'");
  }
}
