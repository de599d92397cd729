package io.campusguard.hub.notify;

import io.campusguard.hub.upstream.RetrySchedule;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notices without ever holding the alarm path: {@link #submit} returns at once; each channel has a lane
 * of its own with a bounded number of sends in flight and a bounded wait, so a slow or dead channel delays only
 * its own lane. A failed send is retried on the same channel with backoff ({@code retries}), then the delivery
 * falls over to the recipient's next channel; every attempt is recorded. An acknowledged alarm's pending alarm
 * notices stop ({@link #stop}), and before a retry or a fall-over the alarm is checked still open ({@code
 * stillOpen}), so an acknowledgement made through another hub stops them too.
 *
 * <p>Not thread-safe: every method runs on the one Vert.x context that made it (the hub verticle's), and the
 * channels complete their futures there.
 */
public final class NotificationDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);

  private final Vertx vertx;
  private final Map<String, NotificationChannel> channels;
  private final RetrySchedule retries;
  private final int capacity;
  private final int perChannelInFlight;
  private final Function<Attempt, Future<Void>> log;
  private final LongFunction<Future<Boolean>> stillOpen;
  private final Clock clock;
  private final Map<String, Lane> lanes = new HashMap<>();
  /** Alarms whose alarm notices stop, with when they were stopped (nanoTime), forgotten after a while. */
  private final Map<Long, Long> stopped = new HashMap<>();
  private int active;
  private long refused;

  public NotificationDispatcher(Vertx vertx, Map<String, NotificationChannel> channels, RetrySchedule retries, int capacity,
      int perChannelInFlight, Function<Attempt, Future<Void>> log, LongFunction<Future<Boolean>> stillOpen, Clock clock) {
    this.vertx = vertx;
    this.channels = Map.copyOf(channels);
    this.retries = retries;
    this.capacity = capacity;
    this.perChannelInFlight = perChannelInFlight;
    this.log = log;
    this.stillOpen = stillOpen;
    this.clock = clock;
  }

  /** Deliveries accepted and not finished. */
  public int active() {
    return active;
  }

  /** Deliveries refused because {@code capacity} were already active. */
  public long refused() {
    return refused;
  }

  /**
   * Takes a delivery ({@code log} records each attempt, e.g. {@link NotificationLog#record}); returns false, and records it as skipped, when {@code capacity} deliveries are already under
   * way. Never blocks.
   */
  public boolean submit(Delivery d) {
    if (active >= capacity) {
      refused++;
      record(new Attempt(d, d.to().channels().get(0), 0, Attempt.Outcome.SKIPPED, "通知队列已满 notification queue full", 0, clock.instant()));
      LOG.warn("notification queue full ({} under way): alarm {} to {} not sent", active, d.alarmId(), d.to().name());
      return false;
    }
    active++;
    attempt(new Job(d), false);
    return true;
  }

  /** The alarm was acknowledged (or resolved): its alarm notices still pending are not sent. */
  public void stop(long alarmId) {
    stopped.put(alarmId, System.nanoTime());
  }

  /**
   * Forgets stop marks older than {@code after} (called now and then): a mark is only needed while an alarm's
   * retries can still run, and a retry checks the alarm is still open anyway.
   */
  public void forgetStopped(java.time.Duration after) {
    long cutoff = System.nanoTime() - after.toNanos();
    stopped.values().removeIf(at -> at - cutoff < 0);
  }

  private static final class Job {
    final Delivery delivery;
    int channelIndex;
    int tries;

    Job(Delivery delivery) {
      this.delivery = delivery;
    }

    String channel() {
      return delivery.to().channels().get(channelIndex);
    }
  }

  private boolean obsolete(Job j) {
    return j.delivery.notice().kind() == Notice.Kind.ALARM && stopped.containsKey(j.delivery.alarmId());
  }

  /** A try of the job's current channel; {@code checkOpen} for retries and fall-overs, not for the first try. */
  private void attempt(Job j, boolean checkOpen) {
    if (obsolete(j)) {
      finish(j, Attempt.Outcome.SKIPPED, "已确认，不再通知 acknowledged: not sent");
      return;
    }
    if (checkOpen && j.delivery.notice().kind() == Notice.Kind.ALARM) {
      stillOpen.apply(j.delivery.alarmId()).onComplete(open -> {
        if (open.succeeded() && !open.result()) {
          stop(j.delivery.alarmId());
        }
        // a failed look-up errs on the side of telling people
        attempt(j, false);
      });
      return;
    }
    String name = j.channel();
    NotificationChannel channel = channels.get(name);
    j.tries++;
    if (channel == null) {
      failed(j, "渠道未配置 channel not configured", 0, false);
      return;
    }
    Lane lane = lanes.computeIfAbsent(name, n -> new Lane());
    if (!lane.offer(() -> send(j, channel, lane))) {
      failed(j, "渠道繁忙 channel queue full", 0, false);
    }
  }

  private void send(Job j, NotificationChannel channel, Lane lane) {
    long start = System.nanoTime();
    Future<Void> sent;
    try {
      sent = channel.send(j.delivery.to(), j.delivery.notice());
    } catch (RuntimeException e) {
      sent = Future.failedFuture(e);
    }
    sent.onComplete(done -> {
      lane.done();
      long ms = (System.nanoTime() - start) / 1_000_000;
      if (done.succeeded()) {
        record(new Attempt(j.delivery, j.channel(), j.tries, Attempt.Outcome.DELIVERED, null, ms, clock.instant()));
        finish(j, null, null);
      } else {
        failed(j, HttpAnswers.describe(done.cause()), ms, true);
      }
    });
  }

  /** Retry this channel after the backoff while it has tries left, else the next channel, else give up. */
  private void failed(Job j, String why, long ms, boolean retryable) {
    boolean again = retryable && !retries.exhausted(j.tries);
    int next = j.channelIndex + 1;
    String then = again ? "重试 retry in " + retries.delayAfter(j.tries).toMillis() + " ms"
        : next < j.delivery.to().channels().size() ? "改用 falling over to " + j.delivery.to().channels().get(next) : null;
    record(new Attempt(j.delivery, j.channel(), j.tries, Attempt.Outcome.FAILED, then == null ? why : why + " · " + then, ms, clock.instant()));
    if (again) {
      vertx.setTimer(retries.delayAfter(j.tries).toMillis(), id -> attempt(j, true));
    } else if (next < j.delivery.to().channels().size()) {
      j.channelIndex = next;
      j.tries = 0;
      attempt(j, true);
    } else {
      finish(j, Attempt.Outcome.GAVE_UP, why);
      LOG.error("alarm {}: every channel to {} failed; last: {}", j.delivery.alarmId(), j.delivery.to().name(), why);
    }
  }

  private void finish(Job j, Attempt.Outcome outcome, String detail) {
    active--;
    if (outcome != null) {
      record(new Attempt(j.delivery, j.channel(), j.tries, outcome, detail, 0, clock.instant()));
    }
  }

  private void record(Attempt a) {
    log.apply(a).onFailure(err -> LOG.warn("notification attempt for alarm {} not recorded: {}", a.delivery().alarmId(), err.toString()));
  }

  /** One channel's sends: at most {@code perChannelInFlight} at once, at most {@code capacity} waiting. */
  private final class Lane {
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int inFlight;

    boolean offer(Runnable send) {
      if (inFlight < perChannelInFlight) {
        inFlight++;
        send.run();
        return true;
      }
      if (waiting.size() >= capacity) {
        return false;
      }
      waiting.add(send);
      return true;
    }

    void done() {
      inFlight--;
      Runnable next = waiting.poll();
      if (next != null) {
        inFlight++;
        next.run();
      }
    }
  }

  public Future<Void> close() {
    return Future.all(channels.values().stream().map(NotificationChannel::close).toList()).mapEmpty();
  }
}
