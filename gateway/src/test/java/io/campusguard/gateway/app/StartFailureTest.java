package io.campusguard.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.gateway.outbox.OutboxUnavailableException;
import io.campusguard.runtime.config.ConfigException;
import java.net.BindException;
import java.net.ConnectException;
import java.nio.file.AccessDeniedException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The exit status of a failed start: 2 (not restarted by the unit) when configuration or machine is at fault. */
class StartFailureTest {
  /** Verifies that failures of the configuration or the machine, however wrapped, exit 2. */
  @Test
  void configurationAndMachineFailuresExit2() {
    assertThat(StartFailure.exitCode(new AccessDeniedException("/var/lib/campusguard/LP-017"))).isEqualTo(2);
    assertThat(StartFailure.exitCode(new CompletionException(
        new OutboxUnavailableException("outbox.file: cannot create the folder", new AccessDeniedException("/x"))))).isEqualTo(2);
    assertThat(StartFailure.exitCode(new RuntimeException("wrapped", new BindException("Address already in use")))).isEqualTo(2);
    assertThat(StartFailure.exitCode(new ConfigException("countyBroker.tls.caFile", "cannot read"))).isEqualTo(2);
    assertThat(StartFailure.exitCode(new IllegalArgumentException("opcua[0].pkiDir: not writable"))).isEqualTo(2);
  }

  /** Verifies that anything else (a peer not up yet, a fault of ours) exits 1, so the unit starts it again. */
  @Test
  void otherFailuresExit1() {
    assertThat(StartFailure.exitCode(new ConnectException("Connection refused"))).isEqualTo(1);
    assertThat(StartFailure.exitCode(new IllegalStateException("bug"))).isEqualTo(1);
    assertThat(StartFailure.exitCode(new RuntimeException(new NullPointerException()))).isEqualTo(1);
  }
}
