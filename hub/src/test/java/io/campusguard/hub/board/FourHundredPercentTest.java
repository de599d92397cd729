package io.campusguard.hub.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The "four 100%" board's decisions from device facts. */
class FourHundredPercentTest {
  private final Instant now = Instant.parse("2026-11-28T08:00:00Z");
  private final FourHundredPercent board = new FourHundredPercent();

  private DeviceFacts heard(String id, Duration ago, String... alarms) {
    return new DeviceFacts(id, now.minus(ago), Set.of(alarms), null);
  }

  private DeviceFacts camera(String id, Duration ago, String nvr, String... alarms) {
    return new DeviceFacts(id, now.minus(ago), Set.of(alarms), nvr);
  }

  /** Verifies a campus with every button heard, linked and tested and every camera online meets all three. */
  @Test
  void allMet() {
    CampusFacts c = new CampusFacts("LP-001", "一中", "元善镇", true,
        List.of(heard("PB-1", Duration.ofSeconds(10)), heard("PB-2", Duration.ofSeconds(80))),
        List.of(camera("CAM-1", Duration.ofSeconds(30), "NVR-1")), List.of(heard("NVR-1", Duration.ofSeconds(5))), Set.of("PB-1", "PB-2"));
    FourHundredPercent.CampusScore s = board.score(c, now);
    assertThat(s.allMet()).isTrue();
    assertThat(s.panicLinked()).isEqualTo(new Ratio(2, 2));
    assertThat(s.videoOnline().ratio()).isEqualTo(1.0);
  }

  /** Verifies that a button the gateway holds offline, or any button while the link is down, is not linked; a merely quiet one is. */
  @Test
  void offlineButtonOrLostLinkIsNotLinked() {
    // PB-2 was last heard by the hub long ago, but its heartbeats stop at the gateway: only the gateway's alarm says offline.
    CampusFacts quiet = new CampusFacts("LP-002", "", "", true,
        List.of(heard("PB-1", Duration.ofSeconds(10)), heard("PB-2", Duration.ofHours(5)), heard("PB-3", Duration.ofSeconds(10), "device_offline")),
        List.of(), List.of(), Set.of());
    assertThat(board.score(quiet, now).panicNotLinked()).containsExactly("PB-3");
    CampusFacts offlineAlarm = new CampusFacts("LP-002", "", "", true,
        List.of(heard("PB-1", Duration.ofSeconds(1), "device_offline")), List.of(), List.of(), Set.of());
    assertThat(board.score(offlineAlarm, now).panicLinked()).isEqualTo(new Ratio(0, 1));
    CampusFacts lost = new CampusFacts("LP-003", "", "", false, List.of(heard("PB-1", Duration.ofSeconds(1))), List.of(), List.of(), Set.of());
    assertThat(board.score(lost, now).panicLinked()).isEqualTo(new Ratio(0, 1));
    // a campus with no cameras is not "100 % online": nothing is counted
    assertThat(board.score(lost, now).videoOnline().ratio()).isNull();
    assertThat(board.score(lost, now).videoOnline().met()).isFalse();
  }

  /** Verifies camera states: NVR outage once for its cameras, video loss, offline, online. */
  @Test
  void cameraStates() {
    CampusFacts c = new CampusFacts("LP-004", "", "", true, List.of(),
        List.of(camera("CAM-1", Duration.ofMinutes(10), "NVR-1"), camera("CAM-2", Duration.ofMinutes(10), "NVR-1"),
            camera("CAM-3", Duration.ofSeconds(10), "NVR-2", "video_loss"), camera("CAM-4", Duration.ofMinutes(4), "NVR-2", "camera_offline"),
            camera("CAM-5", Duration.ofSeconds(10), "NVR-2")),
        List.of(heard("NVR-1", Duration.ofSeconds(5), "parent_offline"), heard("NVR-2", Duration.ofSeconds(5))), Set.of());
    FourHundredPercent.CampusScore s = board.score(c, now);
    assertThat(s.nvrsDown()).containsExactly("NVR-1");
    assertThat(s.cameras()).containsEntry("CAM-1", CameraState.NVR_DOWN).containsEntry("CAM-2", CameraState.NVR_DOWN)
        .containsEntry("CAM-3", CameraState.VIDEO_LOSS).containsEntry("CAM-4", CameraState.OFFLINE).containsEntry("CAM-5", CameraState.ONLINE);
    assertThat(s.videoOnline()).isEqualTo(new Ratio(1, 5));
  }

  /** Verifies that the county sums every campus's buttons and cameras and counts campuses meeting all three. */
  @Test
  void countySums() {
    CampusFacts good = new CampusFacts("LP-001", "", "", true, List.of(heard("PB-1", Duration.ZERO)),
        List.of(camera("CAM-1", Duration.ZERO, null)), List.of(), Set.of("PB-1"));
    CampusFacts untested = new CampusFacts("LP-002", "", "", true, List.of(heard("PB-9", Duration.ZERO), heard("PB-8", Duration.ZERO)),
        List.of(camera("CAM-9", Duration.ZERO, null)), List.of(), Set.of("PB-9"));
    FourHundredPercent.Board b = board.compute(List.of(good, untested), now);
    assertThat(b.panicLinked()).isEqualTo(new Ratio(3, 3));
    assertThat(b.panicTested()).isEqualTo(new Ratio(2, 3));
    assertThat(b.videoOnline()).isEqualTo(new Ratio(2, 2));
    assertThat(b.campusesAllMet()).isEqualTo(1);
    assertThat(b.campuses().get(1).panicUntested()).containsExactly("PB-8");
  }
}
