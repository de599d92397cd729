package io.campusguard.hub.embedded;

import io.campusguard.broker.access.AccessRefusal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's record of what its embedded county broker refused: one security-event line per refusal and a
 * counter per kind ({@value #METER}{@code {kind=publish_denied}} …). Runs on broker threads: quick, never throws.
 */
public final class BrokerRefusalLog implements Consumer<AccessRefusal> {
  public static final String METER = "cg_broker_access_refusals_total";
  private static final Logger LOG = LoggerFactory.getLogger(BrokerRefusalLog.class);
  // Names in a refusal are as the client sent them: bounded and escaped before they reach a log line.
  private static final int MAX_LOGGED_CHARS = 160;

  private final Map<AccessRefusal.Kind, Counter> counters = new EnumMap<>(AccessRefusal.Kind.class);

  public BrokerRefusalLog(MeterRegistry registry) {
    // Registered up front so every kind shows in /metrics at 0, and an alert can watch the rate from the start.
    for (AccessRefusal.Kind kind : AccessRefusal.Kind.values()) {
      counters.put(kind, registry.counter(METER, "kind", kind.name().toLowerCase(Locale.ROOT)));
    }
  }

  @Override
  public void accept(AccessRefusal r) {
    counters.get(r.kind()).increment();
    LOG.warn("security: county broker refused {}: identity={} clientId={} topic={} reason={}",
        r.kind().name().toLowerCase(Locale.ROOT), printable(r.username()), printable(r.clientId()), printable(r.topic()),
        printable(r.reason()));
  }

  /** Refusals of this kind counted so far. */
  public double count(AccessRefusal.Kind kind) {
    return counters.get(kind).count();
  }

  static String printable(String s) {
    if (s == null) {
      return "-";
    }
    StringBuilder out = new StringBuilder("\"");
    int n = Math.min(s.length(), MAX_LOGGED_CHARS);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append(s.length() > n ? "\"…" : "\"").toString();
  }
}
