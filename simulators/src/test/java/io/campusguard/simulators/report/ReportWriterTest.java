package io.campusguard.simulators.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

  /** Verifies that the JSON carries the fields the issue asks for, and the HTML has its four charts. */
  @Test
  void writesJsonAndSelfContainedHtml(@TempDir Path dir) throws Exception {
    LatencyStats commit = new LatencyStats(10);
    for (int i = 0; i < 1_000; i++) {
      commit.record(i * 0.1, 20 + i % 100);
    }
    List<Series.Point> tput = new ArrayList<>();
    for (int s = 0; s < 100; s++) {
      tput.add(new Series.Point(s, 500 + (s > 40 && s < 60 ? -500 : 0)));
    }
    List<FaultWindow> faults = List.of(new FaultWindow("hub_outage", "hub", 40, 60), new FaultWindow("gateway_kill", "LP-017", 70, 75));
    LoadReport report =
        new LoadReport(
            "county x10 <test>", "2026-11-28T08:00:00Z", 100, 10,
            new LoadReport.Counts(50_000, 49_990, 0, 0, 0, 120_000, 10),
            new LoadReport.DrainSummary(42, "every gateway outbox empty", 180, 10),
            new LoadReport.OpcUaCounts(900, 850, 870, 30, 0, 0, 0), 500,
            commit.summary(), commit.summary(), commit.summary(),
            new LoadReport.Baseline(16_000, new LatencyStats.Latency(1, 2, 3, 9, 1000), 500 / 16_000.0),
            faults,
            new LoadReport.Charts(
                List.of(new Series("committed", tput)), commit.overTime(), List.of(new Series("P0", tput)),
                List.of(new LoadReport.LinkStrip("LP-017", List.of(new LoadReport.LinkChange(0, "up"), new LoadReport.LinkChange(70, "lost"), new LoadReport.LinkChange(80, "up"))))),
            new LoadReport.Verdict(true, List.of()));

    ReportWriter.write(report, dir);

    JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    for (String field : List.of("sent", "committed", "lost", "duplicates", "outOfOrder", "hubCommittedAllKinds", "stillInOutbox")) {
      assertThat(json.path("counts").has(field)).as(field).isTrue();
    }
    assertThat(json.path("opcua").path("promised").asLong()).isEqualTo(850);
    assertThat(json.path("drain").path("seconds").asDouble()).isEqualTo(42);
    assertThat(json.path("drain").path("endedBy").asText()).isEqualTo("every gateway outbox empty");
    assertThat(json.path("alarmCommitLatencyMs").path("p99").asLong()).isBetween(110L, 120L);
    assertThat(json.path("baseline").path("rawBrokerRatePerS").asDouble()).isEqualTo(16_000);
    assertThat(json.path("faults")).hasSize(2);
    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html).contains("still in an outbox").contains("42.00 s (limit 180 s)");
    assertThat(html).contains("county x10 &lt;test&gt;").doesNotContain("<script").doesNotContain("http://cdn");
    assertThat(html.split("<svg ", -1)).hasSize(5);
  }
}
