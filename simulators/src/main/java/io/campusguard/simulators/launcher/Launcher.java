package io.campusguard.simulators.launcher;

import io.campusguard.runtime.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point behind {@code ./campusguard}: every role of CampusGuard as a subcommand. Roles are thin:
 * they read options and hand over to the components.
 */
@Command(
    name = "campusguard",
    mixinStandardHelpOptions = true,
    versionProvider = Launcher.VersionText.class,
    // Every subcommand inherits the version provider, so `campusguard hub --version` answers too.
    scope = CommandLine.ScopeType.INHERIT,
    description = "CampusGuard: campus-safety IoT for a county.",
    subcommands = {DemoCommand.class, HubCommand.class, GatewayCommand.class, SimulateCommand.class, LoadTestCommand.class, BenchGatewayCommand.class, BenchImportCommand.class, BrokerAccessCommand.class, PkiCommand.class, DeviceAccessCommand.class})
public final class Launcher implements Runnable {

  public static void main(String[] args) {
    System.exit(new CommandLine(new Launcher()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** The build's version (the same the hub's and gateway's {@code /health} report). */
  static final class VersionText implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"CampusGuard " + Version.current()};
    }
  }
}
