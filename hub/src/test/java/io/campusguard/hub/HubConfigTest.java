package io.campusguard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campusguard.runtime.config.ConfigException;
import io.campusguard.runtime.config.ConfigLoader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hub's YAML config through the shared loader: defaults, overrides, errors that name the field. */
class HubConfigTest {
  private final ConfigLoader loader = new ConfigLoader();

  /** Verifies that an empty config means every default: embedded database and broker, loopback API. */
  @Test
  void emptyConfigIsAllDefaults() {
    HubConfig c = loader.parse("", HubMain.ENV_PREFIX, Map.of(), HubConfig.class);
    assertThat(c.database().toStore()).isNull();
    assertThat(c.mqtt().url()).isNull();
    assertThat(c.http().host()).isEqualTo("127.0.0.1");
    assertThat(c.http().port()).isEqualTo(8080);
    assertThat(c.supervision().reportingTime()).isEqualTo(Duration.ofSeconds(20));
    assertThat(c.influx().url()).isNull();
  }

  /** Verifies that file values and environment overrides are read. */
  @Test
  void fileAndEnvironment() {
    String yaml = """
        database:
          url: jdbc:postgresql://10.0.0.5:5432/campusguard
          user: hub
        mqtt:
          url: ssl://10.0.0.6:8883
          clientId: hub-1
        supervision:
          reportingTime: 30s
        """;
    HubConfig c = loader.parse(yaml, HubMain.ENV_PREFIX, Map.of("CG_HUB_HTTP_PORT", "9090"), HubConfig.class);
    assertThat(c.database().toStore().jdbcUrl()).isEqualTo("jdbc:postgresql://10.0.0.5:5432/campusguard");
    assertThat(c.mqtt().clientId()).isEqualTo("hub-1");
    assertThat(c.supervision().reportingTime()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.http().port()).isEqualTo(9090);
  }

  /**
   * Verifies that the example config shipped with the hub is valid and says what it shows, once its placeholders
   * marker is deleted; with it, the example refuses to start.
   */
  @Test
  void exampleConfigIsValid() throws Exception {
    String example = java.nio.file.Files.readString(java.nio.file.Path.of("hub.example.yaml"));
    assertThatThrownBy(() -> loader.parse(example, HubMain.ENV_PREFIX, Map.of(), HubConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("placeholders: this is still the shipped example")
        .hasMessageContaining("county-broker.example (still in 1 value)");
    HubConfig c = loader.parse(example.replaceFirst("(?m)^placeholders: .*\n", ""), HubMain.ENV_PREFIX, Map.of(), HubConfig.class);
    assertThat(c.mqtt().sharedGroup()).isEqualTo("hub");
    // the county broker over TLS, its certificate checked against the county CA
    assertThat(c.mqtt().url()).startsWith("ssl://");
    assertThat(c.mqtt().tls().caFile()).isEqualTo("/etc/campusguard/pki/county-ca.pem");
    assertThat(c.database().url()).startsWith("jdbc:postgresql://");
    assertThat(c.influx().url()).startsWith("http://");
    assertThat(c.webhook().schedule().maxAttempts()).isEqualTo(30);
    assertThat(c.influx().flushEvery()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.alarms().escalationPolicies().policyFor("gas_high").remindAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.alarms().escalationPolicies().policyFor("panic").notifyAfter()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.alarms().escalationPolicies().policyFor("cold_store_high").raiseAfter()).isEqualTo(Duration.ofMinutes(15));
    assertThat(c.notifications().sms().signature().header()).isEqualTo("X-Signature");
    assertThat(c.notifications().email().security()).isEqualTo("starttls");
    assertThat(c.video().link("LP-017-CAM-01", "44162300001320000001")).isEqualTo("https://video.lianping.example/live?channel=44162300001320000001");
  }

  /** Verifies that a bad value is refused with its field's path. */
  @Test
  void badValueNamesTheField() {
    assertThatThrownBy(() -> loader.parse("database:\n  url: mysql://x\n", HubMain.ENV_PREFIX, Map.of(), HubConfig.class))
        .isInstanceOf(ConfigException.class).hasMessageContaining("database.url");
    assertThatThrownBy(() -> loader.parse("supervision:\n  reportingTime: 10ms\n", HubMain.ENV_PREFIX, Map.of(), HubConfig.class))
        .isInstanceOf(ConfigException.class).hasMessageContaining("supervision.reportingTime");
    assertThatThrownBy(() -> loader.parse("alarms:\n  escalation:\n    panic: {remindAfter: 2m, raiseAfter: 1m, notifyAfter: 3m}\n",
            HubMain.ENV_PREFIX, Map.of(), HubConfig.class))
        .isInstanceOf(ConfigException.class).hasMessageContaining("alarms.escalation");
    assertThatThrownBy(() -> loader.parse("htp:\n  port: 1\n", HubMain.ENV_PREFIX, Map.of(), HubConfig.class))
        .isInstanceOf(ConfigException.class).hasMessageContaining("htp");
  }

  /** Verifies that plaintext to a non-loopback county broker refuses to start naming mqtt.url, unless allowed. */
  @Test
  void plaintextToTheNetworkNeedsAllowPlaintext() {
    ConfigLoader loader = new ConfigLoader();
    String remote = "mqtt: {url: tcp://county.example:1883, user: hub, password: x}\n";
    assertThatThrownBy(() -> loader.parse(remote, "CG_HUB", Map.of(), HubConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("mqtt.url: ").hasMessageContaining("allowPlaintext: true");
    HubConfig allowed = loader.parse(remote.replace("x}", "x, allowPlaintext: true}"), "CG_HUB", Map.of(), HubConfig.class);
    assertThat(allowed.mqtt().plaintextWarning()).hasValueSatisfying(w -> assertThat(w).contains("allowPlaintext"));
    // control: TLS with the county CA, and the embedded broker with a TLS listener for the gateways
    HubConfig tls = loader.parse("mqtt: {url: 'ssl://county.example:8883', user: hub, password: x, tls: {caFile: /etc/cg/ca.pem}}\n",
        "CG_HUB", Map.of(), HubConfig.class);
    assertThat(tls.mqtt().plaintextWarning()).isEmpty();
    assertThat(tls.mqtt().toClient(tls.mqtt().url()).tls().caFile()).isEqualTo("/etc/cg/ca.pem");
    HubConfig listener = loader.parse("mqtt: {user: hub, password: x}\n"
            + "embedded: {brokerAccounts: /etc/cg/accounts, brokerTls: {certFile: /etc/cg/broker.pem, keyFile: /etc/cg/broker.key}}\n",
        "CG_HUB", Map.of(), HubConfig.class);
    assertThat(listener.embedded().brokerTls().port()).isEqualTo(8883);
    assertThatThrownBy(() -> loader.parse(
            "embedded: {brokerTls: {certFile: /etc/cg/broker.pem, keyFile: /etc/cg/broker.key, clientAuth: required}}\n", "CG_HUB", Map.of(), HubConfig.class))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("embedded.brokerTls.caFile");
  }

  /** Verifies that the notification channels are read from the notifications section and a bad one names its field. */
  @Test
  void notifyChannelsAndTheirErrors() {
    String yaml = """
        notifications:
          consoleUrl: https://hub.county.example/
          wecom: {key: abc}
          dingtalk: {accessToken: tok, secret: SECxyz}
          sms:
            url: https://sms.example/send
            bodyTemplate: '{"to":"${mobile}","text":"${text}"}'
            signature: {secret: s3}
          email: {host: smtp.county.example, from: hub@county.example}
        """;
    HubConfig c = loader.parse(yaml, HubMain.ENV_PREFIX, Map.of(), HubConfig.class);
    assertThat(c.notifications().wecom().url()).isEqualTo("https://qyapi.weixin.qq.com/cgi-bin/webhook/send");
    assertThat(c.notifications().dingtalk().secret()).isEqualTo("SECxyz");
    assertThat(c.notifications().sms().signature().header()).isEqualTo("X-Signature");
    assertThat(c.notifications().email().port()).isEqualTo(587);
    assertThat(c.notifications().alarmLink(7)).isEqualTo("https://hub.county.example/#/alarms/7");
    assertThat(HubConfig.defaults().notifications().wecom()).isNull();

    assertThatThrownBy(() -> loader.parse("notifications: {wecom: {url: https://x.example/}}\n", HubMain.ENV_PREFIX, Map.of(), HubConfig.class))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("notifications.wecom.key");
    assertThatThrownBy(() -> loader.parse("notifications: {sms: {url: https://x.example/, bodyTemplate: 'to=${mobile}'}}\n", HubMain.ENV_PREFIX, Map.of(), HubConfig.class))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("notifications.sms.bodyTemplate");
    assertThatThrownBy(() -> loader.parse("notifications: {sms: {url: https://x.example/, bodyTemplate: '${mobile}${text}', signature: {header: X}}}\n",
            HubMain.ENV_PREFIX, Map.of(), HubConfig.class))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("notifications.sms.signature.secret");
    assertThatThrownBy(() -> loader.parse("notifications: {email: {host: smtp.county.example, from: a@b, security: none}}\n", HubMain.ENV_PREFIX, Map.of(), HubConfig.class))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("notifications.email.security");
    assertThatThrownBy(() -> loader.parse("notifications: {attemptsPerChannel: 0}\n", HubMain.ENV_PREFIX, Map.of(), HubConfig.class))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("notifications.attemptsPerChannel");
  }

  /**
   * Verifies that the embedded county broker's TLS listener on a non-loopback address without accounts refuses to
   * start naming embedded.brokerAccounts: anyone reaching it could subscribe to county/# and forge commit acks.
   */
  @Test
  void openCountyListenerNeedsAccounts() {
    String open = "embedded: {brokerTls: {certFile: /etc/cg/broker.pem, keyFile: /etc/cg/broker.key}}\n";
    assertThatThrownBy(() -> loader.parse(open, "CG_HUB", Map.of(), HubConfig.class))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("embedded.brokerAccounts: required").hasMessageContaining("0.0.0.0");
    assertThatThrownBy(() -> loader.parse(open.replace("{certFile", "{bindAddress: 10.1.2.3, certFile"), "CG_HUB", Map.of(), HubConfig.class))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("embedded.brokerAccounts: required").hasMessageContaining("10.1.2.3");
    // control: on loopback (tests, a proxy in front) no accounts are needed; with accounts the open address starts
    assertThat(loader.parse(open.replace("{certFile", "{bindAddress: 127.0.0.1, certFile"), "CG_HUB", Map.of(), HubConfig.class)
        .embedded().brokerTls().bindAddress()).isEqualTo("127.0.0.1");
    assertThat(loader.parse("mqtt: {user: hub, password: x}\n" + open.replace("{brokerTls", "{brokerAccounts: /etc/cg/accounts, brokerTls"),
        "CG_HUB", Map.of(), HubConfig.class).embedded().brokerAccounts()).isEqualTo("/etc/cg/accounts");
  }

  /** Verifies that retention defaults to a week of changes and refuses a retention too short to be meant, naming the field. */
  @Test
  void retentionDefaultsAndLimits() {
    HubConfig c = loader.parse("", "CG_HUB", Map.of(), HubConfig.class);
    assertThat(c.retention().changes()).isEqualTo(Duration.ofDays(7));
    assertThat(loader.parse("retention: {auditLog: 730d}\n", "CG_HUB", Map.of(), HubConfig.class).retention().auditLog())
        .isEqualTo(Duration.ofDays(730));
    assertThatThrownBy(() -> loader.parse("retention: {auditLog: 1d}\n", "CG_HUB", Map.of(), HubConfig.class))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("retention.auditLog");
  }
}
