package io.campusguard.simulators.loadtest;

import io.campusguard.devices.Ids;
import io.campusguard.runtime.config.DurationText;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scheduled fault, written {@code kind[:target]@start[+length]}: {@code hub-outage@30s+20s},
 * {@code gateway-kill:LP-003@60s+5s} (killed with SIGKILL, restarted after 5 s), {@code panic-burst:LP-010@40s}
 * (1,000 presses from one campus), {@code malformed:LP-005@20s} (bad payloads mixed into its stream),
 * {@code link-blackhole:LP-007@50s+20s} (its gateway's link to the county broker drops every packet),
 * {@code county-broker-restart@30s+5s} (the county broker stopped and started again 5 s later),
 * {@code opcua-restart:LP-001@45s+5s} (the campus's canteen PLC, an OPC UA server, restarted).
 */
public record FaultSpec(Kind kind, String target, Duration at, Duration length) {
  private static final Pattern FORM = Pattern.compile("([a-z-]+)(?::([A-Za-z0-9_-]+))?@([0-9a-z]+)(?:\\+([0-9a-z]+))?");

  public enum Kind {
    HUB_OUTAGE(false),
    GATEWAY_KILL(true),
    PANIC_BURST(true),
    MALFORMED(true),
    LINK_BLACKHOLE(true),
    COUNTY_BROKER_RESTART(false),
    OPCUA_RESTART(true);

    private final boolean needsCampus;

    Kind(boolean needsCampus) {
      this.needsCampus = needsCampus;
    }

    public String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public FaultSpec {
    if (kind.needsCampus && (target == null || !Ids.isValid(target))) {
      throw new IllegalArgumentException(kind.wireName() + ": needs a campus, e.g. " + kind.wireName() + ":LP-003@60s");
    }
    if (at.isNegative() || length.isNegative()) {
      throw new IllegalArgumentException(kind.wireName() + ": negative time");
    }
  }

  public static FaultSpec parse(String text) {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("fault: expected kind[:campus]@start[+length], e.g. hub-outage@30s+20s, got " + text);
    }
    Kind kind = null;
    for (Kind k : Kind.values()) {
      if (k.wireName().equals(m.group(1))) {
        kind = k;
      }
    }
    if (kind == null) {
      throw new IllegalArgumentException("fault: unknown kind " + m.group(1));
    }
    Duration length = m.group(4) == null ? Duration.ZERO : DurationText.parse(m.group(4));
    return new FaultSpec(kind, m.group(2), DurationText.parse(m.group(3)), length);
  }

  public Duration end() {
    return at.plus(length);
  }
}
