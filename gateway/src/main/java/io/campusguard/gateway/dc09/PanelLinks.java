package io.campusguard.gateway.dc09;

import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.EventKind;
import io.campusguard.devices.body.LocalAlarm;
import io.campusguard.gateway.connector.DeviceInbox;
import io.campusguard.gateway.dc09.Dc09Settings.AccountSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Link supervision per panel account: any message (NULL included) resets its timer; silence past its
 * {@code supervision} interval raises one {@value #ALARM_TYPE} alarm on the panel's device, cleared by the next
 * message. A panel silent since the gateway started is found too. The gateway's own device liveness rules key on
 * device types and MQTT topics; a panel's link is its account's, so it is watched here.
 */
public final class PanelLinks {
  public static final String ALARM_TYPE = "panel_link_lost";

  private final String campus;
  private final DeviceInbox inbox;
  private final Map<String, Link> links = new ConcurrentHashMap<>();
  private final LongAdder lostCount = new LongAdder();

  private static final class Link {
    final AccountSettings account;
    volatile Instant lastHeard;
    volatile boolean lost;

    Link(AccountSettings account, Instant since) {
      this.account = account;
      this.lastHeard = since;
    }
  }

  PanelLinks(String campus, List<AccountSettings> accounts, DeviceInbox inbox, Clock clock) {
    this.campus = campus;
    this.inbox = inbox;
    Instant start = clock.instant();
    for (AccountSettings a : accounts) {
      if (a.supervision() != null) {
        links.put(a.account(), new Link(a, start));
      }
    }
  }

  /** A message from the account arrived: its timer restarts, and a lost link is restored. */
  void heard(AccountSettings account, Instant now) {
    Link link = links.get(account.account());
    if (link == null) {
      return;
    }
    synchronized (link) {
      link.lastHeard = now;
      if (link.lost) {
        link.lost = false;
        send(link, LocalAlarm.Transition.CLEARED, now, "heard again");
      }
    }
  }

  /** Raises the alarm for every link silent past its interval that is not already lost. Called by a timer. */
  public void check(Instant now) {
    for (Link link : links.values()) {
      synchronized (link) {
        Duration silent = Duration.between(link.lastHeard, now);
        if (!link.lost && silent.compareTo(link.account.supervision()) > 0) {
          link.lost = true;
          lostCount.increment();
          send(link, LocalAlarm.Transition.RAISED, now, "nothing from account " + link.account.account() + " for " + silent.toSeconds() + " s");
        }
      }
    }
  }

  public long lost() {
    return lostCount.sum();
  }

  /** The smallest supervision interval, or null when no account is supervised: the timer's pace. */
  Duration shortestInterval() {
    return links.values().stream().map(l -> l.account.supervision()).min(Duration::compareTo).orElse(null);
  }

  private void send(Link link, LocalAlarm.Transition t, Instant now, String detail) {
    inbox.message(new DeviceMessage(campus, link.account.device(), EventKind.ALARM, now, new LocalAlarm(ALARM_TYPE, t, null, detail)))
        .whenComplete((v, failure) -> {
          if (failure != null && t == LocalAlarm.Transition.RAISED) {
            synchronized (link) {
              link.lost = false; // not stored: raised again at the next check
            }
          }
        });
  }
}
