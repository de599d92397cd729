package io.campusguard.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.testing.TestServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The guide's first installation (docs/en/install.md) as a county IT engineer walks it: every {@code ```sh} block,
 * in order, in one shell session, against the unpacked distribution's tarball and the test command's PostgreSQL,
 * up to the test press appearing in {@code /api/alarms}. The county server and the gateway box share one temporary
 * root (their paths do not collide). What cannot be literal is said here and nowhere else:
 *
 * <ul>
 *   <li>absolute paths under /etc, /opt, /var, /root and /tmp are moved under the temporary root;
 *   <li>the site's own values replace the guide's examples ({@link #siteValues}): names, addresses, ports;
 *   <li>users, owners, PostgreSQL's superuser, InfluxDB and systemd are stood in for by {@code guide-shims.sh};
 *   <li>the config edits the guide describes in words are made by {@link ConfigEdits}, right after the block that
 *       copies the example into place, the paths in them moved under the temporary root as well.
 * </ul>
 *
 * <p>Also: the zh-CN page has the very same commands.
 */
@Timeout(600)
class FirstInstallGuideTest {
  private static final Duration BLOCK_LIMIT = Duration.ofMinutes(4);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String DONE = "__cg_guide_block_done__";

  private Process shell;
  private Path root;

  /** Verifies that the guide's first-install commands, run in order, bring a panic press to the console's API. */
  @Test
  void theFirstInstallPathReachesAPanicAlarm() throws Exception {
    Path home = UnpackedDistribution.home();
    root = Files.createDirectories(UnpackedDistribution.tarball().getParent()
        .resolve("guide/run-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(OffsetDateTime.now())));
    Path log = root.resolve("guide-session.log");
    int hubPort = TestServices.freePort();
    int gatewayPort = TestServices.freePort();
    int campusPort = TestServices.freePort();
    int countyTlsPort = TestServices.freePort();
    int countyPlainPort = TestServices.freePort();
    String docsDb = "cg_guide_" + Long.toHexString(System.nanoTime());
    Map<String, String> siteValues = siteValues(hubPort, gatewayPort, campusPort);

    List<GuideCommands.Block> blocks = GuideCommands.of(home.resolve("docs/en/install.md"));
    assertThat(blocks).as("the guide's command blocks").hasSizeGreaterThan(15);
    // the site's values each stand for something the guide says
    String all = String.join("\n", blocks.stream().map(GuideCommands.Block::text).toList());
    siteValues.keySet().forEach(example -> assertThat(all).as("the guide's %s", example).contains(example));

    // the folders every Debian machine has
    for (String folder : List.of("etc/systemd/system", "opt", "var/lib", "var/log", "root", "tmp", "run")) {
      Files.createDirectories(root.resolve(folder));
    }
    startShell(log, Map.of("CG_ROOT", root.toString(), "CG_PG_PORT", String.valueOf(URI.create(TestServices.pgUrl().substring(5)).getPort()),
        "CG_DOCS_DB", docsDb, "JAVA_HOME", System.getProperty("java.home"), "CAMPUSGUARD_JAVA_OPTS", "-Xmx384m"));
    boolean hubEdited = false;
    boolean gatewayEdited = false;
    for (GuideCommands.Block block : blocks) {
      run(block, localise(block.text(), siteValues));
      Path hubYaml = root.resolve("etc/campusguard/hub.yaml");
      if (!hubEdited && Files.exists(hubYaml)) {
        // 4.5: the edits the guide describes, the county broker built into the hub
        new ConfigEdits()
            .without("placeholders")
            .without("mqtt.url")
            .without("mqtt.tls")
            .without("influx.url")
            .without("webhook")
            .set("database.url", "jdbc:postgresql://127.0.0.1:" + URI.create(TestServices.pgUrl().substring(5)).getPort() + "/" + docsDb)
            .set("database.user", docsDb)
            .set("http.port", hubPort)
            .set("embedded.brokerPort", countyPlainPort)
            .uncomment("embedded.brokerAccounts", "/etc/campusguard/county-broker/county-accounts")
            .uncomment("embedded.brokerTls", Map.of("bindAddress", "127.0.0.1", "port", countyTlsPort,
                "certFile", "/etc/campusguard/pki/county-broker.pem", "keyFile", "/etc/campusguard/pki/county-broker.key",
                "caFile", "/etc/campusguard/pki/county-ca.pem", "clientAuth", "optional"))
            .rootedAt(root)
            .writeFrom(Files.readString(hubYaml), hubYaml);
        hubEdited = true;
      }
      Path gatewayYaml = root.resolve("etc/campusguard/gateway.yaml");
      if (!gatewayEdited && Files.exists(gatewayYaml)) {
        // 5.3: this campus's values; no canteen PLC here
        new ConfigEdits()
            .without("placeholders")
            .without("opcua")
            .set("embeddedBroker.bindAddress", "127.0.0.1")
            .set("embeddedBroker.port", campusPort)
            .set("countyBroker.url", "ssl://localhost:" + countyTlsPort)
            .set("http.host", "127.0.0.1")
            .set("http.port", gatewayPort)
            .rootedAt(root)
            .writeFrom(Files.readString(gatewayYaml), gatewayYaml);
        gatewayEdited = true;
      }
    }
    assertThat(hubEdited && gatewayEdited).as("both configs were copied into place by the guide").isTrue();

    // the press the guide sent reaches the console's API, as a P0 panic alarm of the button
    String cookie = sessionCookie(root.resolve("tmp/cg.cookies"));
    JsonObject alarm = await("the test press in /api/alarms").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
        .until(() -> panicAlarms(hubPort, cookie), list -> !list.isEmpty()).get(0);
    assertThat(alarm.getString("device")).isEqualTo("LP-017-PB-01");
    assertThat(alarm.getString("severity")).isEqualTo("P0");

    // the start-up log the guide shows (4.7) is the hub's, line by line and in that order
    GuideCommands.Block sample = GuideCommands.blocks(home.resolve("docs/en/install.md"), "text").stream()
        .filter(b -> b.section().startsWith("### 4.7 ")).findFirst().orElseThrow();
    assertLinesInOrder(sample.text(), Files.readAllLines(root.resolve("var/log/journal/campusguard-hub.service.log")));
  }

  /**
   * Each line of the guide's sample ("INFO logger - message") is found in the log after the previous one; the
   * sample's numbers, addresses, paths and elisions (…) stand for whatever the run had there.
   */
  private static void assertLinesInOrder(String sample, List<String> log) {
    int from = 0;
    for (String line : sample.strip().split("\n")) {
      StringBuilder regex = new StringBuilder();
      for (String token : line.strip().split(" ")) {
        boolean variable = token.matches(".*[0-9/:…].*");
        regex.append(regex.length() == 0 ? "" : " ").append(variable ? "\\S*" : Pattern.quote(token));
      }
      Pattern expected = Pattern.compile(".*" + regex + ".*");
      int found = -1;
      for (int i = from; i < log.size(); i++) {
        if (expected.matcher(log.get(i)).matches()) {
          found = i;
          break;
        }
      }
      assertThat(found).as("the guide's start-up line %s, in the hub's log after line %d:%n%s", line, from, String.join("\n", log))
          .isNotNegative();
      from = found + 1;
    }
  }

  /** Verifies that the Chinese page gives the very same commands as the English one, in the same order. */
  @Test
  void bothLanguagesGiveTheSameCommands() throws Exception {
    Path docs = UnpackedDistribution.home().resolve("docs");
    for (String page : List.of("install.md", "add-campus.md")) {
      List<String> en = GuideCommands.of(docs.resolve("en/" + page)).stream().map(GuideCommands.Block::text).toList();
      List<String> zh = GuideCommands.of(docs.resolve("zh-CN/" + page)).stream().map(GuideCommands.Block::text).toList();
      assertThat(en).as(page).isNotEmpty();
      assertThat(zh).as(page).isEqualTo(en);
    }
  }

  /** The guide's example values and what stands for them on this test's machine. */
  private static Map<String, String> siteValues(int hubPort, int gatewayPort, int campusPort) throws Exception {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("campusguard-<version>.tar.gz", UnpackedDistribution.tarball().toAbsolutePath().toString());
    values.put("<version>", UnpackedDistribution.version());
    values.put("county.example", "localhost");
    values.put("10.20.0.5", "127.0.0.1");
    values.put("http://127.0.0.1:8080", "http://127.0.0.1:" + hubPort);
    values.put("http://127.0.0.1:9080", "http://127.0.0.1:" + gatewayPort);
    values.put("-h 192.168.10.2 -p 1883", "-h 127.0.0.1 -p " + campusPort);
    return values;
  }

  /** The block with the site's values and its absolute paths under the temporary root. */
  private String localise(String text, Map<String, String> siteValues) {
    // The guide's own paths first, then the site's values: a value is a real path of this run already (the tarball
    // of a checkout under /tmp was moved under the root a second time and not found).
    Matcher m = Pattern.compile("(?<=^|[\\s'\"=(])/(etc|opt|var|root|tmp)(?=/|\\s|$)", Pattern.MULTILINE).matcher(text);
    String out = m.replaceAll(Matcher.quoteReplacement(root.toString()) + "/$1");
    for (Map.Entry<String, String> v : siteValues.entrySet()) {
      out = out.replace(v.getKey(), v.getValue());
    }
    return out;
  }

  // ---- one shell session, as the engineer's terminal ----

  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private void startShell(Path log, Map<String, String> env) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("bash", "--noprofile", "--norc").redirectErrorStream(true).directory(root.toFile());
    pb.environment().putAll(env);
    shell = pb.start();
    Thread reader = new Thread(() -> copyLines(shell.getInputStream(), log), "guide-shell-output");
    reader.setDaemon(true);
    reader.start();
    try (InputStream shims = getClass().getResourceAsStream("guide-shims.sh")) {
      send(new String(shims.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private void copyLines(InputStream in, Path log) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Writer w = Files.newBufferedWriter(log)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        w.write(line + "\n");
        w.flush();
        lines.add(line);
      }
    } catch (IOException e) {
      lines.add("guide shell output lost: " + e);
    }
    lines.add(DONE + " shell-ended");
  }

  private void send(String text) throws IOException {
    Writer w = new OutputStreamWriter(shell.getOutputStream(), StandardCharsets.UTF_8);
    w.write(text);
    w.write("\n");
    w.flush();
  }

  /** Runs one block; fails with the block's output when a command in it fails (the session runs with set -e). */
  private void run(GuideCommands.Block block, String text) throws Exception {
    // A newline first: a command's output may not end with one (curl's does not).
    send(text + "\necho; echo " + DONE + " ok");
    long started = System.nanoTime();
    List<String> output = new ArrayList<>();
    long deadline = System.nanoTime() + BLOCK_LIMIT.toNanos();
    while (true) {
      String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError(block.section() + ": not done in " + BLOCK_LIMIT + "\n" + text + "\n--- output:\n" + String.join("\n", output));
      }
      if (line.startsWith(DONE)) {
        assertThat(line).as(block.section() + ": a command failed\n" + text + "\n--- output:\n" + String.join("\n", output))
            .isEqualTo(DONE + " ok");
        System.out.printf("%5.1f s  %s%n", (System.nanoTime() - started) / 1e9, block.section());
        return;
      }
      output.add(line);
    }
  }

  @AfterEach
  void stopEverything() throws Exception {
    if (shell != null) {
      shell.destroy();
    }
    if (root == null || !Files.isDirectory(root.resolve("run"))) {
      return;
    }
    // Gateway first, then the hub: the services the guide started, by the ids the systemctl stand-in kept.
    try (Stream<Path> pids = Files.list(root.resolve("run"))) {
      for (Path pid : pids.sorted((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString())).toList()) {
        ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).ifPresent(p -> {
          p.destroy();
          p.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> {
            p.destroyForcibly();
            return p;
          }).join();
        });
      }
    }
  }

  private static String sessionCookie(Path jar) throws IOException {
    return Files.readAllLines(jar).stream().filter(l -> l.contains("\tcg_session\t")).map(l -> l.substring(l.lastIndexOf('\t') + 1))
        .findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + jar));
  }

  private static List<JsonObject> panicAlarms(int hubPort, String cookie) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hubPort + "/api/alarms?campus=LP-017"))
        .header("Cookie", "cg_session=" + cookie).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonArray alarms = new JsonObject(r.body()).getJsonArray("alarms");
    List<JsonObject> out = new ArrayList<>();
    for (int i = 0; i < alarms.size(); i++) {
      JsonObject a = alarms.getJsonObject(i);
      if ("panic".equals(a.getString("type"))) {
        out.add(a);
      }
    }
    return out;
  }
}
