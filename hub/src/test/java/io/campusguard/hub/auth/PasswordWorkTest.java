package io.campusguard.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.hub.Futures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Password work runs on its own bounded pool and refuses at once when that is full. */
@Timeout(60)
class PasswordWorkTest {
  /** Verifies that work runs on the pool's own threads (not the shared workers) and that past threads + waiting it fails with Busy. */
  @Test
  void ownThreadsAndBoundedQueue() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      PasswordWork work = new PasswordWork(vertx, 2, 3);
      assertThat(Futures.await(work.run(() -> Thread.currentThread().getName()))).startsWith("cg-password-");
      CountDownLatch release = new CountDownLatch(1);
      List<Future<Boolean>> held = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        held.add(work.run(() -> release.await(30, TimeUnit.SECONDS)));
      }
      Future<Boolean> sixth = work.run(() -> true);
      assertThat(sixth.failed()).isTrue();
      assertThat(sixth.cause()).isInstanceOf(PasswordWork.Busy.class);
      release.countDown();
      for (Future<Boolean> f : held) {
        assertThat(Futures.await(f)).isTrue();
      }
      // control: room again once the held work is done
      assertThat(Futures.await(work.run(() -> true))).isTrue();
    } finally {
      Futures.await(vertx.close());
    }
  }
}
