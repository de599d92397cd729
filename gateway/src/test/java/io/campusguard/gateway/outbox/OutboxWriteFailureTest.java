package io.campusguard.gateway.outbox;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.Priority;
import io.campusguard.devices.body.PanicEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An outbox whose file cannot be written fails the appends of that commit, counts it, and recovers once it can. */
@Timeout(60)
class OutboxWriteFailureTest {
  @TempDir Path dir;

  /**
   * Verifies that while another process holds the file's write lock (past SQLite's busy timeout) an append fails
   * instead of hanging, the failure is counted, and the next append after the lock is gone is stored.
   */
  @Test
  void lockedFileFailsTheAppendAndIsCounted() throws Exception {
    Path file = dir.resolve("o.db");
    try (Outbox outbox = Outbox.open(OutboxConfig.at(file), Clock.systemUTC())) {
      outbox.append(OutboxTest.panic("PB-1", PanicEvent.Action.PRESSED), Priority.P0).get(10, SECONDS);
      assertThat(outbox.writeFailures()).isZero();

      try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = other.createStatement()) {
        s.execute("BEGIN EXCLUSIVE");
        CompletableFuture<EventEnvelope> blocked = outbox.append(OutboxTest.panic("PB-2", PanicEvent.Action.PRESSED), Priority.P0);
        assertThatThrownBy(() -> blocked.get(30, SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(outbox.writeFailures()).isEqualTo(1);
        s.execute("ROLLBACK");
      }

      // control: with the lock gone the same kind of append is stored, and nothing more is counted
      EventEnvelope stored = outbox.append(OutboxTest.panic("PB-3", PanicEvent.Action.PRESSED), Priority.P0).get(10, SECONDS);
      assertThat(stored.device()).isEqualTo("PB-3");
      assertThat(outbox.writeFailures()).isEqualTo(1);
    }
  }
}
