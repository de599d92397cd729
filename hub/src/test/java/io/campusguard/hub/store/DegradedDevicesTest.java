package io.campusguard.hub.store;

import static io.campusguard.hub.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.body.CameraStatus;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.DeviceHeartbeat;
import io.campusguard.devices.body.EventBody;
import io.campusguard.devices.body.LocalAlarm;
import io.campusguard.devices.codec.EventCodec;
import io.campusguard.hub.TestDatabase;
import io.campusguard.hub.TestEvents;
import io.campusguard.hub.alarms.AlarmChange;
import io.campusguard.hub.alarms.AlarmLifecycle;
import io.campusguard.hub.alarms.AlarmRules;
import io.campusguard.hub.alarms.CampusColour;
import io.campusguard.devices.EventKind;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Degraded devices against the real PostgreSQL: the per-campus count follows the devices' reports as batches are
 * committed, late reports do not undo newer ones, the colour turns yellow and back, and the console is told.
 */
@Timeout(120)
class DegradedDevicesTest {
  private static final Instant T0 = Instant.now().minusSeconds(600);

  private static TestDatabase db;
  private static Vertx vertx;
  private static Database database;
  private static EventStore events;
  private static CampusStore campuses;
  private static ChangeFeed feed;
  private static AlarmStore alarms;

  @BeforeAll
  static void start() {
    db = new TestDatabase();
    vertx = Vertx.vertx();
    database = await(Database.start(vertx, db.config()));
    events = new EventStore(database.pool(), EventCodec.withDefaults(), Duration.ofSeconds(30));
    campuses = new CampusStore(database.pool());
    feed = new ChangeFeed(database.pool());
    alarms = new AlarmStore(database.pool());
  }

  @AfterAll
  static void stop() {
    if (database != null) {
      await(database.close());
    }
    await(vertx.close());
    db.close();
  }

  /**
   * Verifies that a camera's video loss makes its campus yellow with one degraded device (stored, listed and sent to
   * the console), that a heartbeat and a late "online" from before the loss change nothing, and that a newer
   * "online" makes it green again.
   */
  @Test
  void cameraLossAndRecovery() {
    String campus = "LP-901";
    String camera = "LP-901-CAM-01";
    long feedHead = await(feed.head());

    commit(campus, 1, camera, camera(CameraStatus.State.VIDEO_LOSS), T0.plusSeconds(10));
    CampusStatus lossy = status(campus);
    assertThat(lossy.degradedDevices()).isEqualTo(1);
    assertThat(lossy.colour()).isEqualTo(CampusColour.YELLOW);
    assertThat(lossy.activeOther()).as("no alarm involved: the event store alone decides").isZero();
    assertThat(db.count("SELECT degraded_devices FROM campuses WHERE id = '" + campus + "'")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM devices WHERE id = '" + camera + "' AND degraded_reason = 'video_loss'")).isEqualTo(1);
    List<ChangeFeed.Change> told = await(feed.since(feedHead, 100)).stream().filter(c -> c.campus().equals(campus)).toList();
    assertThat(told).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo("campus");
      assertThat(c.payload().getInteger("degradedDevices")).isEqualTo(1);
      assertThat(c.payload().getString("colour")).isEqualTo("yellow");
    });

    // a heartbeat says nothing of the picture; a late report from before the loss is older than what is stored
    commit(campus, 2, camera, new DeviceHeartbeat(EventKind.CAMERA), T0.plusSeconds(20));
    commit(campus, 3, camera, camera(CameraStatus.State.ONLINE), T0.plusSeconds(5));
    assertThat(status(campus).degradedDevices()).isEqualTo(1);
    assertThat(status(campus).colour()).isEqualTo(CampusColour.YELLOW);

    commit(campus, 4, camera, camera(CameraStatus.State.ONLINE), T0.plusSeconds(30));
    CampusStatus healed = status(campus);
    assertThat(healed.degradedDevices()).isZero();
    assertThat(healed.colour()).isEqualTo(CampusColour.GREEN);
    assertThat(await(feed.since(feedHead, 100)).stream().filter(c -> c.campus().equals(campus)).map(c -> c.payload().getString("colour")))
        .containsExactly("yellow", "green");
  }

  /**
   * Verifies that the count is per campus and per device: two silent sensors (liveness alarms from the gateway)
   * count two, a repeated report counts once, a clear counts down, and another campus is not touched.
   */
  @Test
  void livenessCountsEachDeviceOnce() {
    String campus = "LP-902";
    commit(campus, 1, "LP-902-CS-01", offline(LocalAlarm.Transition.RAISED), T0.plusSeconds(1));
    commit(campus, 2, "LP-902-CS-02", offline(LocalAlarm.Transition.RAISED), T0.plusSeconds(2));
    commit(campus, 3, "LP-902-CS-02", offline(LocalAlarm.Transition.RAISED), T0.plusSeconds(3));
    commit(campus, 4, "LP-902-CS-03", CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, 4), T0.plusSeconds(4));
    assertThat(status(campus).degradedDevices()).isEqualTo(2);

    commit(campus, 5, "LP-902-CS-01", offline(LocalAlarm.Transition.CLEARED), T0.plusSeconds(5));
    assertThat(status(campus).degradedDevices()).isEqualTo(1);
    assertThat(status(campus).colour()).isEqualTo(CampusColour.YELLOW);
    // control: a campus with only healthy reports
    commit("LP-903", 1, "LP-903-CS-01", CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, 4), T0);
    assertThat(status("LP-903").degradedDevices()).isZero();
    assertThat(status("LP-903").colour()).isEqualTo(CampusColour.GREEN);
  }

  /**
   * Verifies that a degraded device outlives its resolved alarm: the operator resolves the camera alarm while the
   * camera is still offline, and the campus stays yellow (alarm transactions recount too).
   */
  @Test
  void degradedOutlivesTheResolvedAlarm() {
    String campus = "LP-904";
    String camera = "LP-904-CAM-01";
    EventEnvelope offline = commit(campus, 1, camera, camera(CameraStatus.State.OFFLINE), Instant.now());
    AlarmRules rules = new AlarmRules(Duration.ofSeconds(30), c -> false);
    List<AlarmChange> opened = await(alarms.applyEvent(offline.id(), rules.signalsFor(offline, Instant.now()), Instant.now()));
    assertThat(opened).hasSize(1);
    assertThat(status(campus).activeOther()).isEqualTo(1);

    long id = opened.get(0).alarm().id();
    await(alarms.act(id, "op-1", a -> AlarmLifecycle.resolve(a, "op-1", Instant.now(), "ticket 42 for the installer"), Instant.now()));
    CampusStatus after = status(campus);
    assertThat(after.activeOther()).isZero();
    assertThat(after.degradedDevices()).isEqualTo(1);
    assertThat(after.colour()).isEqualTo(CampusColour.YELLOW);
  }

  private static EventEnvelope commit(String campus, long seq, String device, EventBody body, Instant sourceTs) {
    EventEnvelope e = TestEvents.event(campus, device, seq, body, sourceTs);
    await(events.commit(campus, List.of(e), Instant.now(), AlarmRules::mayRaise));
    return e;
  }

  private static CampusStatus status(String campus) {
    return await(campuses.get(campus)).orElseThrow();
  }

  private static CameraStatus camera(CameraStatus.State state) {
    return new CameraStatus(CameraStatus.Role.CAMERA, state, "LP-NVR-01");
  }

  private static LocalAlarm offline(LocalAlarm.Transition t) {
    return new LocalAlarm("device_offline", t, null, "");
  }
}
