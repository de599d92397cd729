package io.campusguard.hub.replacement;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The transparent replacement score (0–100, higher = replace sooner): a weighted sum of four factors, each
 * 0–1, each reported with its points. Age counts against the category's service life (full marks at 1.5×
 * the life); health is 1 − health score; failures and repairs saturate at {@link #FAILURES_SATURATE};
 * criticality is classes a week over {@link #BUSIEST_CLASSES_PER_WEEK}. An asset is <em>at risk</em> when it is
 * past its service life or its health is below {@link #POOR_HEALTH}.
 */
public record ReplacementPolicy(double ageWeight, double healthWeight, double failureWeight, double criticalityWeight) {
  public static final ReplacementPolicy DEFAULT = new ReplacementPolicy(0.40, 0.35, 0.15, 0.10);
  public static final int POOR_HEALTH = 50;
  public static final double FAILURES_SATURATE = 20;
  public static final double BUSIEST_CLASSES_PER_WEEK = 50;

  public ReplacementPolicy {
    double sum = ageWeight + healthWeight + failureWeight + criticalityWeight;
    if (ageWeight < 0 || healthWeight < 0 || failureWeight < 0 || criticalityWeight < 0 || Math.abs(sum - 1) > 1e-6) {
      throw new IllegalArgumentException("weights: must be non-negative and sum to 1");
    }
  }

  /** A scored candidate: its score, health, whether it is at risk, and the factors in the order they counted. */
  public record Scored(Candidate candidate, double score, int health, boolean atRisk, List<Reason> factors) {
    public Scored {
      factors = List.copyOf(factors);
    }
  }

  public Scored score(Candidate c, LocalDate asOf) {
    var asset = c.asset();
    int life = asset.category().serviceLifeYears();
    double years = Math.max(0, ChronoUnit.DAYS.between(asset.purchaseDate(), asOf) / 365.25);
    double age = Math.min(1, years / (1.5 * life));
    HealthScoring.HealthScore health = HealthScoring.score(c.health());
    double poorHealth = 1 - health.score() / 100.0;
    DeviceHealth h = c.health();
    double failureCount = h.bootFailures() + h.crashes() / 2.0 + h.pastFaults() + h.openFaults() + 2.0 * h.repairs();
    double failures = Math.min(1, failureCount / FAILURES_SATURATE);
    double criticality = Math.min(1, c.usage() / BUSIEST_CLASSES_PER_WEEK);

    List<Reason> factors = new ArrayList<>();
    factors.add(Reason.of(years >= life ? "factor.age_past_life" : "factor.age", 100 * ageWeight * age, Math.round(years * 10) / 10.0, life));
    List<Object> healthFacts = new ArrayList<>();
    healthFacts.add(health.score());
    factors.add(new Reason("factor.health", Math.round(1000 * healthWeight * poorHealth) / 10.0, healthFacts));
    factors.add(Reason.of("factor.failures", 100 * failureWeight * failures, (int) Math.round(failureCount), h.repairs()));
    factors.add(Reason.of("factor.criticality", 100 * criticalityWeight * criticality, c.usage()));
    double score = factors.stream().mapToDouble(Reason::points).sum();
    List<Reason> all = new ArrayList<>(factors);
    all.sort((a, b) -> Double.compare(b.points(), a.points()));
    all.addAll(health.reasons());
    boolean atRisk = years >= life || health.score() < POOR_HEALTH;
    return new Scored(c, Math.round(score * 10) / 10.0, health.score(), atRisk, all);
  }

  /** Every candidate ranked worst first; ties go to the older asset, then the id, so the order is stable. */
  public List<Scored> rank(List<Candidate> candidates, LocalDate asOf) {
    List<Scored> out = new ArrayList<>(candidates.size());
    for (Candidate c : candidates) {
      out.add(score(c, asOf));
    }
    out.sort(
        (a, b) -> {
          int s = Double.compare(b.score(), a.score());
          if (s != 0) {
            return s;
          }
          int d = a.candidate().asset().purchaseDate().compareTo(b.candidate().asset().purchaseDate());
          return d != 0 ? d : a.candidate().asset().assetId().compareTo(b.candidate().asset().assetId());
        });
    return out;
  }
}
