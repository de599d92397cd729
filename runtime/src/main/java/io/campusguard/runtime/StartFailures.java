package io.campusguard.runtime;

import io.campusguard.runtime.config.ConfigException;
import java.net.BindException;
import java.nio.file.FileSystemException;
import java.security.GeneralSecurityException;

/**
 * Which failed starts the configuration or the machine caused: a bad value, a file missing or not writable, a key
 * that does not load, an address that cannot be bound. Starting again changes none of them, so the processes exit 2
 * for these, and the systemd units' {@code RestartPreventExitStatus=2} ends the restart loop with the reason as the
 * journal's last line. Anything else (a database not up yet, a fault of ours) exits 1 and is restarted.
 */
public final class StartFailures {
  /** The exit status of a start the configuration or the machine refused. */
  public static final int CONFIG_OR_ENVIRONMENT = 2;
  /** The exit status of any other failed start. */
  public static final int OTHER = 1;

  private StartFailures() {}

  /** Whether {@code failure} or one of its causes is one the configuration or the machine caused. */
  public static boolean isConfigOrEnvironment(Throwable failure, Class<?>... alsoThese) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConfigException
          || t instanceof FileSystemException
          || t instanceof BindException
          || t instanceof GeneralSecurityException
          || t instanceof IllegalArgumentException) {
        return true;
      }
      for (Class<?> type : alsoThese) {
        if (type.isInstance(t)) {
          return true;
        }
      }
    }
    return false;
  }
}
