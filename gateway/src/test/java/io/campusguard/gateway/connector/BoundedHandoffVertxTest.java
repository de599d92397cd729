package io.campusguard.gateway.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.EventKind;
import io.campusguard.devices.body.CanteenReading;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BoundedHandoffVertxTest {
  @Test
  void valuesOfferedFromAnotherThreadAreDeliveredOnTheVertxContext() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Context context = vertx.getOrCreateContext();
      List<String> threads = new CopyOnWriteArrayList<>();
      BoundedHandoff handoff =
          BoundedHandoff.onVertxContext(context, "LP-017", "LP-017-OPCUA", 100, Clock.systemUTC(), m -> {
            assertThat(Context.isOnEventLoopThread()).isTrue();
            threads.add(Thread.currentThread().getName());
          });
      Thread milo = new Thread(() -> {
        for (int i = 0; i < 50; i++) {
          handoff.offer(new DeviceMessage("LP-017", "LP-017-CS-01", EventKind.CANTEEN, Instant.now(),
              CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, i)));
        }
      }, "not-an-event-loop");
      milo.start();
      milo.join();
      await().atMost(Duration.ofSeconds(5)).until(() -> threads.size() == 50);
      assertThat(threads).allMatch(t -> t.startsWith("vert.x-eventloop"));
      assertThat(handoff.dropped()).isZero();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
