package io.campusguard.hub.supervision;

import io.campusguard.devices.GatewayStatus;
import io.campusguard.devices.body.GatewayHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Watches every campus's link. A campus is up while it is heard from; silent for longer than the reporting time
 * (heartbeats every few seconds, default limit 20 s) it is lost, once; its last will (OFFLINE) loses it at once;
 * any heartbeat or restart marker restores it. The hub's own clock decides, never the gateway's timestamps.
 * Plain logic: the caller feeds it times, so tests need no waiting. Not thread-safe: one caller context.
 */
public final class LinkSupervisor {
  public static final Duration DEFAULT_REPORTING_TIME = Duration.ofSeconds(20);

  private final Duration reportingTime;
  private final Map<String, Link> links = new HashMap<>();

  public LinkSupervisor(Duration reportingTime) {
    this.reportingTime = Objects.requireNonNull(reportingTime, "reportingTime");
    if (reportingTime.isNegative() || reportingTime.isZero()) {
      throw new IllegalArgumentException("supervision.reportingTime: must be positive");
    }
  }

  /** Supervise a campus from {@code now} even before it is heard from (a registered campus that never connects). */
  public void watch(String campus, Instant now) {
    links.computeIfAbsent(campus, c -> new Link(now));
  }

  /** A status message received at {@code now}. */
  public List<LinkDecision> onStatus(GatewayStatus status, Instant now) {
    String campus = status.campus();
    Link link = links.computeIfAbsent(campus, c -> new Link(now));
    GatewayHealth h = status.health();
    if (h.state() == GatewayHealth.State.OFFLINE) {
      // A last will from an earlier boot that the broker delivered after the new boot's restart marker: stale.
      if (link.bootId != null && !link.bootId.equals(h.bootId())) {
        return List.of();
      }
      return link.lose(campus, now, "gateway " + status.gateway() + " went offline (last will)");
    }
    boolean firstHeard = !link.heardOnce;
    link.bootId = h.bootId();
    link.lastHeard = now;
    link.heardOnce = true;
    if (firstHeard && !link.lost) {
      // The link is known to be up only once heard; until then the console shows it as unknown.
      return List.of(new LinkDecision(campus, LinkDecision.Kind.FIRST_HEARD, "first heard from", now));
    }
    if (link.lost) {
      link.account(now);
      link.lost = false;
      return List.of(new LinkDecision(campus, LinkDecision.Kind.RESTORED,
          h.state() == GatewayHealth.State.STARTED ? "gateway restarted" : "heartbeat resumed", now));
    }
    return List.of();
  }

  /** Called often (every few hundred ms): campuses silent past the reporting time are lost, each once. */
  public List<LinkDecision> tick(Instant now) {
    List<LinkDecision> out = new ArrayList<>();
    links.forEach((campus, link) -> {
      if (!link.lost && Duration.between(link.lastHeard, now).compareTo(reportingTime) > 0) {
        out.addAll(link.lose(campus, now, (link.heardOnce ? "no heartbeat for " : "never heard from in ") + reportingTime.toSeconds() + " s"));
      }
    });
    return out;
  }

  public boolean isLost(String campus) {
    Link link = links.get(campus);
    return link != null && link.lost;
  }

  public Set<String> campuses() {
    return new TreeSet<>(links.keySet());
  }

  /** Fraction of supervised time the link was up, 0..1; 1 for a campus not (yet) supervised. */
  public double availability(String campus, Instant now) {
    Link link = links.get(campus);
    if (link == null) {
      return 1.0;
    }
    link.account(now);
    long total = link.upMs + link.downMs;
    return total == 0 ? (link.lost ? 0.0 : 1.0) : (double) link.upMs / total;
  }

  /** How long the link has been up and down since supervised, in ms, accounted up to {@code now}; null if not supervised. */
  public Uptime uptime(String campus, Instant now) {
    Link link = links.get(campus);
    if (link == null) {
      return null;
    }
    link.account(now);
    return new Uptime(link.upMs, link.downMs);
  }

  /** Cumulative up and down time of one link; two of them a period apart give the period's availability. */
  public record Uptime(long upMs, long downMs) {
    /** The fraction of time up between {@code earlier} and this, or null when no time passed. */
    public Double availabilitySince(Uptime earlier) {
      long up = upMs - (earlier == null ? 0 : earlier.upMs);
      long down = downMs - (earlier == null ? 0 : earlier.downMs);
      return up + down <= 0 ? null : (double) up / (up + down);
    }
  }

  public Instant lastHeard(String campus) {
    Link link = links.get(campus);
    return link == null || !link.heardOnce ? null : link.lastHeard;
  }

  private static final class Link {
    Instant lastHeard;
    boolean heardOnce;
    boolean lost;
    String bootId;
    Instant accountedTo;
    long upMs;
    long downMs;

    Link(Instant now) {
      lastHeard = now;
      accountedTo = now;
    }

    List<LinkDecision> lose(String campus, Instant now, String reason) {
      if (lost) {
        return List.of();
      }
      account(now);
      lost = true;
      return List.of(new LinkDecision(campus, LinkDecision.Kind.LOST, reason, now));
    }

    void account(Instant now) {
      long ms = Math.max(0, Duration.between(accountedTo, now).toMillis());
      if (lost) {
        downMs += ms;
      } else {
        upMs += ms;
      }
      accountedTo = now.isAfter(accountedTo) ? now : accountedTo;
    }
  }
}
