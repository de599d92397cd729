package io.campusguard.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.campusguard.devices.AlarmTypes;
import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import io.campusguard.devices.body.LocalAlarm;
import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.gateway.support.DevicePublisher;
import io.campusguard.runtime.config.ConfigException;
import io.campusguard.runtime.config.ConfigLoader;
import io.campusguard.testing.TestServices;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Device profiles set by the county in the gateway's YAML, end to end: a device's reading, the gateway's own rules, its outbox. */
@Timeout(90)
class GatewayProfilesTest {
  @TempDir Path dir;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final ExecutorService loop = Executors.newSingleThreadExecutor();
  private CampusGateway gateway;

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    scheduler.shutdownNow();
    loop.shutdownNow();
  }

  /**
   * Verifies that a profile override changes when an alarm is raised: at 7 °C the county default (above 8 °C for
   * 10 minutes) raises nothing, the type's override (above 6 °C at once) raises cold_store_high, and one device's
   * own override (above 9 °C) keeps it quiet.
   */
  @Test
  void aProfileOverrideChangesWhenTheAlarmIsRaised() throws Exception {
    String campus = "T-" + Long.toHexString(System.nanoTime());
    GatewayConfig config = parse(campus, String.join("\n",
        "profiles:",
        "  cold_store_sensor:",
        "    thresholds:",
        "      - { alarmType: cold_store_high, direction: above, raiseAt: 6, clearAt: 5, raiseAfter: 0s, clearAfter: 1m }",
        "devices:",
        "  - { id: " + campus + "-CS-01, type: cold_store_sensor }",
        "  - { id: " + campus + "-CS-02, type: cold_store_sensor, profile: { thresholds: [ { alarmType: cold_store_high, direction: above, raiseAt: 9, raiseAfter: 0s } ] } }",
        "  - { id: " + campus + "-FZ-01, type: freezer_sensor }"));
    gateway = CampusGateway.start(config, Clock.systemUTC(), loop, scheduler);
    await().atMost(Duration.ofSeconds(30)).until(() -> gateway.campusState() == ConnectorState.UP);

    try (DevicePublisher devices = new DevicePublisher(TestServices.mqttUrl(), TestServices.mqttUser(), TestServices.mqttPassword(), campus)) {
      devices.publish(campus + "-CS-01", CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, 7.0));
      devices.publish(campus + "-CS-02", CanteenReading.of(CanteenReading.Quantity.COLD_STORE_TEMPERATURE, 7.0));
      // control: the default freezer profile (above -15 °C for 10 minutes) is untouched
      devices.publish(campus + "-FZ-01", CanteenReading.of(CanteenReading.Quantity.FREEZER_TEMPERATURE, -5.0));
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> stored().size() == 4); // three readings and one alarm

    List<EventEnvelope> alarms = stored().stream().filter(e -> e.body() instanceof LocalAlarm).toList();
    assertThat(alarms).singleElement().satisfies(e -> {
      assertThat(e.device()).isEqualTo(campus + "-CS-01");
      assertThat(((LocalAlarm) e.body()).type()).isEqualTo(AlarmTypes.COLD_STORE_HIGH);
      assertThat(((LocalAlarm) e.body()).transition()).isEqualTo(LocalAlarm.Transition.RAISED);
    });
  }

  /** Verifies that a bad profile refuses the config, naming the field. */
  @Test
  void aBadProfileRefusesToStartNamingTheField() {
    String campus = "T-" + Long.toHexString(System.nanoTime());
    assertThatThrownBy(() -> parse(campus, String.join("\n",
        "profiles:",
        "  cold_store_sensor:",
        "    thresholds:",
        "      - { alarmType: cold_store_high, direction: above, raiseAt: 6, clearAt: 9 }")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("profiles.cold_store_sensor.thresholds[0].clearAt");
    assertThatThrownBy(() -> parse(campus, "profiles: { cold_storage: { reportingInterval: 30s } }"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("profiles.cold_storage").hasMessageContaining("cold_store_sensor");
    assertThatThrownBy(() -> parse(campus, "profiles: { panic_button: { missedReportsAllowed: 0 } }"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("profiles.panic_button.missedReportsAllowed");
    assertThatThrownBy(() -> parse(campus, String.join("\n",
        "devices:",
        "  - { id: " + campus + "-CS-01, type: cold_store_sensor, profile: { reportingInterval: 0s } }")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("devices[0].profile.reportingInterval");
  }

  private List<EventEnvelope> stored() throws Exception {
    return new ArrayList<>(gateway.outbox().next(Map.of(), 100).get(5, TimeUnit.SECONDS));
  }

  private GatewayConfig parse(String campus, String more) {
    String url = TestServices.mqttUrl();
    String yaml = String.join("\n",
        "campus: " + campus,
        "campusBroker: { url: \"" + url + "\", username: " + TestServices.mqttUser() + ", password: " + TestServices.mqttPassword() + " }",
        "countyBroker: { url: \"" + url + "\", username: " + TestServices.mqttUser() + ", password: " + TestServices.mqttPassword() + " }",
        "outbox: { file: \"" + dir.resolve(campus + ".db") + "\" }",
        more,
        "");
    return new ConfigLoader().parse(yaml, GatewayConfig.ENV_PREFIX, Map.of(), GatewayConfig.class);
  }
}
