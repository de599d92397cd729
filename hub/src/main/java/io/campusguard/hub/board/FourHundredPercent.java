package io.campusguard.hub.board;

import io.campusguard.devices.AlarmTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The county's "four 100%" board (四个100%), as far as devices can show it: every one-touch alarm online and
 * linked to the centre, video surveillance online, and every one-touch alarm tested this quarter. (The fourth,
 * campus security staffing, is not a device fact.) Plain Java: the store gathers the facts, this decides.
 *
 * <p>"Online" is the gateway's verdict, not the hub's own clock: the gateway applies each device's profile
 * silence limit ({@code DeviceProfile#silenceLimit}) to every message it sees, heartbeats included, and raises
 * {@code device_offline} or {@code parent_offline}. Heartbeats stop at the gateway, so the hub's last-seen time of a
 * quiet panic button is old while the button is fine; judging by it would show every quiet button offline. While
 * a campus's link is up, a device with no liveness alarm has been heard within its limit; while it is lost, no
 * button of that campus counts as linked.
 */
public final class FourHundredPercent {
  /** Alarm types that say a device is not answering. */
  static final Set<String> SILENT = AlarmTypes.DEVICE_LIVENESS;

  /** One campus's scores, with the buttons and cameras that keep it from 100 %. */
  public record CampusScore(
      String campus, String name, String town, boolean linkUp, Ratio panicLinked, Ratio videoOnline, Ratio panicTested,
      List<String> panicNotLinked, List<String> panicUntested, Map<String, CameraState> cameras, List<String> nvrsDown) {
    public boolean allMet() {
      return panicLinked.met() && videoOnline.met() && panicTested.met();
    }
  }

  /** The county's sums and every campus. */
  public record Board(Instant at, Ratio panicLinked, Ratio videoOnline, Ratio panicTested, int campusesAllMet, List<CampusScore> campuses) {}

  public Board compute(List<CampusFacts> county, Instant now) {
    List<CampusScore> scores = new ArrayList<>();
    Ratio linked = Ratio.NONE;
    Ratio video = Ratio.NONE;
    Ratio tested = Ratio.NONE;
    int allMet = 0;
    for (CampusFacts c : county) {
      CampusScore s = score(c, now);
      scores.add(s);
      linked = linked.plus(s.panicLinked());
      video = video.plus(s.videoOnline());
      tested = tested.plus(s.panicTested());
      allMet += s.allMet() ? 1 : 0;
    }
    return new Board(now, linked, video, tested, allMet, List.copyOf(scores));
  }

  public CampusScore score(CampusFacts c, Instant now) {
    List<String> notLinked = new ArrayList<>();
    List<String> untested = new ArrayList<>();
    for (DeviceFacts b : c.panicButtons()) {
      // Linked means the centre would hear a press now: the campus link is up and the button itself answers.
      if (!c.linkUp() || !answering(b)) {
        notLinked.add(b.id());
      }
      if (!c.testedButtons().contains(b.id())) {
        untested.add(b.id());
      }
    }
    List<String> nvrsDown = new ArrayList<>();
    for (DeviceFacts n : c.nvrs()) {
      if (!answering(n)) {
        nvrsDown.add(n.id());
      }
    }
    Map<String, CameraState> cameras = new LinkedHashMap<>();
    int online = 0;
    for (DeviceFacts cam : c.cameras()) {
      CameraState state = cameraState(cam, nvrsDown);
      cameras.put(cam.id(), state);
      online += state == CameraState.ONLINE ? 1 : 0;
    }
    int buttons = c.panicButtons().size();
    return new CampusScore(c.campus(), c.name(), c.town(), c.linkUp(), new Ratio(buttons - notLinked.size(), buttons),
        new Ratio(online, c.cameras().size()), new Ratio(buttons - untested.size(), buttons), List.copyOf(notLinked),
        List.copyOf(untested), cameras, List.copyOf(nvrsDown));
  }

  CameraState cameraState(DeviceFacts cam, List<String> nvrsDown) {
    // The NVR first: its cameras fall silent with it, and the outage is one fault, not thirty-two.
    if (cam.nvr() != null && nvrsDown.contains(cam.nvr())) {
      return CameraState.NVR_DOWN;
    }
    if (cam.activeAlarms().contains(AlarmTypes.VIDEO_LOSS)) {
      return CameraState.VIDEO_LOSS;
    }
    return answering(cam) ? CameraState.ONLINE : CameraState.OFFLINE;
  }

  /** No liveness alarm says it has gone quiet (see the class comment for why not the hub's last-seen time). */
  private static boolean answering(DeviceFacts d) {
    return d.activeAlarms().stream().noneMatch(SILENT::contains);
  }
}
