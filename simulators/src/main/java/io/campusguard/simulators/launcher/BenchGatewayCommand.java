package io.campusguard.simulators.launcher;

import io.campusguard.simulators.bench.GatewayBenchmark;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench-gateway}: the issue-3 benchmark (raw broker, gateway, Mosquitto bridge, the gateway on its
 * embedded campus broker next to that broker's raw rate, outbox append rates) in one run; see {@link GatewayBenchmark}. A measurement, not a test: it prints figures and fails only when a
 * run cannot complete.
 */
@Command(
    name = "bench-gateway",
    mixinStandardHelpOptions = true,
    description = "Measure the gateway against a raw Mosquitto and a Mosquitto bridge, the gateway on its embedded campus broker "
        + "against that broker's raw rate, and the outbox's append rates.")
final class BenchGatewayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--mosquitto", defaultValue = "/usr/sbin/mosquitto", description = "mosquitto binary (default: ${DEFAULT-VALUE})")
  Path mosquitto;

  @Option(names = "--messages", defaultValue = "" + GatewayBenchmark.DEFAULT_MESSAGES, description = "messages per run (default: ${DEFAULT-VALUE})")
  int messages;

  @Option(names = "--mix", defaultValue = "canteen=90,camera=4,classroom=5,panic=1",
      description = "device kinds and weights; panic presses are P0 (default: ${DEFAULT-VALUE})")
  String mix;

  @Option(names = "--append-count", defaultValue = "" + GatewayBenchmark.DEFAULT_APPEND_COUNT,
      description = "outbox appends one at a time per lane; bursts are ten times as many (default: ${DEFAULT-VALUE})")
  int appendCount;

  @Option(names = "--paced-rate", defaultValue = "" + GatewayBenchmark.DEFAULT_PACED_RATE_PER_S,
      description = "device messages/s of the gateway's paced phase, for the latency when it keeps up (default: ${DEFAULT-VALUE})")
  double pacedRate;

  @Option(names = "--paced-messages", description = "messages of the paced phase (default: --messages / 5, at least 1)")
  Integer pacedMessages;

  @Option(names = "--work-dir", description = "brokers' data and outbox files, on the disk to measure (default: a new temporary folder)")
  Path workDir;

  /** The figures of the last run, for tests. */
  GatewayBenchmark.Result result;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = workDir != null ? workDir : Files.createTempDirectory("cg-bench-gateway");
    GatewayBenchmark.Settings settings;
    try {
      settings = new GatewayBenchmark.Settings(
          mosquitto, dir, messages, mix, appendCount, pacedRate, pacedMessages != null ? pacedMessages : Math.max(1, messages / 5));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    try {
      result = GatewayBenchmark.run(settings, step -> {
        out.println("… " + step);
        out.flush();
      });
    } finally {
      if (workDir == null) {
        deleteTree(dir); // our own temporary folder; a given --work-dir is left for inspection
      }
    }
    out.print(GatewayBenchmark.format(result));
    out.flush();
    return 0;
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
