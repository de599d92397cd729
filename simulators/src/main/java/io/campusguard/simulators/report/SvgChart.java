package io.campusguard.simulators.report;

import java.util.List;
import java.util.Locale;

/**
 * A self-contained SVG line chart for the load-test report (no script, no external library, so the report
 * opens anywhere, offline): axes with a few ticks, one coloured line per series, a legend, and fault windows
 * shaded so a reader sees what happened when.
 */
public final class SvgChart {
  private static final String[] COLOURS = {"#0b3d91", "#d93025", "#188038", "#f2a600", "#6b21a8", "#0e7490"};
  private static final int W = 900;
  private static final int H = 260;
  private static final int LEFT = 60;
  private static final int RIGHT = 160;
  private static final int TOP = 28;
  private static final int BOTTOM = 34;

  private SvgChart() {}

  public static String lines(String title, String yUnit, List<Series> series, List<FaultWindow> faults) {
    double maxX = 1;
    double maxY = 1;
    for (Series s : series) {
      for (Series.Point p : s.points()) {
        maxX = Math.max(maxX, p.x());
        maxY = Math.max(maxY, p.y());
      }
    }
    maxY = niceCeiling(maxY);
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' viewBox='0 0 %d %d' role='img'>", W, H, W, H));
    svg.append("<title>").append(escape(title)).append("</title>");
    svg.append(String.format(Locale.ROOT, "<text x='%d' y='18' font-size='14' font-weight='bold'>%s</text>", LEFT, escape(title)));
    int plotW = W - LEFT - RIGHT;
    int plotH = H - TOP - BOTTOM;
    for (FaultWindow f : faults) {
      double x0 = LEFT + plotW * Math.max(0, f.startS()) / maxX;
      double x1 = LEFT + plotW * Math.min(maxX, f.endS()) / maxX;
      svg.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%d' width='%.1f' height='%d' fill='#fde2e0'><title>%s</title></rect>",
          x0, TOP, Math.max(2, x1 - x0), plotH, escape(f.kind() + " " + f.target())));
    }
    svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#333'/>", LEFT, TOP + plotH, LEFT + plotW, TOP + plotH));
    svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#333'/>", LEFT, TOP, LEFT, TOP + plotH));
    for (int i = 0; i <= 4; i++) {
      double v = maxY * i / 4;
      double y = TOP + plotH - plotH * i / 4.0;
      svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#e5e7eb'/>", LEFT, y, LEFT + plotW, y));
      svg.append(String.format(Locale.ROOT, "<text x='%d' y='%.1f' font-size='11' text-anchor='end'>%s</text>", LEFT - 6, y + 4, format(v)));
      double xv = maxX * i / 4;
      double x = LEFT + plotW * i / 4.0;
      svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' font-size='11' text-anchor='middle'>%ss</text>", x, H - 14, format(xv)));
    }
    svg.append(String.format(Locale.ROOT, "<text x='8' y='%d' font-size='11'>%s</text>", TOP - 6, escape(yUnit)));
    for (int s = 0; s < series.size(); s++) {
      Series line = series.get(s);
      String colour = COLOURS[s % COLOURS.length];
      StringBuilder pts = new StringBuilder();
      for (Series.Point p : line.points()) {
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + plotW * p.x() / maxX, TOP + plotH - plotH * Math.min(p.y(), maxY) / maxY));
      }
      svg.append(String.format(Locale.ROOT, "<polyline fill='none' stroke='%s' stroke-width='1.6' points='%s'/>", colour, pts.toString().trim()));
      int ly = TOP + 14 + 18 * s;
      svg.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='12' height='3' fill='%s'/>", W - RIGHT + 12, ly - 4, colour));
      svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' font-size='12'>%s</text>", W - RIGHT + 30, ly, escape(line.name())));
    }
    return svg.append("</svg>").toString();
  }

  static double niceCeiling(double v) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= v) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String format(double v) {
    return v >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace("\"", "&quot;");
  }
}
