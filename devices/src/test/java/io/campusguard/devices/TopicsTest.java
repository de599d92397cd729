package io.campusguard.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

  /** Verifies that a built device topic parses back to the same campus, kind and device. */
  @Test
  void deviceTopicsRoundTrip() {
    for (EventKind kind : EventKind.values()) {
      if (!kind.isDeviceKind()) {
        assertThatThrownBy(() -> Topics.campusDevice("LP-017", kind, "X1")).isInstanceOf(IllegalArgumentException.class);
        continue;
      }
      String topic = Topics.campusDevice("LP-017", kind, "LP-017-X-1");
      assertThat(Topics.parseCampus(topic).orElseThrow()).isEqualTo(new Topics.CampusTopic("LP-017", kind, "LP-017-X-1"));
    }
  }

  /** Verifies the county topics, both directions, and the hub's shared subscription filter. */
  @Test
  void countyTopicsRoundTrip() {
    for (Topics.CountyChannel ch : Topics.CountyChannel.values()) {
      String topic = Topics.county("LP-017", ch);
      assertThat(topic).isEqualTo("county/LP-017/" + ch.wireName());
      assertThat(Topics.parseCounty(topic).orElseThrow()).isEqualTo(new Topics.CountyTopic("LP-017", ch));
    }
    assertThat(Topics.countySharedFilter("hub", Topics.CountyChannel.EVENTS)).isEqualTo("$share/hub/county/+/events");
    assertThat(Topics.campusFilter("LP-017")).isEqualTo("campus/LP-017/#");
  }

  /** Verifies that no id can put a wildcard, separator or control character into a topic. */
  @ParameterizedTest
  @ValueSource(strings = {"a/b", "+", "#", "a\u0000b", "..", "a b", "", "-lead", "é"})
  void refusesUnsafeIdsWhenBuilding(String id) {
    assertThatThrownBy(() -> Topics.campusDevice(id, EventKind.PANIC, "PB1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("campus");
    assertThatThrownBy(() -> Topics.campusDevice("LP-017", EventKind.PANIC, id))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("device");
    assertThatThrownBy(() -> Topics.county(id, Topics.CountyChannel.ACK)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Verifies that malformed county topics are refused with a named field. */
  @ParameterizedTest
  @ValueSource(strings = {"county/LP-017", "county/LP-017/events/x", "county/+/events", "county/LP-017/eventz", "campus/LP-017/events", "", "county//events"})
  void refusesMalformedCountyTopics(String topic) {
    var parsed = Topics.parseCounty(topic);
    assertThat(parsed.isOk()).isFalse();
    assertThat(parsed.rejection().field()).startsWith("topic");
  }

  /** Verifies the id allow-list at its edges: 64 characters pass, 65 do not. */
  @Test
  void idLengthLimit() {
    assertThat(Ids.isValid("A".repeat(64))).isTrue();
    assertThat(Ids.isValid("A".repeat(65))).isFalse();
    assertThat(Ids.isValid(null)).isFalse();
  }
}
