package io.campusguard.simulators.report;

import java.util.List;

/** One line of a chart: a name and its points (x in seconds since the run started). */
public record Series(String name, List<Point> points) {
  public Series {
    points = List.copyOf(points);
  }

  public record Point(double x, double y) {}
}
