package io.campusguard.hub.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.hub.Futures;
import io.campusguard.hub.upstream.RetrySchedule;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dispatcher's decisions with channels scripted in the test (the channels themselves are tested against real
 * receivers in {@link ChannelsTest}): retries, fall-over, isolation of a slow channel, bounds, stop on acknowledgement.
 */
@Timeout(60)
class NotificationDispatcherTest {
  final Vertx vertx = Vertx.vertx();
  final Context context = vertx.getOrCreateContext();
  final List<Attempt> recorded = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    Futures.await(vertx.close());
  }

  /** A channel that answers after {@code delayMs}, failing its first {@code failFirst} sends. */
  final class Scripted implements NotificationChannel {
    final String name;
    final long delayMs;
    final AtomicInteger failFirst;
    final AtomicInteger sends = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final Map<Long, Long> deliveredAtNanos = new ConcurrentHashMap<>();

    Scripted(String name, long delayMs, int failFirst) {
      this.name = name;
      this.delayMs = delayMs;
      this.failFirst = new AtomicInteger(failFirst);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Future<Void> send(Recipient to, Notice notice) {
      sends.incrementAndGet();
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      Promise<Void> p = Promise.promise();
      Runnable answer = () -> {
        inFlight.decrementAndGet();
        if (failFirst.getAndDecrement() > 0) {
          p.fail(new DeliveryFailure("scripted failure"));
        } else {
          deliveredAtNanos.put(notice.alarmId(), System.nanoTime());
          p.complete();
        }
      };
      if (delayMs == 0) {
        answer.run();
      } else {
        vertx.setTimer(delayMs, id -> answer.run());
      }
      return p.future();
    }
  }

  NotificationDispatcher dispatcher(Map<String, NotificationChannel> channels, int capacity, int perChannel, boolean open) {
    return new NotificationDispatcher(vertx, channels, new RetrySchedule(Duration.ofMillis(20), Duration.ofMillis(40), 2), capacity, perChannel,
        a -> {
          recorded.add(a);
          return Future.succeededFuture();
        }, id -> Future.succeededFuture(open), Clock.systemUTC());
  }

  void onContext(Runnable r) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      r.run();
      done.complete();
    });
    Futures.await(done.future());
  }

  List<String> outcomes() {
    return recorded.stream().map(a -> a.channel() + "#" + a.attempt() + ":" + a.outcome().wire()).toList();
  }

  /** Verifies that a failing channel is tried again after the backoff, then the next channel delivers, each attempt recorded. */
  @Test
  void retriesThenFallsOver() {
    Scripted sms = new Scripted("sms", 0, 99);
    Scripted wecom = new Scripted("wecom", 0, 0);
    NotificationDispatcher d = dispatcher(Map.of("sms", sms, "wecom", wecom), 10, 4, true);

    onContext(() -> d.submit(new Delivery(1, Notices.principal("sms", "wecom"), Notices.panic(1))));

    // the delivery is recorded, then finished: wait for both
    await().atMost(Duration.ofSeconds(5)).until(() -> recorded.size() == 3 && d.active() == 0);
    assertThat(outcomes()).containsExactly("sms#1:failed", "sms#2:failed", "wecom#1:delivered");
    assertThat(recorded.get(0).detail()).contains("scripted failure", "retry in 20 ms");
    assertThat(recorded.get(1).detail()).contains("falling over to wecom");
    assertThat(d.active()).isZero();
  }

  /** Verifies that when every channel fails the delivery gives up, recorded once. */
  @Test
  void everyChannelFailingGivesUp() {
    Scripted sms = new Scripted("sms", 0, 99);
    NotificationDispatcher d = dispatcher(Map.of("sms", sms), 10, 4, true);

    onContext(() -> d.submit(new Delivery(1, Notices.principal("sms", "email"), Notices.panic(1))));

    await().atMost(Duration.ofSeconds(5)).until(() -> recorded.stream().anyMatch(a -> a.outcome() == Attempt.Outcome.GAVE_UP));
    // e-mail is not configured: that is a failed attempt too, then the dispatcher gives up
    assertThat(outcomes()).containsExactly("sms#1:failed", "sms#2:failed", "email#1:failed", "email#1:gave_up");
  }

  /** Verifies that an acknowledged alarm's retry is not sent, and that its acknowledgement notice still is. */
  @Test
  void stopSkipsPendingRetries() {
    Scripted sms = new Scripted("sms", 0, 1);
    NotificationDispatcher d = dispatcher(Map.of("sms", sms), 10, 4, true);

    onContext(() -> {
      d.submit(new Delivery(7, Notices.principal("sms"), Notices.panic(7)));
      d.stop(7); // acknowledged while the first try's retry waits
      d.submit(new Delivery(7, Notices.principal("sms"), Notices.panic(7).acknowledged("op", java.time.Instant.now(), null)));
    });

    await().atMost(Duration.ofSeconds(5)).until(() -> recorded.stream().anyMatch(a -> a.outcome() == Attempt.Outcome.SKIPPED));
    assertThat(recorded.stream().filter(a -> a.delivery().notice().kind() == Notice.Kind.ALARM).map(a -> a.outcome().wire()).toList())
        .containsExactly("failed", "skipped");
    assertThat(recorded.stream().filter(a -> a.delivery().notice().kind() == Notice.Kind.ACKNOWLEDGED).map(a -> a.outcome().wire()).toList())
        .containsExactly("delivered");
  }

  /** Verifies that a retry of an alarm acknowledged elsewhere (found not open) is not sent. */
  @Test
  void alarmClosedElsewhereIsNotRetried() {
    Scripted sms = new Scripted("sms", 0, 1);
    NotificationDispatcher d = dispatcher(Map.of("sms", sms), 10, 4, false);

    onContext(() -> d.submit(new Delivery(8, Notices.principal("sms"), Notices.panic(8))));

    await().atMost(Duration.ofSeconds(5)).until(() -> recorded.size() == 2);
    assertThat(outcomes()).containsExactly("sms#1:failed", "sms#1:skipped");
    assertThat(sms.sends.get()).isEqualTo(1);
  }

  /**
   * Verifies that a slow channel (2 s answers, 16 deliveries, 4 sends at a time) never delays another: every
   * delivery on the fast channel is done long before the slow one's first answer.
   */
  @Test
  void slowChannelNeverDelaysAnother() {
    Scripted slow = new Scripted("email", 2_000, 0);
    Scripted fast = new Scripted("wecom", 0, 0);
    NotificationDispatcher d = dispatcher(Map.of("email", slow, "wecom", fast), 1_000, 4, true);
    long start = System.nanoTime();

    onContext(() -> {
      for (int i = 1; i <= 50; i++) {
        if (i <= 16) {
          d.submit(new Delivery(1_000 + i, Notices.principal("email"), Notices.panic(1_000 + i)));
        }
        d.submit(new Delivery(i, Notices.principal("wecom"), Notices.panic(i)));
      }
    });

    await().atMost(Duration.ofSeconds(5)).until(() -> fast.deliveredAtNanos.size() == 50);
    long fastDoneMs = (fast.deliveredAtNanos.values().stream().mapToLong(Long::longValue).max().orElseThrow() - start) / 1_000_000;
    assertThat(fastDoneMs).isLessThan(1_000);
    assertThat(slow.deliveredAtNanos).isEmpty();
    // the slow channel holds at most its lane's 4 sends at once; the rest wait their turn, none lost
    await().atMost(Duration.ofSeconds(60)).until(() -> slow.deliveredAtNanos.size() == 16);
    assertThat(slow.maxInFlight.get()).isEqualTo(4);
  }

  /** Verifies that beyond its capacity the dispatcher refuses (recorded, counted) instead of queueing without bound. */
  @Test
  void fullQueueRefuses() {
    Scripted slow = new Scripted("sms", 1_000, 0);
    NotificationDispatcher d = dispatcher(Map.of("sms", slow), 3, 1, true);
    List<Boolean> taken = new CopyOnWriteArrayList<>();

    onContext(() -> {
      for (int i = 1; i <= 5; i++) {
        taken.add(d.submit(new Delivery(i, Notices.principal("sms"), Notices.panic(i))));
      }
    });

    assertThat(taken).containsExactly(true, true, true, false, false);
    assertThat(d.refused()).isEqualTo(2);
    assertThat(recorded.stream().filter(a -> a.outcome() == Attempt.Outcome.SKIPPED).map(Attempt::detail).toList())
        .hasSize(2).allSatisfy(detail -> assertThat(detail).contains("queue full"));
  }
}
