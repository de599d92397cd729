package io.campusguard.simulators.launcher;

import io.campusguard.gateway.app.GatewayMain;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gateway --config FILE}: one campus gateway, as {@link GatewayMain} runs it. */
@Command(name = "gateway", mixinStandardHelpOptions = true, description = "Run one campus gateway.")
final class GatewayCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "the gateway's YAML config")
  String config;

  @Override
  public Integer call() throws Exception {
    GatewayMain.main(new String[] {"--config", config});
    // GatewayMain returns once started; the process lives until it is stopped.
    new CountDownLatch(1).await();
    return 0;
  }
}
