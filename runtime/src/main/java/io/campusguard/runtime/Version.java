package io.campusguard.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this CampusGuard build, as {@code campusguard --version} and the hub's and gateway's
 * {@code /health} report it. Maven writes it into {@code version.properties} when it builds the runtime jar, so
 * every module of one build reports the same value.
 */
public final class Version {
  private static final String RESOURCE = "version.properties";
  private static final String CURRENT = read();

  private Version() {}

  /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String current() {
    return CURRENT;
  }

  private static String read() {
    try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        // Built without Maven's resource step (an IDE's own compiler): say so rather than guess.
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "").strip();
      return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
