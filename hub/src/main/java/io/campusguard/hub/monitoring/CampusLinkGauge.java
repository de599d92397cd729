package io.campusguard.hub.monitoring;

import io.campusguard.hub.supervision.LinkSupervisor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cg_campus_link_up{campus}}: 1 while a campus's gateway is heard from, 0 once its link is lost, so an alert
 * names the campus. The supervisor is not thread-safe, so the rows are copied on its own context
 * ({@link #refresh}, called on a timer there) and the scrape reads the copy.
 */
public final class CampusLinkGauge {
  public static final String NAME = "cg_campus_link_up";

  private final MultiGauge gauge;

  public CampusLinkGauge(MeterRegistry registry) {
    this.gauge = MultiGauge.builder(NAME).description("1 while the campus's gateway is heard from, 0 once its link is lost")
        .register(registry);
  }

  /** Copies every supervised campus's state into the gauge; campuses no longer supervised disappear. */
  public void refresh(LinkSupervisor supervisor) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (String campus : supervisor.campuses()) {
      rows.add(MultiGauge.Row.of(Tags.of("campus", campus), supervisor.isLost(campus) ? 0 : 1));
    }
    gauge.register(rows, true);
  }
}
