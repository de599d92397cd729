package io.campusguard.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** Merging what two batches say of one device, as two commits in a row would leave its row. */
class GroupRowsTest {
  private static final OffsetDateTime T = OffsetDateTime.parse("2026-11-28T08:00:00Z");

  /** Verifies that the later batch's type and parent win only when it names them, and last seen is the newest. */
  @Test
  void laterNamesWinSilenceKeepsWhatWasSaid() {
    GroupRows.DeviceTouch first = new GroupRows.DeviceTouch("LP-1-CAM-01", "LP-1", "camera", T.plusSeconds(10), "camera", "LP-1-NVR-01",
        null, null, null);
    GroupRows.DeviceTouch heartbeat = new GroupRows.DeviceTouch("LP-1-CAM-01", "LP-1", "camera", T.plusSeconds(5), null, null,
        null, null, null);

    GroupRows.DeviceTouch merged = first.then(heartbeat);

    assertThat(merged.type()).isEqualTo("camera");
    assertThat(merged.parent()).isEqualTo("LP-1-NVR-01");
    assertThat(merged.seenAt()).isEqualTo(T.plusSeconds(10));
    // control: a later batch that names another parent moves the device
    GroupRows.DeviceTouch moved = new GroupRows.DeviceTouch("LP-1-CAM-01", "LP-1", "camera", T.plusSeconds(20), "camera", "LP-1-NVR-02",
        null, null, null);
    assertThat(merged.then(moved).parent()).isEqualTo("LP-1-NVR-02");
  }

  /** Verifies that the condition with the newest time wins whichever batch came later, a tie going to the later one. */
  @Test
  void newestConditionWins() {
    GroupRows.DeviceTouch lost = new GroupRows.DeviceTouch("LP-1-CAM-01", "LP-1", "camera", T.plusSeconds(30), null, null,
        true, "video_loss", T.plusSeconds(30));
    GroupRows.DeviceTouch lateOnline = new GroupRows.DeviceTouch("LP-1-CAM-01", "LP-1", "camera", T.plusSeconds(5), null, null,
        false, null, T.plusSeconds(5));
    GroupRows.DeviceTouch silent = new GroupRows.DeviceTouch("LP-1-CAM-01", "LP-1", "camera", T.plusSeconds(40), null, null,
        null, null, null);
    GroupRows.DeviceTouch sameTimeOnline = new GroupRows.DeviceTouch("LP-1-CAM-01", "LP-1", "camera", T.plusSeconds(30), null, null,
        false, null, T.plusSeconds(30));

    assertThat(lost.then(lateOnline).degraded()).as("a late backlog does not undo a newer report").isTrue();
    assertThat(lost.then(silent).degraded()).isTrue();
    assertThat(lost.then(silent).seenAt()).isEqualTo(T.plusSeconds(40));
    assertThat(lateOnline.then(lost).reason()).isEqualTo("video_loss");
    assertThat(lost.then(sameTimeOnline).degraded()).isFalse();
  }
}
