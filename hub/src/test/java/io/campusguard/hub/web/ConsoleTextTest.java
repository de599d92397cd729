package io.campusguard.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    collect(text("/webroot/index.html"), Pattern.compile("data-i18n=\"([a-zA-Z0-9_.]+)\""), used);
    collect(text("/webroot/app.js"), Pattern.compile("\\bt\\('([a-zA-Z0-9_.]+)'\\s*[,)]"), used);
    assertThat(used).hasSizeGreaterThan(40);
    assertThat(zh).containsAll(used);
  }

  /** Verifies that every alarm type the hub or gateway raises has a name in both languages. */
  @Test
  void everyAlarmTypeHasAName() throws IOException {
    Set<String> zh = keys("/webroot/i18n/zh-CN.json");
    for (String type : new String[] {"panic", "link_lost", "cold_store_high", "freezer_high", "gas_high", "device_offline", "parent_offline", "data_lost", "video_loss", "camera_offline"}) {
      assertThat(zh).contains("type." + type);
    }
    assertThat(zh).contains("procedure.panic", "procedure.default");
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
