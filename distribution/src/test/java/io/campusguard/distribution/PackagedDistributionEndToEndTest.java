package io.campusguard.distribution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.campusguard.testing.TestServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The packaged distribution, unpacked, run as a county runs it: the county's PKI and broker accounts made with
 * its own {@code pki} and {@code broker-access} commands, the county broker a Mosquitto on the config those
 * commands wrote, one hub and two campus gateways started from {@code bin/campusguard} with the shipped example
 * configs, against Debian's PostgreSQL and InfluxDB. A panic press on each campus must reach the hub's REST API
 * and be stored once.
 *
 * <p>What differs from the examples: ports, URLs (to the test's services, {@code localhost} for the county
 * broker's certificate), data and TLS paths, the accounts' generated passwords, and LP-018 written for LP-017 in
 * the second gateway's copy. Mosquitto's generated config gets the test's own data folder and log, and runs as
 * root (the generated keys are root's, mode 0600). Everything runs under {@code target/e2e/}, kept after the run.
 */
@Timeout(900)
class PackagedDistributionEndToEndTest {
  private static final Duration START_LIMIT = Duration.ofMinutes(3);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final List<String> CAMPUSES = List.of("LP-017", "LP-018");

  private final List<AutoCloseable> running = Collections.synchronizedList(new ArrayList<>());

  /** Verifies that a panic press on each of two campuses reaches the hub through gateways and county broker, stored once each. */
  @Test
  void panicPressesReachTheHubThroughThePackagedDistribution() throws Exception {
    Path home = UnpackedDistribution.home();
    Path work = Files.createDirectories(UnpackedDistribution.tarball().getParent()
        .resolve("e2e/run-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(OffsetDateTime.now())));
    Path logs = Files.createDirectories(work.resolve("logs"));
    Map<String, String> javaEnv = Map.of("JAVA_HOME", System.getProperty("java.home"), "CAMPUSGUARD_JAVA_OPTS", "-Xmx384m");

    // the county's PKI and broker accounts, from the distribution's own commands
    Path pki = work.resolve("pki");
    Path county = work.resolve("county-broker");
    int plainPort = TestServices.freePort();
    int tlsPort = TestServices.freePort();
    runOk(logs.resolve("pki.log"), javaEnv, "pki", "--out", pki.toString(), "--san", "localhost", "--campuses", String.join(",", CAMPUSES));
    runOk(logs.resolve("broker-access.log"), javaEnv, "broker-access", "--out", county.toString(), "--campuses", String.join(",", CAMPUSES),
        "--pki", pki.toString(), "--port", String.valueOf(plainPort), "--tls-port", String.valueOf(tlsPort),
        "--mosquitto-passwd", TestServices.mosquittoPasswdBin());
    Map<String, String> brokerPasswords = tsv(county.resolve("credentials.tsv"), 0, 3);
    startMosquitto(county.resolve("mosquitto-county.conf"), work.resolve("mosquitto"), tlsPort, plainPort);

    // the hub: the county example pointed at this test's PostgreSQL database, InfluxDB and county broker
    String database = FreshDatabase.create("cg_dist_e2e");
    int hubPort = TestServices.freePort();
    Path hubYaml = new ConfigEdits()
        .without("placeholders")
        .set("database.url", database)
        .set("database.user", TestServices.pgUser())
        .set("database.password", TestServices.pgPassword())
        .set("mqtt.url", "ssl://localhost:" + tlsPort)
        .set("mqtt.tls.caFile", pki.resolve("county-ca.pem").toString())
        .set("mqtt.password", brokerPasswords.get("hub"))
        .set("http.port", hubPort)
        .set("influx.url", TestServices.influxUrl())
        .set("influx.database", TestServices.influxDb())
        .set("embedded.dataDir", work.resolve("hub-data").toString())
        .set("webhook.url", "http://127.0.0.1:" + TestServices.freePort() + "/api/campus-alarms")
        .writeFrom(Files.readString(home.resolve("config/hub.example.yaml")), work.resolve("hub.yaml"));
    LauncherProcess hub = start("hub", logs.resolve("hub.log"), javaEnv, "hub", "--config", hubYaml.toString());

    // two gateways: the campus example, the second written for LP-018
    String gatewayExample = Files.readString(home.resolve("config/gateway.example.yaml"));
    Map<String, Integer> gatewayHttp = new java.util.HashMap<>();
    Map<String, Integer> campusBroker = new java.util.HashMap<>();
    Map<String, String> panicPasswords = new java.util.HashMap<>();
    for (String campus : CAMPUSES) {
      Path dir = Files.createDirectories(work.resolve(campus));
      String button = campus + "-PB-01";
      runOk(logs.resolve("device-access-" + campus + ".log"), javaEnv, "device-access", "--campus", campus,
          "--out", dir.resolve("access").toString(), "--devices", button);
      panicPasswords.put(campus, tsv(dir.resolve("access/device-credentials.tsv"), 0, 1).get(button));
      gatewayHttp.put(campus, TestServices.freePort());
      campusBroker.put(campus, TestServices.freePort());
      Path yaml = new ConfigEdits()
          .without("placeholders")
          .set("embeddedBroker.bindAddress", "127.0.0.1")
          .set("embeddedBroker.port", campusBroker.get(campus))
          .set("embeddedBroker.dataDir", dir.resolve("broker").toString())
          .set("embeddedBroker.deviceAccounts", dir.resolve("access/device-accounts").toString())
          .set("countyBroker.url", "ssl://localhost:" + tlsPort)
          .set("countyBroker.password", brokerPasswords.get("gw-" + campus))
          .set("countyBroker.tls.caFile", pki.resolve("county-ca.pem").toString())
          .set("countyBroker.tls.certFile", pki.resolve("gateways/gw-" + campus + ".pem").toString())
          .set("countyBroker.tls.keyFile", pki.resolve("gateways/gw-" + campus + ".key").toString())
          .set("opcua[0].endpointUrl", "opc.tcp://127.0.0.1:" + TestServices.freePort() + "/canteen")
          .set("opcua[0].pkiDir", dir.resolve("opcua-pki").toString())
          .set("outbox.file", dir.resolve("outbox.db").toString())
          .set("http.host", "127.0.0.1")
          .set("http.port", gatewayHttp.get(campus))
          .writeFrom(gatewayExample.replace("LP-017", campus), dir.resolve("gateway.yaml"));
      start("gateway-" + campus, logs.resolve("gateway-" + campus + ".log"), javaEnv, "gateway", "--config", yaml.toString());
    }

    // the hub is up and prints its first administrator's generated password
    String hubBase = "http://127.0.0.1:" + hubPort;
    await("hub /health").atMost(START_LIMIT).pollInterval(Duration.ofMillis(500)).until(() -> {
      assertAlive(hub);
      return status(hubBase + "/health") == 200;
    });
    // written to a file only its owner reads (never to the log), to be changed at the first sign-in
    Path adminFile = work.resolve("hub-data").resolve("first-administrator-password");
    String adminPassword = await("the first administrator's password file").atMost(Duration.ofSeconds(30))
        .until(() -> adminPassword(adminFile), Optional::isPresent).orElseThrow();

    // both gateways are linked to the county broker
    for (String campus : CAMPUSES) {
      await("gateway " + campus + " linked").atMost(START_LIMIT).pollInterval(Duration.ofMillis(500)).until(() -> {
        running.stream().filter(r -> r instanceof LauncherProcess p && p.name().equals("gateway-" + campus))
            .forEach(r -> assertAlive((LauncherProcess) r));
        JsonObject health = gatewayHealth(gatewayHttp.get(campus));
        return health != null && "UP".equals(health.getJsonObject("connectors").getString("county"))
            && "UP".equals(health.getJsonObject("connectors").getString("campus"));
      });
      assertThat(gatewayHealth(gatewayHttp.get(campus)).getString("version")).isEqualTo(UnpackedDistribution.version());
    }
    assertThat(new JsonObject(get(hubBase + "/health", null).body()).getString("version")).isEqualTo(UnpackedDistribution.version());

    // a panic press on each campus, published by the button with its own account
    for (String campus : CAMPUSES) {
      press(campusBroker.get(campus), campus + "-PB-01", panicPasswords.get(campus), campus);
    }

    String cookie = login(hubBase, adminPassword);
    for (String campus : CAMPUSES) {
      JsonObject alarm = await("panic alarm of " + campus + " in /api/alarms").atMost(Duration.ofMinutes(2))
          .until(() -> panicAlarms(hubBase, cookie, campus), list -> !list.isEmpty()).get(0);
      assertThat(alarm.getString("device")).isEqualTo(campus + "-PB-01");
      assertThat(alarm.getString("severity")).isEqualTo("P0");
      // stored once: the gateway's outbox is empty (the hub acknowledged the commit), one event, one occurrence
      await("outbox of " + campus + " empty").atMost(Duration.ofMinutes(2))
          .until(() -> gatewayHealth(gatewayHttp.get(campus)).getJsonObject("outbox").getJsonObject("lanes").getJsonObject("P0").getLong("depth") == 0);
      assertThat(storedPanicEvents(database, campus)).as(campus).isEqualTo(1);
      List<JsonObject> alarms = panicAlarms(hubBase, cookie, campus);
      assertThat(alarms).hasSize(1);
      assertThat(alarms.get(0).getInteger("occurrences")).isEqualTo(1);
    }
  }

  @AfterEach
  void stopEverything() {
    // Reverse order: gateways, hub, then the broker; each closes whatever happened before.
    List<AutoCloseable> all = new ArrayList<>(running);
    Collections.reverse(all);
    for (AutoCloseable c : all) {
      try {
        c.close();
      } catch (Exception e) {
        System.err.println("stopping " + c + ": " + e);
      }
    }
  }

  private LauncherProcess start(String name, Path log, Map<String, String> env, String... args) throws Exception {
    LauncherProcess p = LauncherProcess.start(name, log, env, args);
    running.add(p);
    return p;
  }

  private static void runOk(Path log, Map<String, String> env, String... args) throws Exception {
    LauncherProcess.Result r = LauncherProcess.run(log, env, 120, args);
    assertThat(r.exitCode()).as("campusguard " + String.join(" ", args) + "\n" + r.output()).isZero();
  }

  /** Mosquitto on broker-access's config; the test adds its own data folder and log, and keeps root (see the class doc). */
  private void startMosquitto(Path conf, Path dir, int tlsPort, int plainPort) throws Exception {
    Files.createDirectories(dir);
    String generated = Files.readString(conf);
    assertThat(generated).contains("listener " + tlsPort + "\n", "persistence_location /var/lib/mosquitto/");
    Files.writeString(conf, "user root\nlog_dest file " + dir.resolve("mosquitto.log") + "\n"
        + generated.replace("persistence_location /var/lib/mosquitto/", "persistence_location " + dir + "/"));
    Process mosquitto = new ProcessBuilder(TestServices.mosquittoBin(), "-c", conf.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
    running.add(() -> {
      mosquitto.destroy();
      if (!mosquitto.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        mosquitto.destroyForcibly();
      }
    });
    await("mosquitto").atMost(Duration.ofSeconds(10)).until(() -> accepts(tlsPort) && accepts(plainPort));
  }

  /** A database of this test's own in the test command's PostgreSQL, so no other test's rows count. */
  private static long storedPanicEvents(String database, String campus) throws Exception {
    try (Connection c = DriverManager.getConnection(database, TestServices.pgUser(), TestServices.pgPassword());
        PreparedStatement s = c.prepareStatement("SELECT count(*) FROM events WHERE campus_id = ? AND kind = 'panic'")) {
      s.setString(1, campus);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private static void press(int port, String button, String password, String campus) throws Exception {
    MqttClient device = new MqttClient("tcp://127.0.0.1:" + port, button, new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setUserName(button);
    o.setPassword(password.getBytes(UTF_8));
    o.setConnectionTimeout(10);
    device.connect(o);
    MqttMessage m = new MqttMessage(("{\"ts\":\"" + OffsetDateTime.now() + "\",\"action\":\"pressed\"}").getBytes(UTF_8));
    m.setQos(1);
    device.publish("campus/" + campus + "/panic/" + button, m);
    device.disconnect();
    device.close();
  }

  private static String login(String base, String password) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/login")).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").header("Origin", base)
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("user", "admin").put("password", password).encode())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("cg_session="))
        .map(c -> c.substring("cg_session=".length(), c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
        .findFirst().orElseThrow();
    // A generated password must be changed before anything else, as the guide's first login does.
    HttpResponse<String> changed = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/session/password")).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").header("Origin", base).header("Cookie", "cg_session=" + cookie)
        .header("X-CSRF-Token", new JsonObject(r.body()).getString("csrfToken"))
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("oldPassword", password).put("newPassword", password + "-changed").encode()))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(changed.statusCode()).as(changed.body()).isBetween(200, 204);
    return cookie;
  }

  private static List<JsonObject> panicAlarms(String base, String cookie, String campus) throws Exception {
    HttpResponse<String> r = get(base + "/api/alarms?campus=" + campus, cookie);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonArray alarms = new JsonObject(r.body()).getJsonArray("alarms");
    return alarms.stream().map(JsonObject.class::cast).filter(a -> "panic".equals(a.getString("type"))).collect(Collectors.toList());
  }

  private static JsonObject gatewayHealth(int port) {
    try {
      HttpResponse<String> r = get("http://127.0.0.1:" + port + "/health", null);
      return r.statusCode() == 200 ? new JsonObject(r.body()) : null;
    } catch (IOException | InterruptedException e) {
      return null;
    }
  }

  private static HttpResponse<String> get(String url, String cookie) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (cookie != null) {
      b.header("Cookie", "cg_session=" + cookie);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int status(String url) {
    try {
      return get(url, null).statusCode();
    } catch (IOException | InterruptedException e) {
      return -1;
    }
  }

  private static Optional<String> adminPassword(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return Files.readAllLines(file).stream().filter(l -> l.startsWith("password: ")).map(l -> l.substring("password: ".length())).findFirst();
  }

  private static void assertAlive(LauncherProcess p) {
    if (!p.isAlive()) {
      String out;
      try {
        out = p.output();
      } catch (IOException e) {
        out = e.toString();
      }
      throw new AssertionError(p.name() + " exited:\n" + out);
    }
  }

  private static Map<String, String> tsv(Path file, int keyColumn, int valueColumn) throws IOException {
    return Files.readAllLines(file).stream().skip(1).map(l -> l.split("\t"))
        .collect(Collectors.toMap(f -> f[keyColumn], f -> f[valueColumn]));
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
