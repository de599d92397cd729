package io.campusguard.gateway.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Starting, reporting and closing a gateway's connectors, one failing never stopping another (no network). */
class RunningConnectorsTest {

  /** A connector that records what happened to it, and fails where it is told to. */
  static final class Scripted implements SouthboundConnector {
    final String name;
    final RuntimeException atStart;
    final RuntimeException atClose;
    boolean started;
    boolean closed;

    Scripted(String name, RuntimeException atStart, RuntimeException atClose) {
      this.name = name;
      this.atStart = atStart;
      this.atClose = atClose;
    }

    @Override
    public void start() {
      if (atStart != null) {
        throw atStart;
      }
      started = true;
    }

    @Override
    public Map<String, ConnectorStatus> status() {
      return Map.of(name, ConnectorStatus.of(started ? ConnectorState.UP : ConnectorState.DISABLED));
    }

    @Override
    public void close() {
      closed = true;
      if (atClose != null) {
        throw atClose;
      }
    }
  }

  /** Verifies that a connector failing at start is down with its reason, and those after it start all the same. */
  @Test
  void aFailureAtStartStopsNoOther() {
    Scripted first = new Scripted("first", null, null);
    Scripted broken = new Scripted("broken", new IllegalStateException("port 4001 in use"), null);
    Scripted last = new Scripted("last", null, null);
    RunningConnectors running = new RunningConnectors("LP-017", List.of(
        new ConnectorRegistry.Built("a", first), new ConnectorRegistry.Built("b", broken), new ConnectorRegistry.Built("c", last)));

    running.start();

    assertThat(first.started).isTrue();
    assertThat(last.started).as("started after the broken one").isTrue();
    assertThat(running.status()).containsEntry("first", ConnectorStatus.of(ConnectorState.UP))
        .containsEntry("broken", new ConnectorStatus(ConnectorState.DOWN, "port 4001 in use"))
        .containsEntry("last", ConnectorStatus.of(ConnectorState.UP));
    assertThat(running.failedAtStart(broken)).isTrue();
    assertThat(running.failedAtStart(first)).isFalse();
  }

  /** Verifies that a bad config value named at start refuses the start instead of showing the connector down. */
  @Test
  void aBadConfigValueAtStartRefusesTheStart() {
    Scripted bad = new Scripted("bad", new IllegalArgumentException("embeddedBroker.tls.certFile: no such file"), null);
    RunningConnectors running = new RunningConnectors("LP-017", List.of(new ConnectorRegistry.Built("a", bad)));

    assertThatThrownBy(running::start).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("embeddedBroker.tls.certFile");
  }

  /** Verifies that one connector failing to close does not keep the others open. */
  @Test
  void closingOneThatFailsStillClosesTheOthers() {
    Scripted stuck = new Scripted("stuck", null, new IllegalStateException("socket gone"));
    Scripted other = new Scripted("other", null, null);
    RunningConnectors running = new RunningConnectors("LP-017", List.of(new ConnectorRegistry.Built("a", stuck), new ConnectorRegistry.Built("b", other)));
    running.start();

    running.close();

    assertThat(stuck.closed).isTrue();
    assertThat(other.closed).isTrue();
  }
}
