package io.campusguard.gateway.app;

import io.campusguard.gateway.outbox.OutboxUnavailableException;
import io.campusguard.runtime.StartFailures;

/**
 * How a failed gateway start ends the process: 2 for what the configuration or the machine caused
 * ({@link StartFailures}), an outbox that cannot be opened included, so systemd does not restart it in a loop;
 * 1 for anything else, which the unit restarts.
 */
final class StartFailure {
  static final int CONFIG_OR_ENVIRONMENT = StartFailures.CONFIG_OR_ENVIRONMENT;
  static final int OTHER = StartFailures.OTHER;

  private StartFailure() {}

  static int exitCode(Throwable failure) {
    return StartFailures.isConfigOrEnvironment(failure, OutboxUnavailableException.class) ? CONFIG_OR_ENVIRONMENT : OTHER;
  }
}
