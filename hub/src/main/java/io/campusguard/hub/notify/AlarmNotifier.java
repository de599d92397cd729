package io.campusguard.hub.notify;

import io.campusguard.hub.alarms.Alarm;
import io.campusguard.hub.alarms.AlarmChange;
import io.campusguard.hub.roster.DutyRoster;
import io.campusguard.hub.roster.RosterStore;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns committed alarm changes into notices ({@link NotificationPlan} decides whom a change calls, the roster in
 * force says who that is now) and hands them to the dispatcher. An acknowledgement stops the alarm's pending notices
 * and tells everyone its notices reached. Runs after the commit, off the alarm path: nothing here delays an alarm
 * being stored or acknowledged to its gateway.
 */
public final class AlarmNotifier {
  private static final Logger LOG = LoggerFactory.getLogger(AlarmNotifier.class);
  // A hub without a roster (the demo) would say so at every P0: once per 10 s, with how many were held back.
  private final io.campusguard.hub.logging.FloodedWarnings warnings = new io.campusguard.hub.logging.FloodedWarnings(LOG);

  private final RosterStore roster;
  private final NoticeFacts facts;
  private final NotificationDispatcher dispatcher;
  private final NotificationLog log;
  private final NotifyConfig config;
  private final Clock clock;

  public AlarmNotifier(RosterStore roster, NoticeFacts facts, NotificationDispatcher dispatcher, NotificationLog log, NotifyConfig config, Clock clock) {
    this.roster = roster;
    this.facts = facts;
    this.dispatcher = dispatcher;
    this.log = log;
    this.config = config;
    this.clock = clock;
  }

  /** For the alarm store's committed changes; returns at once. */
  public void changed(List<AlarmChange> changes) {
    long committedNanos = System.nanoTime();
    for (AlarmChange c : changes) {
      if (NotificationPlan.ends(c)) {
        dispatcher.stop(c.alarm().id());
        tellReached(c, committedNanos).onFailure(err -> LOG.warn("alarm {}: acknowledgement notices failed: {}", c.alarm().id(), err.toString()));
        continue;
      }
      NotificationPlan.Call call = NotificationPlan.callFor(c);
      if (call == NotificationPlan.Call.NONE) {
        continue;
      }
      Future<Integer> level = call == NotificationPlan.Call.FIRST
          ? Future.succeededFuture(1)
          : log.highestLevel(c.alarm().id()).map(highest -> highest + 1);
      level.compose(l -> notifyLevel(c.alarm(), l, committedNanos))
          .onFailure(err -> LOG.error("alarm {}: notices not sent: {}", c.alarm().id(), err.toString()));
    }
  }

  private Future<Void> notifyLevel(Alarm a, int level, long committedNanos) {
    return facts.of(a.campus(), a.device()).compose(f -> roster.current().map(r -> {
      Notice notice = notice(a, f, level);
      if (r.isEmpty()) {
        warnings.warn("no roster", "alarm {} ({} at {}): no duty roster saved yet, nobody notified (an administrator saves one on the console)",
            a.id(), a.type(), a.campus());
        return null;
      }
      DutyRoster.OnDuty onDuty = r.get().roster().onDuty(a.campus(), f.town(), Math.min(level, io.campusguard.hub.roster.Duty.MAX_LEVEL), clock.instant());
      if (onDuty.source() == DutyRoster.Source.FALLBACK) {
        warnings.warn("fallback", "alarm {}: nobody on duty at level {} for {} ({}): the roster's fallback is notified", a.id(), level, a.campus(), f.town());
      }
      for (Recipient person : onDuty.people()) {
        dispatcher.submit(new Delivery(a.id(), person, notice, committedNanos));
      }
      return null;
    }));
  }

  private Future<Void> tellReached(AlarmChange c, long committedNanos) {
    Alarm a = c.alarm();
    return log.reached(a.id()).compose(people -> {
      if (people.isEmpty()) {
        return Future.succeededFuture();
      }
      return facts.of(a.campus(), a.device()).map(f -> {
        Notice notice = notice(a, f, 0).acknowledged(c.entry().actor(), c.entry().at(), c.entry().note());
        people.forEach(p -> dispatcher.submit(new Delivery(a.id(), p, notice, committedNanos)));
        return null;
      });
    });
  }

  private Notice notice(Alarm a, NoticeFacts.Facts f, int level) {
    return new Notice(Notice.Kind.ALARM, a.id(), a.campus(), f.campusName(), f.building(), f.room(), a.device(), f.deviceName(), a.type(),
        facts.typeLabel(a.type()), a.severity().name(), a.openedAt(), level, null, null, config.alarmLink(a.id()));
  }
}
