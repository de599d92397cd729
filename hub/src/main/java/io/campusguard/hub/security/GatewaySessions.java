package io.campusguard.hub.security;

import io.campusguard.devices.body.GatewayHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tells a restarted gateway from two gateways speaking as one campus, from their status messages. Each gateway
 * process has its own boot id. A restart replaces the boot id for good: the old one is never heard again. Two live
 * sessions with one identity take turns, so a boot id that was replaced comes back: that is the evidence.
 *
 * <p>The last will ({@code OFFLINE}) is left out: the broker publishes it for a session that already ended, possibly
 * after its successor's first status. Plain Java, not thread-safe: called on the hub's context.
 */
public final class GatewaySessions {
  /** How long a replaced boot id is remembered; one that comes back later than this is taken for a new one. */
  public static final Duration DEFAULT_MEMORY = Duration.ofHours(1);
  /** Replaced boot ids remembered per campus (a flapping gateway must not grow this without bound). */
  static final int MAX_REPLACED = 8;

  private final Duration memory;
  private final Map<String, Campus> campuses = new HashMap<>();

  public GatewaySessions(Duration memory) {
    this.memory = memory;
  }

  /** Returns a {@link SecurityEventKind#TWO_SESSIONS} event when this status comes from a boot id that another had replaced. */
  public Optional<SecurityEvent> observe(String campus, String bootId, GatewayHealth.State state, Instant at) {
    if (state == GatewayHealth.State.OFFLINE) {
      return Optional.empty();
    }
    Campus c = campuses.computeIfAbsent(campus, k -> new Campus());
    if (c.current == null || c.current.equals(bootId)) {
      c.current = bootId;
      return Optional.empty();
    }
    String previous = c.current;
    Instant replacedAt = c.replaced.remove(bootId);
    c.replaced.put(previous, at);
    c.current = bootId;
    c.replaced.values().removeIf(t -> t.isBefore(at.minus(memory)));
    while (c.replaced.size() > MAX_REPLACED) {
      c.replaced.remove(c.replaced.keySet().iterator().next());
    }
    if (replacedAt == null || replacedAt.isBefore(at.minus(memory))) {
      return Optional.empty(); // a restart (or a boot id long gone): the new session simply replaces the old
    }
    // Ordered, so both gateways' turns name the same pair and count on one stored row.
    String a = bootId.compareTo(previous) < 0 ? bootId : previous;
    String b = a.equals(bootId) ? previous : bootId;
    return Optional.of(new SecurityEvent(SecurityEventKind.TWO_SESSIONS, campus,
        "two gateways report as campus " + campus + ", taking turns: boot ids " + a + " and " + b,
        "two_sessions|" + campus + "|" + a + "|" + b, at));
  }

  private static final class Campus {
    String current;
    /** Replaced boot ids with when they were replaced, oldest first. */
    final LinkedHashMap<String, Instant> replaced = new LinkedHashMap<>();
  }
}
