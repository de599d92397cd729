package io.campusguard.hub.store;

import io.campusguard.hub.alarms.Alarm;
import io.campusguard.hub.alarms.AlarmChange;
import io.campusguard.hub.alarms.AlarmLifecycle;
import io.campusguard.hub.alarms.AlarmSignal;
import io.campusguard.hub.alarms.HistoryEntry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Alarm persistence. Every change runs in one transaction that locks the active alarm row, lets
 * {@link AlarmLifecycle} decide, writes the alarm and its history line, refreshes the campus colour and appends
 * to the change feed. "One active alarm per (campus, device, type)" is the partial unique index; a hub that
 * loses the insert race finds the winner's row and merges into it.
 */
public final class AlarmStore {
  private static final String ACTIVE =
      "SELECT " + AlarmRows.COLUMNS + " FROM alarms WHERE campus_id = $1 AND device_id = $2 AND type = $3 AND state <> 'resolved' FOR UPDATE";

  private final Pool pool;
  private final WebhookOutbox upstream;
  private java.util.function.Consumer<List<AlarmChange>> committed = changes -> {};

  public AlarmStore(Pool pool) {
    this(pool, null);
  }

  /** @param upstream where P0 changes are queued for the city/province platform; null for none */
  public AlarmStore(Pool pool, WebhookOutbox upstream) {
    this.pool = pool;
    this.upstream = upstream;
  }

  /**
   * Tells {@code observer} of every change this store commits (after the commit, on the caller's context; never
   * with an empty list): the notifications follow alarms this way, whichever path changed them.
   */
  public void observeCommitted(java.util.function.Consumer<List<AlarmChange>> observer) {
    this.committed = observer;
  }

  private void committed(List<AlarmChange> changes) {
    if (!changes.isEmpty()) {
      try {
        committed.accept(changes);
      } catch (RuntimeException e) {
        // The change is committed whatever an observer does; its failure is its own.
        org.slf4j.LoggerFactory.getLogger(AlarmStore.class).error("alarm change observer failed", e);
      }
    }
  }

  /**
   * Applies the signals one stored event gave, exactly once: the event's pending mark is claimed in the same
   * transaction, so a redelivery, a recovery sweep or a second hub applying it again changes nothing. With a
   * null {@code eventId} (supervision) the signals are applied unconditionally.
   *
   * @return the changes made, empty when the event was already applied
   */
  public Future<List<AlarmChange>> applyEvent(String eventId, List<AlarmSignal> signals, Instant now) {
    return pool.withTransaction(conn -> {
      Future<Boolean> claimed = eventId == null
          ? Future.succeededFuture(true)
          : conn.preparedQuery("UPDATE events SET alarm_pending = false WHERE id = $1 AND alarm_pending RETURNING id")
              .execute(Tuple.of(UUID.fromString(eventId))).map(rows -> rows.size() > 0);
      return claimed.compose(ok -> {
        if (!ok) {
          return Future.succeededFuture(List.<AlarmChange>of());
        }
        List<AlarmChange> changes = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (AlarmSignal s : signals) {
          chain = chain.compose(v -> applySignal(conn, s, now)).map(c -> {
            c.ifPresent(changes::add);
            return null;
          });
        }
        return chain.compose(v -> finish(conn, changes, now, null)).map(v -> changes);
      });
    }).onSuccess(this::committed);
  }

  /**
   * Supervision's decision about a campus's link: sets the link state and raises or clears the campus's
   * link-lost alarm, in one transaction. Several hubs deciding the same loss yield one alarm.
   */
  public Future<List<AlarmChange>> applyLinkState(String campus, boolean lost, AlarmSignal signal, Instant now) {
    // Lock order as in every alarm transaction: the alarm row first, then the campus row, then the feed.
    return pool.withTransaction(conn ->
        applySignal(conn, signal, now)
            .compose(change -> {
              List<AlarmChange> changes = change.map(List::of).orElse(List.of());
              return CampusStore.setLinkState(conn, campus, lost ? "lost" : "up")
                  .compose(v -> CampusStore.refresh(conn, campus, now, true))
                  .compose(v -> appendAlarmChanges(conn, changes, now))
                  .map(changes);
            })).onSuccess(this::committed);
  }

  /**
   * A campus heard first by this hub at {@code clear.sourceTs()}: its link is up, and its link-lost alarm is resolved when
   * the loss was decided before then (this hub before a restart, or another hub earlier). A loss decided after it (a
   * later last will, seen by another hub first) stands: clearing it would resolve a real outage and open it again.
   */
  public Future<List<AlarmChange>> applyFirstHeard(String campus, AlarmSignal clear, Instant now) {
    return pool.withTransaction(conn -> conn.preparedQuery(ACTIVE).execute(Tuple.of(campus, clear.device(), clear.type())).compose(rows -> {
      Optional<Alarm> active = first(rows);
      Instant lostAt = active.map(a -> a.sourceTs() != null ? a.sourceTs() : a.openedAt()).orElse(null);
      if (lostAt != null && lostAt.isAfter(clear.sourceTs())) {
        return Future.succeededFuture(List.<AlarmChange>of());
      }
      return applySignal(conn, clear, now).compose(change -> {
        List<AlarmChange> changes = change.map(List::of).orElse(List.of());
        return CampusStore.setLinkState(conn, campus, "up")
            .compose(v -> CampusStore.refresh(conn, campus, now, true))
            .compose(v -> appendAlarmChanges(conn, changes, now))
            .map(changes);
      });
    }));
  }

  private Future<Optional<AlarmChange>> applySignal(SqlConnection conn, AlarmSignal s, Instant now) {
    if (s.edge() == AlarmSignal.Edge.TEST) {
      // In the same transaction as the event's claim, so the ledger counts each test press exactly once.
      return PanicTestStore.record(conn, s).map(v -> Optional.empty());
    }
    Tuple key = Tuple.of(s.campus(), s.device(), s.type());
    return conn.preparedQuery(ACTIVE).execute(key).compose(rows -> {
      Optional<Alarm> active = first(rows);
      if (s.edge() == AlarmSignal.Edge.CLEAR) {
        return active.isEmpty()
            ? Future.succeededFuture(Optional.empty())
            : write(conn, AlarmLifecycle.clearedBySource(active.get(), s, now)).map(Optional::of);
      }
      if (active.isPresent()) {
        if (s.eventId() == null) {
          // Supervision's verdict, reached by every hub on its own: the first one raised it, the rest add nothing.
          return Future.succeededFuture(Optional.empty());
        }
        return write(conn, AlarmLifecycle.repeat(active.get(), s, now)).map(Optional::of);
      }
      AlarmChange opened = AlarmLifecycle.open(s, now);
      return conn.preparedQuery(AlarmRows.INSERT).execute(AlarmRows.insert(opened.alarm())).compose(inserted -> {
        Optional<Alarm> mine = first(inserted);
        if (mine.isPresent()) {
          AlarmChange change = new AlarmChange(mine.get(), opened.entry());
          return history(conn, change).map(Optional.of(change));
        }
        // Another writer (another hub) opened it between our look and our insert: merge into theirs.
        if (s.eventId() == null) {
          return Future.succeededFuture(Optional.<AlarmChange>empty());
        }
        return conn.preparedQuery(ACTIVE).execute(key)
            .compose(again -> write(conn, AlarmLifecycle.repeat(first(again).orElseThrow(), s, now)))
            .map(Optional::of);
      });
    });
  }

  /**
   * An operator's (or the hub's) action on one alarm: locks it, lets {@code action} decide, stores the result
   * and an audit line. Fails with {@link AlarmNotFound} or the lifecycle's {@code IllegalAlarmTransition}.
   */
  public Future<AlarmChange> act(long alarmId, String actor, Function<Alarm, AlarmChange> action, Instant now) {
    return pool.withTransaction(conn ->
        conn.preparedQuery("SELECT " + AlarmRows.COLUMNS + " FROM alarms WHERE id = $1 FOR UPDATE").execute(Tuple.of(alarmId))
            .compose(rows -> {
              Alarm current = first(rows).orElseThrow(() -> new AlarmNotFound(alarmId));
              AlarmChange change = action.apply(current);
              return write(conn, change)
                  .compose(c -> finish(conn, List.of(c), now, actor))
                  .map(change);
            })).onSuccess(c -> committed(List.of(c)));
  }

  private static Future<AlarmChange> write(SqlConnection conn, AlarmChange change) {
    return conn.preparedQuery(AlarmRows.UPDATE).execute(AlarmRows.update(change.alarm())).compose(v -> history(conn, change)).map(change);
  }

  private static Future<Void> history(SqlConnection conn, AlarmChange change) {
    HistoryEntry h = change.entry();
    return conn.preparedQuery("INSERT INTO alarm_history (alarm_id, action, actor, at, note) VALUES ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(change.alarm().id(), h.action(), h.actor(), SqlTime.odt(h.at()), h.note()))
        .mapEmpty();
  }

  /** Audit (for people's actions), campus colours, then the change feed last: its lock is held until commit. */
  private Future<Void> finish(SqlConnection conn, List<AlarmChange> changes, Instant now, String actor) {
    if (changes.isEmpty()) {
      return Future.succeededFuture();
    }
    Future<Void> chain = Future.succeededFuture();
    if (actor != null) {
      for (AlarmChange c : changes) {
        chain = chain.compose(v -> conn.preparedQuery("INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5)")
            .execute(Tuple.of(SqlTime.odt(now), actor, "alarm." + c.entry().action(), "alarm/" + c.alarm().id(), c.entry().note()))
            .mapEmpty());
      }
    }
    for (String campus : changes.stream().map(c -> c.alarm().campus()).distinct().sorted().toList()) {
      chain = chain.compose(v -> CampusStore.refresh(conn, campus, now, false));
    }
    return chain.compose(v -> appendAlarmChanges(conn, changes, now));
  }

  private Future<Void> appendAlarmChanges(SqlConnection conn, List<AlarmChange> changes, Instant now) {
    Future<Void> chain = Future.succeededFuture();
    if (upstream != null) {
      for (AlarmChange c : changes) {
        chain = chain.compose(v -> upstream.enqueue(conn, c));
      }
    }
    for (AlarmChange c : changes) {
      JsonObject payload = AlarmRows.json(c.alarm()).put("change", AlarmRows.json(c.entry()));
      chain = chain.compose(v -> ChangeFeed.append(conn, "alarm", c.alarm().campus(), payload, now));
    }
    return chain;
  }

  public Future<List<Alarm>> list(AlarmFilter filter) {
    StringBuilder sql = new StringBuilder("SELECT " + AlarmRows.COLUMNS + " FROM alarms WHERE true");
    Tuple args = Tuple.tuple();
    if (filter.state() != null) {
      args.addValue(filter.state().wireName());
      sql.append(" AND state = $").append(args.size());
    } else if (filter.activeOnly()) {
      sql.append(" AND state <> 'resolved'");
    }
    if (filter.campus() != null) {
      args.addValue(filter.campus());
      sql.append(" AND campus_id = $").append(args.size());
    }
    if (filter.severity() != null) {
      args.addValue(filter.severity().name());
      sql.append(" AND severity = $").append(args.size());
    }
    args.addValue(filter.limit());
    // The operators' queue order: most severe first, then oldest first.
    sql.append(" ORDER BY severity, opened_at, id LIMIT $").append(args.size());
    return pool.preparedQuery(sql.toString()).execute(args).map(rows -> {
      List<Alarm> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(AlarmRows.from(r));
      }
      return out;
    });
  }

  public Future<Optional<Alarm>> get(long id) {
    return pool.preparedQuery("SELECT " + AlarmRows.COLUMNS + " FROM alarms WHERE id = $1").execute(Tuple.of(id)).map(AlarmStore::first);
  }

  public Future<List<HistoryEntry>> history(long alarmId) {
    return pool.preparedQuery("SELECT action, actor, at, note FROM alarm_history WHERE alarm_id = $1 ORDER BY id").execute(Tuple.of(alarmId))
        .map(rows -> {
          List<HistoryEntry> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new HistoryEntry(r.getString("action"), r.getString("actor"), SqlTime.instant(r, "at"), r.getString("note")));
          }
          return out;
        });
  }

  /** Open (unacknowledged) alarms that have escalation steps left: the escalation timer's work list. */
  public Future<List<Alarm>> escalationCandidates(int maxLevel) {
    return pool.preparedQuery("SELECT " + AlarmRows.COLUMNS + " FROM alarms WHERE state = 'open' AND escalation_level < $1 ORDER BY opened_at LIMIT 1000")
        .execute(Tuple.of(maxLevel))
        .map(rows -> {
          List<Alarm> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(AlarmRows.from(r));
          }
          return out;
        });
  }

  private static Optional<Alarm> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(AlarmRows.from(rows.iterator().next()));
  }

  /** No alarm with that id. */
  public static final class AlarmNotFound extends RuntimeException {
    public AlarmNotFound(long id) {
      super("no alarm " + id);
    }
  }
}
