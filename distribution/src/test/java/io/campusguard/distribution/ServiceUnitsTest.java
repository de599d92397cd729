package io.campusguard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped systemd units: {@code systemd-analyze verify} accepts them as installed (in a root folder laid out
 * as a county server: {@code /opt/campusguard}, {@code /etc/systemd/system}, the system's own units), and each
 * carries the user, restart, limit and hardening settings the county relies on.
 */
class ServiceUnitsTest {
  private static final List<String> UNITS = List.of("campusguard-hub.service", "campusguard-gateway.service");

  @TempDir Path root;

  /** Verifies that systemd-analyze verify passes both units without a warning. */
  @Test
  void systemdAnalyzeVerifiesTheUnits() throws Exception {
    installInto(root, UNITS);
    for (String unit : UNITS) {
      Verify v = verify(root, unit);
      assertThat(v.exitCode()).as(v.output()).isZero();
      assertThat(v.output()).as(unit).isBlank();
    }
  }

  /** Verifies that the same check reports a broken unit (an unknown key, a missing program): the check can fail. */
  @Test
  void systemdAnalyzeReportsABrokenUnit() throws Exception {
    installInto(root, UNITS);
    Path unit = root.resolve("etc/systemd/system/campusguard-hub.service");
    Files.writeString(unit, Files.readString(unit).replace("Restart=on-failure", "Restart=on-failure\nRestartEvery=5s"));
    assertThat(verify(root, "campusguard-hub.service").output()).contains("RestartEvery");
    Files.delete(root.resolve("opt/campusguard/bin/campusguard"));
    Verify missing = verify(root, "campusguard-gateway.service");
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.output()).contains("/opt/campusguard/bin/campusguard");
  }

  /** Verifies the settings each unit must have: its own user, restarts, limits, a stop timeout, the hardening. */
  @Test
  void unitsCarryUserRestartLimitsAndHardening() throws Exception {
    Path systemd = UnpackedDistribution.home().resolve("systemd");
    for (String unit : UNITS) {
      Map<String, String> service = section(Files.readString(systemd.resolve(unit), StandardCharsets.UTF_8), "Service");
      String role = unit.contains("hub") ? "hub" : "gateway";
      assertThat(service).as(unit)
          .containsEntry("User", "campusguard")
          .containsEntry("Group", "campusguard")
          .containsEntry("ExecStart", "/opt/campusguard/bin/campusguard " + role + " --config /etc/campusguard/" + role + ".yaml")
          .containsEntry("Restart", "on-failure")
          .containsEntry("RestartPreventExitStatus", "2")
          .containsEntry("NoNewPrivileges", "yes")
          .containsEntry("ProtectSystem", "strict")
          .containsEntry("ProtectHome", "yes")
          .containsEntry("PrivateTmp", "yes")
          .containsEntry("CapabilityBoundingSet", "")
          .containsEntry("ReadWritePaths", "/var/lib/campusguard")
          .containsEntry("RestrictAddressFamilies", "AF_UNIX AF_INET AF_INET6")
          .containsKeys("RestartSec", "LimitNOFILE", "TimeoutStopSec");
      assertThat(Integer.parseInt(service.get("LimitNOFILE"))).isGreaterThanOrEqualTo(65536);
      // longer than the role's own graceful stop (hub 30 s, gateway 20 s), so systemd never kills a clean stop
      int graceful = role.equals("hub") ? 30 : 20;
      assertThat(seconds(service.get("TimeoutStopSec"))).as(unit).isGreaterThan(graceful);
      assertThat(service).as("the JIT needs writable executable memory").doesNotContainKey("MemoryDenyWriteExecute");
    }
  }

  private static void installInto(Path root, List<String> units) throws IOException, InterruptedException {
    Path home = UnpackedDistribution.home();
    Files.createDirectories(root.resolve("opt/campusguard/bin"));
    Files.copy(home.resolve("bin/campusguard"), root.resolve("opt/campusguard/bin/campusguard"), StandardCopyOption.COPY_ATTRIBUTES);
    Path etc = Files.createDirectories(root.resolve("etc/systemd/system"));
    for (String unit : units) {
      Files.copy(home.resolve("systemd").resolve(unit), etc.resolve(unit));
    }
    // The system's own units (multi-user.target, network-online.target, sysinit.target) as on the server.
    // Copied whole (aliases and .wants folders are symlinks within it), as cp -a does.
    Files.createDirectories(root.resolve("usr/lib/systemd"));
    Process cp = new ProcessBuilder("cp", "-a", "/usr/lib/systemd/system", root.resolve("usr/lib/systemd").toString())
        .redirectErrorStream(true).start();
    String out = new String(cp.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(cp.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(cp.exitValue()).as(out).isZero();
  }

  private record Verify(int exitCode, String output) {}

  private static Verify verify(Path root, String unit) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(systemdAnalyze(), "verify", "--root=" + root, "/etc/systemd/system/" + unit)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Verify(p.exitValue(), out);
  }

  /** systemd-analyze from Debian's systemd package, which scripts/test.sh installs when it is missing. */
  private static String systemdAnalyze() {
    for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/bin").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "systemd-analyze"))) {
        return Path.of(dir, "systemd-analyze").toString();
      }
    }
    throw new AssertionError("systemd-analyze not found: scripts/test.sh installs Debian's systemd package");
  }

  /** The key=value lines of one [section] (comments and blank lines left out). */
  private static Map<String, String> section(String unit, String name) {
    Map<String, String> out = new LinkedHashMap<>();
    String current = "";
    List<String> duplicates = new ArrayList<>();
    for (String raw : unit.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[")) {
        current = line.substring(1, line.length() - 1);
      } else if (current.equals(name)) {
        int eq = line.indexOf('=');
        String key = line.substring(0, eq).strip();
        if (out.put(key, line.substring(eq + 1).strip()) != null && !key.equals("Environment")) {
          duplicates.add(key);
        }
      }
    }
    assertThat(duplicates).as("keys set twice in [" + name + "]").isEmpty();
    return out;
  }

  private static long seconds(String timespan) {
    if (timespan.endsWith("min")) {
      return Long.parseLong(timespan.substring(0, timespan.length() - 3)) * 60;
    }
    return Long.parseLong(timespan.endsWith("s") ? timespan.substring(0, timespan.length() - 1) : timespan);
  }
}
