package io.campusguard.gateway.modbus;

import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.gateway.connector.ConnectorContext;
import io.campusguard.gateway.connector.DeviceInbox;
import io.campusguard.gateway.connector.SouthboundConnector;
import io.campusguard.gateway.ingest.IngestOutcome;
import io.campusguard.runtime.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: prints the Modbus connector's poll rate (values read per second, each a float32 of two registers)
 * against one pymodbus server, for 1 and for 50 devices polled as fast as they answer, and pymodbus's own
 * synchronous client reading the same registers on the same server in the same run. The inbox only counts (no
 * outbox): this measures polling and decoding. Run with the test classpath:
 * {@code java -cp ... io.campusguard.gateway.modbus.ModbusPollBenchmark [seconds]}.
 */
public final class ModbusPollBenchmark {
  private ModbusPollBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path dir = Files.createTempDirectory("modbus-bench");
    try (PymodbusServer server = new PymodbusServer(dir)) {
      for (int devices : new int[] {1, 50}) {
        System.out.printf("campusguard, %d device(s): %.0f values/s%n", devices, ours(server.port, devices, seconds));
      }
      String py = String.join("\n",
          "import time",
          "from pymodbus.client import ModbusTcpClient",
          "c = ModbusTcpClient('127.0.0.1', port=" + server.port + ")",
          "c.connect()",
          "n = 0",
          "end = time.time() + " + seconds,
          "while time.time() < end:",
          "    r = c.read_holding_registers(0, 2, slave=1)",
          "    assert not r.isError()",
          "    n += 1",
          "print('%.0f' % (n / " + seconds + "))");
      Process p = new ProcessBuilder(PymodbusServer.PYTHON, "-c", py).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor(seconds + 30L, TimeUnit.SECONDS);
      System.out.println("pymodbus client, 1 device: " + out + " values/s");
    }
  }

  private static double ours(int port, int devices, int seconds) throws Exception {
    StringBuilder yaml = new StringBuilder(String.join("\n",
        "campus: BENCH",
        "campusBroker: { url: \"tcp://127.0.0.1:1\" }",
        "countyBroker: { url: \"tcp://127.0.0.1:1\" }",
        "connectors:",
        "  modbus:",
        "    models: { cs: [ { quantity: cold_store_temperature, function: holding, address: 0, type: float32 } ] }",
        "    devices:",
        ""));
    for (int i = 0; i < devices; i++) {
      yaml.append(String.format("      - { id: BENCH-CS-%02d, model: cs, host: 127.0.0.1, port: %d, unitId: 1, pollInterval: 1ms }%n", i, port));
    }
    GatewayConfig config = new ConfigLoader().parse(yaml.toString(), GatewayConfig.ENV_PREFIX, Map.of(), GatewayConfig.class);
    AtomicLong received = new AtomicLong();
    DeviceInbox counting = new DeviceInbox() {
      @Override
      public CompletableFuture<IngestOutcome> publish(String topic, byte[] payload) {
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public CompletableFuture<IngestOutcome> publishCopy(String topic, byte[] payload) {
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public CompletableFuture<IngestOutcome> message(io.campusguard.devices.DeviceMessage message) {
        received.incrementAndGet();
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public CompletableFuture<IngestOutcome> reject(String source, byte[] raw, io.campusguard.devices.Rejection rejection) {
        return CompletableFuture.completedFuture(null);
      }
    };
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    ExecutorService loop = Executors.newSingleThreadExecutor();
    try {
      List<SouthboundConnector> built = ModbusConnector.create(
          new ConnectorContext("modbus", config, counting, Clock.systemUTC(), loop, scheduler));
      SouthboundConnector c = built.get(0);
      c.start();
      Thread.sleep(2000); // warm-up: connect, JIT
      long before = received.get();
      long t0 = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      double rate = (received.get() - before) / ((System.nanoTime() - t0) / 1e9);
      c.close();
      return rate;
    } finally {
      scheduler.shutdownNow();
      loop.shutdownNow();
    }
  }
}
