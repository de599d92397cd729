package io.campusguard.gateway.connector;

import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import java.util.Objects;

/**
 * A connector's state as the heartbeat shows it, and why when it is not up ({@code "Address already in use"},
 * {@code "backoff after: connection refused"}); null when there is nothing to say.
 */
public record ConnectorStatus(ConnectorState state, String reason) {
  /** Reasons travel in every heartbeat: long ones are cut. */
  public static final int MAX_REASON_LENGTH = 200;

  public ConnectorStatus {
    Objects.requireNonNull(state, "state");
    if (reason != null) {
      reason = reason.replaceAll("\\p{Cntrl}", " ").strip();
      reason = reason.isEmpty() ? null : reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
    }
  }

  public static ConnectorStatus of(ConnectorState state) {
    return new ConnectorStatus(state, null);
  }

  /** Down because of {@code failure} (its message, else its class name). */
  public static ConnectorStatus down(Throwable failure) {
    String message = failure.getMessage();
    return new ConnectorStatus(ConnectorState.DOWN, message == null || message.isBlank() ? failure.getClass().getSimpleName() : message);
  }
}
