package io.campusguard.gateway.dc09;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The npm package iobroker.sia (2.0.4), a DC-09 receiver we did not write, run with the machine's Node.js: installed
 * once into {@code target/iobroker-sia} with npm, started by {@code sia-peer.js} on free ports. Its AES routine also
 * encrypts the test panel's frames, independently of ours.
 */
final class SiaPeer implements AutoCloseable {
  static final String VERSION = "2.0.4";
  private final Process node;
  private final BufferedReader out;
  private final Writer in;
  final int tcpPort;
  final int udpPort;

  SiaPeer(String accountsJson) throws Exception {
    Path home = install();
    Path script = home.resolve("sia-peer.js");
    try (var s = SiaPeer.class.getResourceAsStream("sia-peer.js")) {
      Files.write(script, s.readAllBytes());
    }
    node = new ProcessBuilder("node", script.toString(), home.toString(), accountsJson).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    in = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
    String ports = out.readLine();
    if (ports == null || !ports.startsWith("ports ")) {
      node.destroyForcibly();
      throw new IllegalStateException("iobroker.sia did not start: " + ports);
    }
    String[] p = ports.split(" ");
    tcpPort = Integer.parseInt(p[1]);
    udpPort = Integer.parseInt(p[2]);
  }

  /** Its {@code encrypt_hex} of {@code text} (which must hold no line break). */
  synchronized String encryptHex(String keyHex, String text) throws IOException {
    in.write("encrypt " + keyHex + " " + text + "\n");
    in.flush();
    return out.readLine();
  }

  /** npm-installs the package into the module's target folder, once. */
  static synchronized Path install() throws Exception {
    Path home = Path.of("target", "iobroker-sia").toAbsolutePath();
    if (Files.isRegularFile(home.resolve("node_modules/iobroker.sia/build/lib/sia.js"))) {
      return home;
    }
    Files.createDirectories(home);
    Process npm = new ProcessBuilder(List.of("npm", "install", "--prefix", home.toString(), "--no-audit", "--no-fund", "--ignore-scripts",
        "--loglevel=error", "iobroker.sia@" + VERSION)).redirectErrorStream(true).redirectOutput(home.resolve("npm.log").toFile()).start();
    if (!npm.waitFor(180, TimeUnit.SECONDS) || npm.exitValue() != 0) {
      npm.destroyForcibly();
      throw new IllegalStateException("npm install iobroker.sia@" + VERSION + " failed: see " + home.resolve("npm.log"));
    }
    return home;
  }

  @Override
  public void close() throws Exception {
    in.close();
    if (!node.waitFor(5, TimeUnit.SECONDS)) {
      node.destroyForcibly();
    }
  }
}
