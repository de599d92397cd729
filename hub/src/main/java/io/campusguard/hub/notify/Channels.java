package io.campusguard.hub.notify;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the channels the {@code notifications} config names; one left out of the config is not offered. */
public final class Channels {
  /** Threads for e-mail, whose sending blocks: a few, so one slow relay cannot take many. */
  static final int SMTP_THREADS = 4;

  private Channels() {}

  public static Map<String, NotificationChannel> of(Vertx vertx, NotifyConfig c, Clock clock) {
    Map<String, NotificationChannel> out = new LinkedHashMap<>();
    if (c.wecom() != null) {
      out.put(WeComRobot.NAME, new WeComRobot(vertx, c.wecom(), c.timeout(), c.concurrency()));
    }
    if (c.dingtalk() != null) {
      out.put(DingTalkRobot.NAME, new DingTalkRobot(vertx, c.dingtalk(), c.timeout(), c.concurrency(), clock));
    }
    if (c.sms() != null) {
      out.put(SmsGateway.NAME, new SmsGateway(vertx, c.sms(), c.timeout(), c.concurrency(), clock));
    }
    if (c.email() != null) {
      out.put(SmtpMail.NAME, new SmtpMail(vertx, c.email(), c.timeout(), Math.min(SMTP_THREADS, c.concurrency())));
    }
    return out;
  }
}
