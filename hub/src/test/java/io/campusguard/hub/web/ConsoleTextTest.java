package io.campusguard.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campusguard.devices.AlarmTypes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The console's words live in resource files: both languages have every key the pages and script use. */
class ConsoleTextTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Verifies that Chinese and English have the same keys, and every literal key used in the page exists. */
  @Test
  void bothLanguagesHaveEveryKey() throws IOException {
    Set<String> zh = keys("/webroot/i18n/zh-CN.json");
    Set<String> en = keys("/webroot/i18n/en.json");
    assertThat(zh).isEqualTo(en).isNotEmpty();

    Set<String> used = new HashSet<>();
    String page = text("/webroot/index.html");
    collect(page, Pattern.compile("data-i18n=\"([a-zA-Z0-9_.]+)\""), used);
    // every script the page loads
    Set<String> scripts = new HashSet<>();
    collect(page, Pattern.compile("<script src=\"/console/([a-z-]+\\.js)\""), scripts);
    assertThat(scripts).contains("app.js", "campus.js", "procedures.js");
    for (String script : scripts) {
      collect(text("/webroot/" + script), Pattern.compile("\\bt\\('([a-zA-Z0-9_.]+)'\\s*[,)]"), used);
    }
    assertThat(used).hasSizeGreaterThan(40);
    assertThat(zh).containsAll(used);
  }

  /** Verifies that every alarm type the hub or gateway raises has a name in both languages. */
  @Test
  void everyAlarmTypeHasAName() throws IOException {
    Set<String> zh = keys("/webroot/i18n/zh-CN.json");
    for (String type : new String[] {AlarmTypes.PANIC, AlarmTypes.LINK_LOST, AlarmTypes.COLD_STORE_HIGH, AlarmTypes.FREEZER_HIGH, AlarmTypes.GAS_HIGH,
        AlarmTypes.DEVICE_OFFLINE, AlarmTypes.PARENT_OFFLINE, AlarmTypes.DATA_LOST, AlarmTypes.VIDEO_LOSS, AlarmTypes.CAMERA_OFFLINE}) {
      assertThat(zh).contains("type." + type);
    }
    // procedures are the hub's (editable, in PostgreSQL), not the language files'
    assertThat(zh).noneMatch(k -> k.startsWith("procedure."));
  }

  /** Verifies that the words the pages build from wire values (gateway states, panic actions, alarm history) exist. */
  @Test
  void wireValuesShownOnTheCampusPageHaveWords() throws IOException {
    Set<String> zh = keys("/webroot/i18n/zh-CN.json");
    for (var s : io.campusguard.devices.body.GatewayHealth.State.values()) {
      assertThat(zh).contains("gateway." + io.campusguard.devices.WireNames.of(s));
    }
    for (var a : io.campusguard.devices.body.PanicEvent.Action.values()) {
      assertThat(zh).contains("timeline.panic." + io.campusguard.devices.WireNames.of(a));
    }
    for (String action : new String[] {"opened", "repeated", "acknowledged", "assigned", "resolved", "source_cleared", "escalated"}) {
      assertThat(zh).contains("history." + action);
    }
  }

  private static void collect(String text, Pattern p, Set<String> into) {
    Matcher m = p.matcher(text);
    while (m.find()) {
      into.add(m.group(1));
    }
  }

  private static Set<String> keys(String resource) throws IOException {
    JsonNode node = JSON.readTree(text(resource));
    Set<String> out = new HashSet<>();
    Iterator<String> it = node.fieldNames();
    it.forEachRemaining(out::add);
    return out;
  }

  private static String text(String resource) throws IOException {
    try (InputStream in = ConsoleTextTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
