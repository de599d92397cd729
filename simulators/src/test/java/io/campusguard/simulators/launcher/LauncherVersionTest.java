package io.campusguard.simulators.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.runtime.Version;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LauncherVersionTest {

  /** Verifies that --version prints the build's version, on the launcher and on every subcommand alike. */
  @Test
  void versionOnLauncherAndSubcommands() {
    String expected = "CampusGuard " + Version.current();
    // control: a real version, not the fallback of a build without Maven's resource step
    assertThat(Version.current()).isNotEqualTo("unknown").matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(run("--version")).isEqualTo(expected);
    for (String sub : new String[] {"hub", "gateway", "demo", "pki"}) {
      assertThat(run(sub, "--version")).as(sub).isEqualTo(expected);
    }
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cmd = new CommandLine(new Launcher());
    cmd.setOut(new PrintWriter(out));
    assertThat(cmd.execute(args)).isZero();
    return out.toString().strip();
  }
}
