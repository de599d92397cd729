package io.campusguard.hub.notify;

import java.time.Instant;

/**
 * One try at a delivery, as recorded: which channel, which try on that channel (1-based), the outcome and how long
 * the channel took. {@code detail} says why a failure failed, or what comes next. Made when the attempt ends.
 */
public record Attempt(Delivery delivery, String channel, int attempt, Outcome outcome, String detail, long latencyMs, Instant at) {
  /** Milliseconds from the alarm change's commit to this attempt's end. */
  public long sinceCommitMs() {
    return (System.nanoTime() - delivery.committedNanos()) / 1_000_000;
  }

  public enum Outcome {
    DELIVERED, FAILED, GAVE_UP, SKIPPED;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The line for the alarm's history, Chinese first: "短信 → 张校长 (138…): 已送达 / delivered, 120 ms". */
  public String historyNote() {
    String what = switch (outcome) {
      case DELIVERED -> "已送达 delivered";
      case FAILED -> "失败 failed";
      case GAVE_UP -> "全部渠道失败 every channel failed";
      case SKIPPED -> "未发送 not sent";
    };
    String kind = delivery.notice().kind() == Notice.Kind.ACKNOWLEDGED ? "确认通知 ack notice" : "第" + delivery.notice().level() + "级 level " + delivery.notice().level();
    return kind + " · " + channel + " → " + delivery.to().label(channel) + " · #" + attempt + " " + what
        + (outcome == Outcome.GAVE_UP || outcome == Outcome.SKIPPED ? "" : " " + latencyMs + " ms")
        + (detail == null ? "" : " · " + detail);
  }
}
