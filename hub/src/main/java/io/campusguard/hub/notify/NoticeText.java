package io.campusguard.hub.notify;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The words of a notice: Chinese first, then English, each line one fact (campus, place, device, type, time, the
 * console link). The same text for every channel, so a principal reads the same thing in SMS and in a group.
 */
public final class NoticeText {
  /** The county's local time, in which people read the time of an alarm. */
  public static final ZoneId COUNTY_ZONE = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(COUNTY_ZONE);

  private NoticeText() {}

  /** A short first line: for a mail subject, a group message's title, the start of an SMS. */
  public static String title(Notice n) {
    String what = n.typeLabel() == null ? n.type() : n.typeLabel();
    String campus = n.campusName() == null || n.campusName().isBlank() ? n.campusId() : n.campusName();
    return switch (n.kind()) {
      case ALARM -> "【" + (n.priority() == null ? "" : n.priority() + " ") + "告警】" + campus + " " + what;
      case ACKNOWLEDGED -> "【已确认】" + campus + " " + what;
    };
  }

  public static String body(Notice n) {
    StringBuilder b = new StringBuilder(title(n)).append('\n');
    b.append("学校: ").append(n.campusName() == null ? "" : n.campusName() + " ").append('(').append(n.campusId()).append(")\n");
    String place = place(n);
    if (!place.isEmpty()) {
      b.append("位置: ").append(place).append('\n');
    }
    b.append("设备: ").append(n.deviceName() == null || n.deviceName().isBlank() ? "" : n.deviceName() + " ")
        .append('(').append(n.deviceId()).append(")\n");
    b.append("类型: ").append(n.typeLabel() == null ? n.type() : n.typeLabel() + " (" + n.type() + ")").append('\n');
    if (n.kind() == Notice.Kind.ACKNOWLEDGED) {
      b.append("确认人: ").append(n.acknowledgedBy()).append('\n');
      if (n.note() != null && !n.note().isBlank()) {
        b.append("备注: ").append(n.note()).append('\n');
      }
      b.append("确认时间: ").append(TIME.format(n.at())).append('\n');
      b.append("无需再处理此通知。Acknowledged: no further notifications for this alarm.\n");
    } else {
      b.append("时间: ").append(TIME.format(n.at())).append('\n');
      b.append("请立即处理。Alarm ").append(n.type()).append(" at ").append(n.campusId())
          .append(": please act now.\n");
    }
    if (n.link() != null) {
      b.append("详情 / Details: ").append(n.link());
    }
    return b.toString();
  }

  private static String place(Notice n) {
    StringBuilder p = new StringBuilder();
    if (n.building() != null && !n.building().isBlank()) {
      p.append(n.building());
    }
    if (n.room() != null && !n.room().isBlank()) {
      p.append(p.length() == 0 ? "" : " ").append(n.room());
    }
    return p.toString();
  }
}
