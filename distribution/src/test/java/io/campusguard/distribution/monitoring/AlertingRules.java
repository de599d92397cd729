package io.campusguard.distribution.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shipped alerting rules ({@code distribution/src/dist/prometheus}), read as data: their alerts and the metric
 * selectors their expressions use. The tests run in the distribution module's folder.
 */
final class AlertingRules {
  static final Path FOLDER = Path.of("src", "dist", "prometheus");
  static final Path RULES = FOLDER.resolve("campusguard-rules.yml");
  static final Path RULE_TESTS = FOLDER.resolve("campusguard-rules.test.yml");

  /** A metric selector in an expression: its name and its label matchers ({@code lane="P0"}, {@code lane=~"P1|P2"}). */
  record Selector(String metric, Map<String, String> equal, List<String> matched) {}

  // cg_ names with an optional {…}; the label list holds no braces in our rules.
  private static final Pattern SELECTOR = Pattern.compile("\\b(cg_[a-z0-9_]+|up)\\b(\\{([^}]*)\\})?");
  private static final Pattern MATCHER = Pattern.compile("([a-z_]+)\\s*(=~|!=|!~|=)\\s*\"([^\"]*)\"");

  private AlertingRules() {}

  static JsonNode read(Path file) {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Every alerting rule of every group. */
  static List<JsonNode> alerts() {
    List<JsonNode> alerts = new ArrayList<>();
    for (JsonNode group : read(RULES).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        if (rule.has("alert")) {
          alerts.add(rule);
        }
      }
    }
    return alerts;
  }

  /** The selectors of one PromQL expression, in order. */
  static List<Selector> selectors(String expr) {
    List<Selector> found = new ArrayList<>();
    Matcher m = SELECTOR.matcher(expr);
    while (m.find()) {
      Map<String, String> equal = new LinkedHashMap<>();
      List<String> matched = new ArrayList<>();
      if (m.group(3) != null) {
        Matcher l = MATCHER.matcher(m.group(3));
        while (l.find()) {
          if (l.group(2).equals("=")) {
            equal.put(l.group(1), l.group(3));
          } else {
            matched.add(l.group(1));
          }
        }
      }
      found.add(new Selector(m.group(1), equal, matched));
    }
    return found;
  }
}
