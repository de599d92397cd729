package io.campusguard.simulators.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.EventKind;
import io.campusguard.devices.Priority;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.gateway.outbox.Outbox;
import io.campusguard.gateway.outbox.OutboxConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxCensusTest {
  /** Verifies that the events left in a stopped gateway's outbox are found by their device and time, and a missing file holds nothing. */
  @Test
  void readsWhatStoppedOutboxesStillHold(@TempDir Path dir) throws Exception {
    Instant t = Instant.parse("2026-11-28T08:00:00.123456Z");
    Path file = dir.resolve("LP-001").resolve("outbox.db");
    try (Outbox outbox = Outbox.open(OutboxConfig.at(file), Clock.systemUTC())) {
      for (int i = 0; i < 3; i++) {
        DeviceMessage m = new DeviceMessage(
            "LP-001", "LP-001-CS-01", EventKind.CANTEEN, t.plusSeconds(i), CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, 4.5 + i));
        outbox.append(m, Priority.P2).get(10, TimeUnit.SECONDS);
      }
    }

    var keys = OutboxCensus.remaining(List.of(file, dir.resolve("LP-002").resolve("outbox.db")), Clock.systemUTC());

    assertThat(keys).containsExactlyInAnyOrder(
        new EmissionKey("LP-001-CS-01", t), new EmissionKey("LP-001-CS-01", t.plusSeconds(1)), new EmissionKey("LP-001-CS-01", t.plusSeconds(2)));
  }

  /** Verifies that a child gateway's depth is read per lane from its /health JSON, and its port from its ready line. */
  @Test
  void readsChildGatewayLanesAndPort() {
    String health = "{\"campus\":\"LP-003\",\"outbox\":{\"file\":\"x\",\"lanes\":{\"P0\":{\"depth\":0,\"oldestAgeMs\":0,\"dropped\":0},"
        + "\"P1\":{\"depth\":12,\"oldestAgeMs\":300,\"dropped\":0},\"P2\":{\"depth\":3,\"oldestAgeMs\":9,\"dropped\":1},\"P3\":{\"depth\":0,\"oldestAgeMs\":0,\"dropped\":0}}}}";

    assertThat(ChildGateway.lanesOf(health)).containsEntry("P1", 12L).containsEntry("P2", 3L).containsEntry("P0", 0L).hasSize(4);
    assertThat(ChildGateway.readyPort("gateway LP-003 ready http=43121")).isEqualTo(43121);
    assertThat(ChildGateway.readyPort("gateway LP-003 ready")).isEqualTo(-1);
  }
}
