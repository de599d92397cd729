package io.campusguard.hub.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A dependency is up only while its probe answers in time; a hanging probe is judged down and not piled up. */
@Timeout(30)
class DependencyCheckTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** Verifies that a check is down before its first answer, up after a success and down after a failure. */
  @Test
  void followsTheProbesAnswers() throws Exception {
    AtomicReference<Future<Void>> next = new AtomicReference<>(Future.succeededFuture());
    DependencyCheck check = new DependencyCheck("postgresql", next::get, Duration.ofSeconds(5));
    assertThat(check.up()).isFalse();

    assertThat(onContext(check)).isTrue();
    assertThat(check.up()).isTrue();

    next.set(Future.failedFuture(new IllegalStateException("connection refused")));
    assertThat(onContext(check)).isFalse();
    assertThat(check.up()).isFalse();
  }

  /** Verifies that a probe with no answer counts as down after the timeout, and that no second probe starts meanwhile. */
  @Test
  void hangingProbeIsDownAfterTheTimeoutAndNotRepeated() throws Exception {
    AtomicInteger probes = new AtomicInteger();
    Promise<Void> never = Promise.promise();
    DependencyCheck check = new DependencyCheck("influxdb", () -> {
      probes.incrementAndGet();
      return never.future();
    }, Duration.ofMillis(200));

    Promise<Boolean> first = Promise.promise();
    Promise<Boolean> second = Promise.promise();
    vertx.runOnContext(v -> {
      check.check().onComplete(first);
      check.check().onComplete(second); // while the first still waits: skipped, answers the last known state
    });

    assertThat(second.future().await(5, TimeUnit.SECONDS)).isFalse();
    assertThat(first.future().await(5, TimeUnit.SECONDS)).isFalse();
    assertThat(probes).hasValue(1);
    assertThat(check.up()).isFalse();
  }

  private Boolean onContext(DependencyCheck check) throws Exception {
    Promise<Boolean> result = Promise.promise();
    vertx.runOnContext(v -> check.check().onComplete(result));
    return result.future().await(10, TimeUnit.SECONDS);
  }
}
