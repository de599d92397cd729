package io.campusguard.distribution.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.campusguard.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Prometheus alerting rules pass Debian's {@code promtool} (syntax and PromQL, then the unit tests
 * beside them), every alert has a case that fires it, and each carries what an operator needs in both languages.
 */
@Timeout(120)
class AlertingRulesTest {
  static final List<String> ANNOTATIONS = List.of("summary_zh", "summary", "description_zh", "description", "runbook_zh", "runbook");

  @TempDir Path dir;

  /** Verifies that {@code promtool check rules} accepts the rules file. */
  @Test
  void promtoolChecksTheRules() throws Exception {
    Result r = promtool("check", "rules", AlertingRules.RULES.toString());
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS: " + AlertingRules.alerts().size() + " rules found");
  }

  /** Verifies that the example scrape config is valid and loads the rules (promtool checks the rule file it names too). */
  @Test
  void promtoolChecksTheExampleScrapeConfig() throws Exception {
    Result r = promtool("check", "config", AlertingRules.FOLDER.resolve("prometheus.example.yml").toString());
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS: 1 rule files found", "SUCCESS: " + AlertingRules.alerts().size() + " rules found");
  }

  /** Verifies that a rule with a broken expression is refused: the check above can fail. */
  @Test
  void promtoolRefusesABrokenRule() throws Exception {
    Path broken = dir.resolve("broken.yml");
    Files.writeString(broken, Files.readString(AlertingRules.RULES).replaceFirst("expr: ", "expr: sum("));
    assertThat(Files.readString(broken)).isNotEqualTo(Files.readString(AlertingRules.RULES));
    Result r = promtool("check", "rules", broken.toString());
    assertThat(r.exit()).as(r.output()).isNotZero();
  }

  /** Verifies that {@code promtool test rules} passes: each alert fires on its series and stays silent on the others. */
  @Test
  void promtoolUnitTestsPass() throws Exception {
    Result r = promtool("test", "rules", AlertingRules.RULE_TESTS.toString());
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS");
  }

  /** Verifies that every alert has a unit-test case where it fires, and one (exp_alerts: []) where it must stay silent. */
  @Test
  void everyAlertIsTestedFiringAndSilent() {
    Set<String> alerts = new TreeSet<>();
    AlertingRules.alerts().forEach(a -> alerts.add(a.path("alert").asText()));
    Set<String> fired = new TreeSet<>();
    Set<String> silent = new TreeSet<>();
    for (JsonNode test : AlertingRules.read(AlertingRules.RULE_TESTS).path("tests")) {
      for (JsonNode c : test.path("alert_rule_test")) {
        (c.path("exp_alerts").isEmpty() ? silent : fired).add(c.path("alertname").asText());
      }
    }
    assertThat(alerts).hasSizeGreaterThan(20);
    assertThat(fired).as("alerts with a firing case").containsAll(alerts);
    assertThat(silent).as("alerts with a silent case").containsAll(alerts);
  }

  /** Verifies that every alert has a severity the routing knows and all six annotations, Chinese first. */
  @Test
  void everyAlertHasSeverityAndBothLanguages() {
    for (JsonNode alert : AlertingRules.alerts()) {
      String name = alert.path("alert").asText();
      assertThat(alert.path("labels").path("severity").asText()).as(name).isIn("critical", "warning");
      assertThat(alert.path("labels").path("component").asText()).as(name).isNotBlank();
      List<String> present = new java.util.ArrayList<>();
      alert.path("annotations").fieldNames().forEachRemaining(present::add);
      assertThat(present).as(name).containsExactlyElementsOf(ANNOTATIONS);
      for (String zh : List.of("summary_zh", "description_zh", "runbook_zh")) {
        assertThat(alert.path("annotations").path(zh).asText()).as(name + " " + zh).containsPattern("\\p{IsHan}");
      }
    }
  }

  record Result(int exit, String output) {}

  static Result promtool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(TestServices.promtool()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }
}
