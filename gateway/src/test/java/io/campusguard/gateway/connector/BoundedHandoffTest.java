package io.campusguard.gateway.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.EventKind;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.LocalAlarm;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedHandoffTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T08:00:00Z"), ZoneOffset.UTC);
  /** Tasks wait here until the test runs them, like an event loop that is busy for a while. */
  private final ArrayDeque<Runnable> loop = new ArrayDeque<>();
  private final List<DeviceMessage> received = new ArrayList<>();

  private static DeviceMessage reading(double v) {
    return new DeviceMessage(
        "LP-017", "LP-017-CS-01", EventKind.CANTEEN, Instant.parse("2026-11-28T08:00:00Z"),
        CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, v));
  }

  private void runLoop() {
    while (!loop.isEmpty()) {
      loop.poll().run();
    }
  }

  @Test
  void overflowDropsCountsAndReportsDataLostOnceThenClearsWithTheCount() {
    BoundedHandoff handoff = new BoundedHandoff("LP-017", "LP-017-OPCUA", 2, clock, loop::add, received::add, 10);
    for (int i = 0; i < 5; i++) {
      handoff.offer(reading(i));
    }
    assertThat(handoff.dropped()).isEqualTo(3);
    assertThat(loop).hasSize(1); // one drain task scheduled, not one per value
    runLoop();
    List<String> alarms = received.stream().filter(m -> m.body() instanceof LocalAlarm)
        .map(m -> m.device() + " " + ((LocalAlarm) m.body()).type() + " " + ((LocalAlarm) m.body()).transition())
        .toList();
    assertThat(alarms).containsExactly("LP-017-OPCUA data_lost RAISED", "LP-017-OPCUA data_lost CLEARED");
    LocalAlarm cleared = (LocalAlarm) received.get(received.size() - 1).body();
    assertThat(cleared.value()).isEqualTo(3.0);
    assertThat(received.stream().filter(m -> m.body() instanceof CanteenReading)).hasSize(2);
    // control: with room again nothing is dropped and no alarm is made
    handoff.offer(reading(7));
    runLoop();
    assertThat(handoff.dropped()).isEqualTo(3);
    assertThat(received.get(received.size() - 1).body()).isInstanceOf(CanteenReading.class);
  }

  @Test
  void aDrainDeliversAtMostOneBatchAndReschedulesItself() {
    BoundedHandoff handoff = new BoundedHandoff("LP-017", "LP-017-OPCUA", 100, clock, loop::add, received::add, 3);
    for (int i = 0; i < 7; i++) {
      handoff.offer(reading(i));
    }
    loop.poll().run();
    assertThat(received).hasSize(3);
    assertThat(loop).hasSize(1);
    runLoop();
    assertThat(received).hasSize(7);
  }

  @Test
  void aFailingSinkDoesNotStopTheValuesBehind() {
    List<DeviceMessage> ok = new ArrayList<>();
    BoundedHandoff handoff = new BoundedHandoff("LP-017", "LP-017-OPCUA", 10, clock, loop::add, m -> {
      if (((CanteenReading) m.body()).value() == 1) {
        throw new IllegalStateException("boom");
      }
      ok.add(m);
    }, 10);
    handoff.offer(reading(1));
    handoff.offer(reading(2));
    runLoop();
    assertThat(ok).hasSize(1);
  }
}
