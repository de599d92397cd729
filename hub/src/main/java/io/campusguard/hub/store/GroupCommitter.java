package io.campusguard.hub.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit across campuses: at most {@code maxInFlight} transactions at a time, and the batches that arrive
 * while they run wait and go together into the next one (up to {@code maxEvents} events), so 129 gateways' small
 * batches cost one transaction and one WAL flush between them instead of one each. A quiet hub commits each batch
 * at once. A batch's future completes only when its own transaction has committed. When a combined commit fails,
 * its members are committed one by one, so one batch the database refuses does not take the others down with it.
 * Thread-safe.
 */
public final class GroupCommitter {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

  /** Transactions in flight at once: one being sent and committed while the next is built, on two cores. */
  public static final int DEFAULT_IN_FLIGHT = 2;
  /**
   * Events per transaction at most. It bounds how long a group holds its campuses' progress rows, which a P0
   * commit of the same campus (on the alarm pool) waits for.
   */
  public static final int DEFAULT_MAX_EVENTS = 2_000;

  private final EventStore store;
  private final int maxInFlight;
  private final int maxEvents;
  private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
  private int inFlight;
  private long groups;
  private long batches;

  private record Waiting(EventStore.PreparedBatch batch, Promise<CommitResult> done) {}

  public GroupCommitter(EventStore store, int maxInFlight, int maxEvents) {
    if (maxInFlight < 1 || maxEvents < 1) {
      throw new IllegalArgumentException("maxInFlight and maxEvents must be at least 1");
    }
    this.store = store;
    this.maxInFlight = maxInFlight;
    this.maxEvents = maxEvents;
  }

  public GroupCommitter(EventStore store) {
    this(store, DEFAULT_IN_FLIGHT, DEFAULT_MAX_EVENTS);
  }

  /** Commits the batch with whatever else is waiting; succeeds once it is durable, fails with nothing of it committed. */
  public Future<CommitResult> commit(EventStore.PreparedBatch batch) {
    Promise<CommitResult> done = Promise.promise();
    synchronized (this) {
      queue.add(new Waiting(batch, done));
    }
    drain();
    return done.future();
  }

  /** Batches committed per transaction on average so far (1.0 when nothing was ever grouped). */
  public synchronized double batchesPerCommit() {
    return groups == 0 ? 1.0 : (double) batches / groups;
  }

  /*
   * One thread drains at a time; a completion that arrives while it does (a commit that fails at once, such as on
   * a closed pool, completes inside commitGroup) only counts as "missed" and the draining thread goes round again.
   * Calling drain() from the completion directly recursed once per waiting batch and overflowed the stack during
   * a hub stop under load.
   */
  private final java.util.concurrent.atomic.AtomicInteger wip = new java.util.concurrent.atomic.AtomicInteger();

  private void drain() {
    if (wip.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      startWhatMayStart();
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }

  private void startWhatMayStart() {
    while (true) {
      List<Waiting> group;
      synchronized (this) {
        if (inFlight >= maxInFlight || queue.isEmpty()) {
          return;
        }
        group = new ArrayList<>();
        int events = 0;
        // The first always goes, however big; the rest while they fit.
        while (!queue.isEmpty() && (group.isEmpty() || events + queue.peek().batch().size() <= maxEvents)) {
          Waiting w = queue.poll();
          events += w.batch().size();
          group.add(w);
        }
        inFlight++;
        groups++;
        batches += group.size();
      }
      commitGroup(group).onComplete(v -> {
        synchronized (this) {
          inFlight--;
        }
        drain();
      });
    }
  }

  private Future<Void> commitGroup(List<Waiting> group) {
    List<EventStore.PreparedBatch> members = group.stream().map(Waiting::batch).toList();
    return store.commitTogether(members)
        .map(results -> {
          for (int i = 0; i < group.size(); i++) {
            group.get(i).done().complete(results.get(i));
          }
          return (Void) null;
        })
        .recover(err -> {
          if (group.size() == 1) {
            group.get(0).done().fail(err);
            return Future.succeededFuture();
          }
          LOG.warn("group commit of {} batches failed ({}); committing them one by one", group.size(), err.toString());
          List<Future<CommitResult>> alone = new ArrayList<>();
          for (Waiting w : group) {
            alone.add(store.commit(w.batch()).onComplete(w.done()));
          }
          return Future.join(alone).otherwiseEmpty().mapEmpty();
        });
  }
}
