package io.campusguard.simulators.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes a load test's {@code report.json} and a self-contained {@code report.html} with its charts. */
public final class ReportWriter {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportWriter() {}

  public static void write(LoadReport report, Path dir) throws IOException {
    Files.createDirectories(dir);
    JSON.writeValue(dir.resolve("report.json").toFile(), report);
    Files.writeString(dir.resolve("report.html"), html(report), StandardCharsets.UTF_8);
  }

  static String html(LoadReport r) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>CampusGuard load test</title>")
        .append("<style>body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;margin:24px;color:#1f2328}")
        .append("table{border-collapse:collapse}td,th{border:1px solid #e5e7eb;padding:4px 10px;text-align:right}")
        .append("th{text-align:left;background:#f6f7f9}.pass{color:#188038}.fail{color:#d93025}</style></head><body>");
    h.append("<h1>CampusGuard load test: ").append(SvgChart.escape(r.scenario())).append("</h1>");
    h.append("<p>Started ").append(SvgChart.escape(r.startedAt())).append(", ").append(fmt(r.durationS())).append(" s at ")
        .append(fmt(r.loadMultiple())).append("× county load. Verdict: ")
        .append(r.verdict().passed() ? "<b class='pass'>passed</b>" : "<b class='fail'>failed</b>").append("</p>");
    if (!r.verdict().failures().isEmpty()) {
      h.append("<ul>");
      r.verdict().failures().forEach(f -> h.append("<li class='fail'>").append(SvgChart.escape(f)).append("</li>"));
      h.append("</ul>");
    }
    var c = r.counts();
    h.append("<table><tr><th>sent</th><th>committed</th><th>still in an outbox</th><th>lost</th><th>duplicates</th><th>out of order</th><th>throughput /s</th>")
        .append("<th>hub commits, all kinds</th><th>hub commits /s</th></tr><tr>")
        .append(td(c.sent())).append(td(c.committed())).append(td(c.stillInOutbox())).append(td(c.lost())).append(td(c.duplicates())).append(td(c.outOfOrder()))
        .append(td(fmt(r.throughputPerS()))).append(td(c.hubCommittedAllKinds())).append(td(fmt(c.hubCommittedAllKinds() / Math.max(1, r.durationS()))))
        .append("</tr></table>");
    var d = r.drain();
    h.append("<p>Sent: publishes acknowledged to a device. Still in an outbox: acknowledged, not committed when the drain ended, ")
        .append("but held by a gateway's outbox (late, not lost). Lost: neither committed nor in any outbox.</p>");
    h.append("<p>Drain after the load stopped: ").append(fmt(d.seconds())).append(" s (limit ").append(d.limitS()).append(" s), ended: ")
        .append(SvgChart.escape(d.endedBy())).append("; events of any kind left in the outboxes: ").append(d.eventsLeftInOutboxes()).append(".</p>");
    var o = r.opcua();
    h.append("<h2>Canteen readings over OPC UA</h2><table><tr><th>served</th><th>promised</th><th>committed</th><th>excused</th><th>still in an outbox</th><th>lost</th><th>duplicates</th></tr><tr>")
        .append(td(o.served())).append(td(o.promised())).append(td(o.committed())).append(td(o.excused())).append(td(o.stillInOutbox())).append(td(o.lost()))
        .append(td(o.duplicates()))
        .append("</tr></table><p>Promised: held long enough to be sampled and outside faults that cut the gateway off its PLC (OPC UA restart, gateway kill).</p>");
    h.append("<h2>Alarm latency (ms)</h2><table><tr><th></th><th>p50</th><th>p95</th><th>p99</th><th>max</th><th>samples</th></tr>")
        .append(latencyRow("device → hub commit", r.alarmCommitLatencyMs()))
        .append(latencyRow("device → hub commit, outside fault windows", r.alarmCommitLatencyOutsideFaultsMs()))
        .append(latencyRow("device → console (SSE)", r.alarmSseLatencyMs()))
        .append(latencyRow("raw broker baseline", r.baseline().rawBrokerLatencyMs()))
        .append("</table>");
    h.append("<p>Raw broker baseline: ").append(fmt(r.baseline().rawBrokerRatePerS())).append(" msg/s; this run's throughput is ")
        .append(fmt(r.baseline().ratioToRawBroker())).append("× that.</p>");
    h.append("<h2>Faults</h2><table><tr><th>fault</th><th>target</th><th>from (s)</th><th>to (s)</th></tr>");
    for (FaultWindow f : r.faults()) {
      h.append("<tr><td>").append(SvgChart.escape(f.kind())).append("</td><td>").append(SvgChart.escape(f.target())).append("</td>")
          .append(td(fmt(f.startS()))).append(td(fmt(f.endS()))).append("</tr>");
    }
    h.append("</table>");
    h.append("<h2>Charts</h2>");
    h.append(SvgChart.lines("Throughput (events/s committed)", "events/s", r.charts().throughput(), r.faults()));
    h.append(SvgChart.lines("Alarm latency, device to hub commit", "ms", r.charts().alarmLatency(), r.faults()));
    h.append(SvgChart.lines("Gateway outbox depth per lane (all campuses)", "events", r.charts().outboxDepth(), r.faults()));
    h.append(linkStrips(r.charts().links(), r.durationS()));
    return h.append("</body></html>").toString();
  }

  /** One row per campus, green while its link is up and red while lost. */
  static String linkStrips(List<LoadReport.LinkStrip> strips, double durationS) {
    int w = 900;
    int rowH = 6;
    int left = 70;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d'>", w, 30 + rowH * strips.size()));
    svg.append("<text x='70' y='18' font-size='14' font-weight='bold'>Campus link state (green up, red lost)</text>");
    double scale = (w - left - 10) / Math.max(1, durationS);
    for (int i = 0; i < strips.size(); i++) {
      LoadReport.LinkStrip s = strips.get(i);
      int y = 26 + i * rowH;
      if (i % 10 == 0) {
        svg.append(String.format(Locale.ROOT, "<text x='2' y='%d' font-size='8'>%s</text>", y + rowH, SvgChart.escape(s.campus())));
      }
      List<LoadReport.LinkChange> ch = s.changes();
      for (int k = 0; k < ch.size(); k++) {
        double from = ch.get(k).atS();
        double to = k + 1 < ch.size() ? ch.get(k + 1).atS() : durationS;
        String colour = "up".equals(ch.get(k).state()) ? "#188038" : "lost".equals(ch.get(k).state()) ? "#d93025" : "#9ca3af";
        svg.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%d' width='%.1f' height='%d' fill='%s'/>", left + from * scale, y, Math.max(0.5, (to - from) * scale), rowH - 1, colour));
      }
    }
    return svg.append("</svg>").toString();
  }

  private static String latencyRow(String name, LatencyStats.Latency l) {
    return "<tr><th>" + SvgChart.escape(name) + "</th>" + td(l.p50()) + td(l.p95()) + td(l.p99()) + td(l.max()) + td(l.samples()) + "</tr>";
  }

  private static String td(Object v) {
    return "<td>" + v + "</td>";
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.2f", v);
  }
}
