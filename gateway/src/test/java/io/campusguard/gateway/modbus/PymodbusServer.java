package io.campusguard.gateway.modbus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * pymodbus's TCP server (Debian's python3-pymodbus, installed by scripts/test.sh) playing a canteen's devices:
 * {@code modbus/canteen_modbus_server.py} in the test resources says which unit holds what. Listens on a free port;
 * values are changed through its stdin, and it exits when its stdin closes.
 */
final class PymodbusServer implements AutoCloseable {
  static final String PYTHON = "/usr/bin/python3";
  private final Process process;
  private final BufferedReader out;
  private final Writer in;
  final int port;

  PymodbusServer(Path dir) throws IOException, InterruptedException {
    this(dir, 0);
  }

  /** On {@code listenPort} (0: a free one). */
  PymodbusServer(Path dir, int listenPort) throws IOException, InterruptedException {
    Path script = dir.resolve("canteen_modbus_server.py");
    if (!Files.exists(script)) {
      try (var s = PymodbusServer.class.getResourceAsStream("/modbus/canteen_modbus_server.py")) {
        Files.copy(s, script);
      }
    }
    process = new ProcessBuilder(PYTHON, script.toString(), String.valueOf(listenPort))
        .redirectError(dir.resolve("pymodbus.log").toFile())
        .start();
    out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    String ready;
    try {
      ready = CompletableFuture.supplyAsync(this::line).get(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      ready = null;
    }
    if (ready == null || !ready.startsWith("READY ")) {
      process.destroyForcibly();
      throw new IllegalStateException("pymodbus server did not start (is python3-pymodbus installed? see scripts/test.sh): "
          + ready + "; " + Files.readString(dir.resolve("pymodbus.log")));
    }
    port = Integer.parseInt(ready.substring(6).trim());
  }

  /** Writes a 32-bit value into unit's holding ("hr") or input ("ir") registers; returns once the server has it. */
  void set(int unit, String table, int address, String type, String wordOrder, double value) throws IOException {
    in.write("set " + unit + " " + table + " " + address + " " + type + " " + wordOrder + " " + value + "\n");
    in.flush();
    String ok = line();
    if (!"OK".equals(ok)) {
      throw new IllegalStateException("pymodbus server answered " + ok);
    }
  }

  private String line() {
    try {
      return out.readLine();
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() throws Exception {
    in.close();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
