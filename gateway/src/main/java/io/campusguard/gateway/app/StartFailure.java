package io.campusguard.gateway.app;

import io.campusguard.gateway.outbox.OutboxUnavailableException;
import io.campusguard.runtime.config.ConfigException;
import java.net.BindException;
import java.nio.file.FileSystemException;
import java.security.GeneralSecurityException;

/**
 * How a failed start ends the process. A failure the configuration or the machine causes (a bad value, a file
 * that is missing or not writable, a key that does not load, an address that cannot be bound) exits 2: starting
 * again changes nothing, and the systemd unit's {@code RestartPreventExitStatus=2} stops its restart loop there
 * so the message stays the last line of the journal. Anything else (a peer not up yet, a fault of ours) exits 1,
 * and the unit tries again.
 */
final class StartFailure {
  static final int CONFIG_OR_ENVIRONMENT = 2;
  static final int OTHER = 1;

  private StartFailure() {}

  static int exitCode(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConfigException
          || t instanceof OutboxUnavailableException
          || t instanceof FileSystemException
          || t instanceof BindException
          || t instanceof GeneralSecurityException
          || t instanceof IllegalArgumentException) {
        return CONFIG_OR_ENVIRONMENT;
      }
    }
    return OTHER;
  }
}
