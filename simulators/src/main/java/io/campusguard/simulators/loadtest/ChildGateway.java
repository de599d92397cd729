package io.campusguard.simulators.loadtest;

import io.campusguard.gateway.config.OpcUaEndpointSettings;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A campus gateway as a real child process ({@code GatewayMain --config FILE}, same classpath as this JVM),
 * so a load test can kill it with SIGKILL mid-burst and start it again on the same outbox.
 */
public final class ChildGateway implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String campus;
  private final Path config;
  private final Path log;
  private final Path outboxFile;
  private Process process;
  /** The port of the running process's {@code /health}; -1 while it is not up. */
  private volatile int httpPort = -1;

  public ChildGateway(String campus, Path workDir, String brokerUrl, String user, String password) throws IOException {
    this(campus, workDir, brokerUrl, user, password, brokerUrl, user, password, null);
  }

  /**
   * A gateway whose county side may be another broker than its campus side, reading the campus's canteen PLC
   * when {@code canteen} is not null.
   */
  public ChildGateway(
      String campus, Path workDir, String campusUrl, String campusUser, String campusPassword, String countyUrl, String countyUser,
      String countyPassword, OpcUaEndpointSettings canteen) throws IOException {
    this.campus = campus;
    Path dir = Files.createDirectories(workDir.resolve("child-" + campus));
    this.config = dir.resolve("gateway.yaml");
    this.log = dir.resolve("gateway.log");
    this.outboxFile = dir.resolve("outbox.db");
    List<String> yaml = new ArrayList<>(List.of(
        "campus: " + campus,
        "campusBroker: { url: \"" + campusUrl + "\"" + auth(campusUser, campusPassword) + " }",
        "countyBroker: { url: \"" + countyUrl + "\"" + auth(countyUser, countyPassword) + " }",
        "outbox: { file: \"" + outboxFile + "\" }",
        "http: { port: 0 }"));
    if (canteen != null) {
      yaml.add("opcua:");
      yaml.add("  - id: " + canteen.id());
      yaml.add("    endpointUrl: \"" + canteen.endpointUrl() + "\"");
      yaml.add("    security: " + canteen.security());
      yaml.add("    allowInsecure: " + canteen.allowInsecure());
      yaml.add("    samplingInterval: " + canteen.samplingInterval().toMillis() + "ms");
      yaml.add("    publishingInterval: " + canteen.publishingInterval().toMillis() + "ms");
      yaml.add("    nodes:");
      for (OpcUaEndpointSettings.Node n : canteen.nodes()) {
        yaml.add("      - { nodeId: \"" + n.nodeId() + "\", device: " + n.device() + ", quantity: " + n.quantity() + " }");
      }
    }
    yaml.add("");
    Files.writeString(config, String.join("\n", yaml), StandardCharsets.UTF_8);
  }

  private static String auth(String user, String password) {
    return user == null ? "" : ", username: \"" + user + "\", password: \"" + password + "\"";
  }

  /** Starts the process; completes when it prints that it is ready. */
  public CompletableFuture<Void> start() throws IOException {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    process = new ProcessBuilder(List.of(javaBin, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
            "io.campusguard.gateway.app.GatewayMain", "--config", config.toString()))
        .redirectErrorStream(true).start();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Process p = process;
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
          java.io.BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
        String line;
        while ((line = in.readLine()) != null) {
          out.write(line);
          out.newLine();
          if (line.startsWith("gateway " + campus + " ready")) {
            httpPort = readyPort(line);
            ready.complete(null);
          }
        }
      } catch (IOException e) {
        ready.completeExceptionally(e);
      }
      ready.completeExceptionally(new IllegalStateException("gateway " + campus + " exited before it was ready; see " + log));
    }, "child-gateway-" + campus);
    reader.setDaemon(true);
    reader.start();
    return ready;
  }

  /** The port in {@code gateway CAMPUS ready http=PORT}, -1 if the line has none. */
  static int readyPort(String line) {
    int at = line.indexOf("http=");
    if (at < 0) {
      return -1;
    }
    try {
      return Integer.parseInt(line.substring(at + 5).trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * The outbox's lanes as the running process reports them on {@code /health}: depth per lane name (P0…P3);
   * empty when the process is down or does not answer (killed, restarting).
   */
  public Optional<Map<String, Long>> laneDepths() {
    int port = httpPort;
    if (port <= 0 || process == null || !process.isAlive()) {
      return Optional.empty();
    }
    try {
      HttpResponse<String> response = HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return Optional.empty();
      }
      return Optional.of(lanesOf(response.body()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Depth per lane from a gateway's {@code /health} JSON ({@code outbox.lanes.P0.depth} …). */
  static Map<String, Long> lanesOf(String healthJson) {
    JsonObject lanes = new JsonObject(healthJson).getJsonObject("outbox").getJsonObject("lanes");
    Map<String, Long> out = new TreeMap<>();
    for (String lane : lanes.fieldNames()) {
      out.put(lane, lanes.getJsonObject(lane).getLong("depth"));
    }
    return out;
  }

  /** The outbox file, to read what is left in it once the process has stopped. */
  public Path outboxFile() {
    return outboxFile;
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed that was not already on disk. */
  public void kill() throws InterruptedException {
    httpPort = -1;
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  public String campus() {
    return campus;
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
