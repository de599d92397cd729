package io.campusguard.simulators.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point behind {@code ./campusguard}: every role of CampusGuard as a subcommand. Roles are thin:
 * they read options and hand over to the components.
 */
@Command(
    name = "campusguard",
    mixinStandardHelpOptions = true,
    versionProvider = Launcher.Version.class,
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

  /** The version from the jar's manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Launcher.class.getPackage().getImplementationVersion();
      return new String[] {"CampusGuard " + (v == null ? "development" : v)};
    }
  }
}
