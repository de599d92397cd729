package io.campusguard.simulators.launcher;

import io.campusguard.hub.HubMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hub --config FILE}: the county hub, as {@link HubMain} runs it. */
@Command(name = "hub", mixinStandardHelpOptions = true, description = "Run the county hub.")
final class HubCommand implements Callable<Integer> {
  @Option(names = "--config", description = "the hub's YAML config (default: every default: embedded PostgreSQL and broker)")
  String config;

  @Override
  public Integer call() throws Exception {
    HubMain.main(config == null ? new String[0] : new String[] {"--config", config});
    return 0;
  }
}
