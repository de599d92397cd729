package io.campusguard.hub.monitoring;

import io.campusguard.runtime.tls.CertificateInUse;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;

/** The hub's meters for what the county's alerting rules watch beyond ingest: certificates and dependencies. */
public final class HubMonitoringMeters {
  public static final String CERTIFICATE_EXPIRY = "cg_tls_certificate_expiry_seconds";
  public static final String DEPENDENCY_UP = "cg_dependency_up";

  private HubMonitoringMeters() {}

  /** One gauge per certificate: seconds until it expires (negative once expired), read from the clock on scrape. */
  public static void bindCertificates(MeterRegistry registry, List<CertificateInUse> certificates, Clock clock) {
    for (CertificateInUse c : certificates) {
      // A supplier, held strongly: a gauge on the record itself would hold it weakly and read NaN once it is collected.
      Gauge.builder(CERTIFICATE_EXPIRY, () -> c.remaining(clock.instant()).toSeconds())
          .tags("link", c.link(), "role", c.role(), "subject", c.subject())
          .description("seconds until a TLS certificate the hub presents or trusts expires").register(registry);
    }
  }

  /** 1 when the dependency answered its last check, else 0. */
  public static void bindDependency(MeterRegistry registry, DependencyCheck check) {
    Gauge.builder(DEPENDENCY_UP, check, c -> c.up() ? 1 : 0).tags("dependency", check.name())
        .description("1 when the service answered the hub's last check (every 10 s), else 0").register(registry);
  }
}
