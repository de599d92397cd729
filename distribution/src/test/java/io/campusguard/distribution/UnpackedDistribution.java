package io.campusguard.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The tar.gz this build packaged, unpacked once per test run into {@code target/unpacked/} as an operator would
 * ({@code tar -xzf}), so every test looks at what a county receives, not at the build's folders.
 */
public final class UnpackedDistribution {
  private static Path home;

  private UnpackedDistribution() {}

  /** The tarball, as the build passes it to the tests. */
  public static Path tarball() {
    String p = System.getProperty("campusguard.distribution");
    if (p == null || p.isBlank()) {
      throw new IllegalStateException("system property campusguard.distribution is not set: run the tests through Maven (distribution/pom.xml)");
    }
    Path tar = Path.of(p);
    if (!Files.isRegularFile(tar)) {
      throw new IllegalStateException(tar + " is missing: the tests run after `package`");
    }
    return tar;
  }

  /** The version the build packaged. */
  public static String version() {
    return System.getProperty("campusguard.version");
  }

  /** The unpacked {@code campusguard-VERSION/} folder. */
  public static synchronized Path home() throws IOException, InterruptedException {
    if (home == null) {
      Path tar = tarball();
      Path into = tar.getParent().resolve("unpacked");
      deleteTree(into);
      Files.createDirectories(into);
      Process p = new ProcessBuilder("tar", "-xzf", tar.toString(), "-C", into.toString())
          .redirectErrorStream(true).redirectOutput(into.resolve("../unpack.log").normalize().toFile()).start();
      if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("tar -xzf " + tar + " failed; see target/unpack.log");
      }
      home = into.resolve("campusguard-" + version());
      if (!Files.isDirectory(home)) {
        throw new IllegalStateException(tar + " does not unpack to campusguard-" + version() + "/");
      }
    }
    return home;
  }

  /** The launcher of the unpacked distribution. */
  public static Path launcher() throws IOException, InterruptedException {
    return home().resolve("bin/campusguard");
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
