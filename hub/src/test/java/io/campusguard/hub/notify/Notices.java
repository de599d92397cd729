package io.campusguard.hub.notify;

import java.time.Instant;
import java.util.List;

/** Notices and recipients for the notification tests. */
final class Notices {
  private Notices() {}

  static Notice panic(long alarmId) {
    return new Notice(Notice.Kind.ALARM, alarmId, "LP-017", "连平县第一小学", "教学楼A", "101", "LP-017-PB-03", "一楼大厅报警按钮",
        "panic", "一键报警", "P0", Instant.parse("2026-12-07T18:05:00Z"), 1, null, null, "http://127.0.0.1:8080/#/alarms/" + alarmId);
  }

  static Recipient principal(String... channels) {
    return new Recipient("张校长", "13800000017", "principal017@school.example", List.of(channels));
  }
}
