package io.campusguard.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  record Broker(String url, Integer maxInflight) {
    Broker {
      url = url == null ? "embedded" : url;
      maxInflight = maxInflight == null ? 100 : maxInflight;
      if (url.isBlank()) {
        // named from the record's own name on, as some records do: the path must not say campusBroker twice
        throw new IllegalArgumentException("campusBroker.url: must not be blank");
      }
      if (maxInflight < 1) {
        throw new IllegalArgumentException("maxInflight: must be at least 1");
      }
    }
  }

  record Sample(String campusId, Broker campusBroker, Duration heartbeatInterval, List<String> endpoints) {
    Sample {
      if (campusId == null) {
        throw new IllegalArgumentException("campusId: required");
      }
      campusBroker = campusBroker == null ? new Broker(null, null) : campusBroker;
      heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(5) : heartbeatInterval;
      endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }
  }

  private final ConfigLoader loader = new ConfigLoader();

  /** Verifies that a file binds with defaults for what it leaves out, and human durations parse. */
  @Test
  void bindsWithDefaults() {
    Sample s = loader.parse("campusId: LP-017\nheartbeatInterval: 500ms\n", "CG_GW", Map.of(), Sample.class);

    assertThat(s.campusId()).isEqualTo("LP-017");
    assertThat(s.heartbeatInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(s.campusBroker().url()).isEqualTo("embedded");
  }

  /**
   * Verifies that a file still marked as the shipped example is refused, naming each placeholder and whether it
   * is still in a value, and that the same file loads once the marker line is deleted.
   */
  @Test
  void refusesTheShippedExampleUntilItsPlaceholdersAreReplaced() {
    String example =
        "# replace LP-017 and county.example, then delete the next line\n"
            + "placeholders: [LP-017, county.example, 192.168.10.2]\n"
            + "campusId: LP-017\ncampusBroker: { url: 'ssl://county.example:8883' }\nendpoints: [LP-017-PB-01, 192.168.10.20]\n";

    assertThatThrownBy(() -> loader.parse(example, "CG_GW", Map.of(), Sample.class))
        .isInstanceOf(ConfigException.class)
        .hasMessage("placeholders: this is still the shipped example; replace its placeholders with this site's values: "
            + "LP-017 (still in 2 values), county.example (still in 1 value), 192.168.10.2 (replaced); "
            + "then delete the line `placeholders: …`");
    // control: the same text without the marker line loads (the values themselves are not refused)
    assertThat(loader.parse(example.replaceFirst("placeholders: .*\n", ""), "CG_GW", Map.of(), Sample.class).campusId())
        .isEqualTo("LP-017");
  }

  /** Verifies that environment variables override nested fields, with or without underscores between words. */
  @Test
  void environmentOverrides() {
    Sample s =
        loader.parse(
            "campusId: LP-017\ncampusBroker:\n  url: tcp://a:1883\n",
            "CG_GW",
            Map.of("CG_GW_CAMPUS_BROKER_URL", "tcp://b:1883", "CG_GW_CAMPUSBROKER_MAXINFLIGHT", "7", "OTHER", "x"),
            Sample.class);

    assertThat(s.campusBroker()).isEqualTo(new Broker("tcp://b:1883", 7));
  }

  /** Verifies that every kind of bad config names its field. */
  @Test
  void badConfigNamesTheField() {
    assertThatThrownBy(() -> loader.parse("heartbeatInterval: 5s", "CG_GW", Map.of(), Sample.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("campusId: required");
    assertThatThrownBy(() -> loader.parse("campusId: A\ncampusBroker:\n  urll: x", "CG_GW", Map.of(), Sample.class))
        .hasMessageStartingWith("campusBroker.urll: unknown field");
    assertThatThrownBy(() -> loader.parse("campusId: A\ncampusBroker:\n  maxInflight: 0", "CG_GW", Map.of(), Sample.class))
        .hasMessageStartingWith("campusBroker.maxInflight: must be at least 1");
    assertThatThrownBy(() -> loader.parse("campusId: A\ncampusBroker:\n  url: ''", "CG_GW", Map.of(), Sample.class))
        .hasMessageStartingWith("campusBroker.url: must not be blank");
    assertThatThrownBy(() -> loader.parse("campusId: A\ncampusBroker:\n  maxInflight: lots", "CG_GW", Map.of(), Sample.class))
        .hasMessageStartingWith("campusBroker.maxInflight:");
    assertThatThrownBy(() -> loader.parse("campusId: A\nheartbeatInterval: 5", "CG_GW", Map.of(), Sample.class))
        .hasMessageStartingWith("heartbeatInterval:");
    assertThatThrownBy(() -> loader.parse("campusId: A\nheartbeatInterval: soon", "CG_GW", Map.of(), Sample.class))
        .hasMessageStartingWith("heartbeatInterval:");
    assertThatThrownBy(() -> loader.parse("campusId: [", "CG_GW", Map.of(), Sample.class))
        .hasMessageStartingWith("config: not valid YAML");
    assertThatThrownBy(() -> loader.parse("campusId: A", "CG_GW", Map.of("CG_GW_CAMPUS_BROKR_URL", "x"), Sample.class))
        .hasMessageStartingWith("CG_GW_CAMPUS_BROKR_URL: names no field");
    assertThatThrownBy(() -> loader.parse("campusId: A", "CG_GW", Map.of("CG_GW_ENDPOINTS", "x"), Sample.class))
        .hasMessageContaining("cannot be set from the environment");
  }
}
