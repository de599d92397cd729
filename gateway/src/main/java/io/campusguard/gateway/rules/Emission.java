package io.campusguard.gateway.rules;

import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.body.LocalAlarm;
import java.time.Duration;
import java.util.Objects;

/**
 * One thing the rules want written to the outbox: a device's own message passed on, or a {@link LocalAlarm}
 * (kind {@code alarm}, device = the device it is about, {@code sourceTs} = the moment the rule decided, on the
 * device's time line).
 *
 * @param message what to append (its priority follows from {@code PriorityPolicy.of(message.body())})
 * @param lateBy how far the message's {@code sourceTs} lags the gateway clock when that exceeds
 *     {@link LocalRulesConfig#lateAfter()}, so it must be shown as late and never as live; {@link Duration#ZERO}
 *     when it is live. The envelope carries {@code sourceTs} and {@code gatewayTs}, so the hub can check it too.
 */
public record Emission(DeviceMessage message, Duration lateBy) {
  public Emission {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(lateBy, "lateBy");
    if (lateBy.isNegative()) {
      throw new IllegalArgumentException("lateBy: negative");
    }
  }

  public boolean isLate() {
    return !lateBy.isZero();
  }

  public boolean isLocalAlarm() {
    return message.body() instanceof LocalAlarm;
  }
}
