package io.campusguard.hub.replacement;

import io.campusguard.devices.asset.AssetCategory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Plans replacements year by year within each year's budget, worst first. Each year the fleet is scored as of
 * 1 January (so devices age into risk), the at-risk units are taken in score order while they fit the money
 * left (a unit that does not fit is skipped and cheaper ones after it may still fit), and replaced units leave
 * the fleet. A computer room's PCs are one unit: a room is rebuilt whole. The budget is never exceeded.
 */
public final class FiveYearPlanner {
  private final ReplacementPolicy policy;

  public FiveYearPlanner(ReplacementPolicy policy) {
    this.policy = policy;
  }

  /**
   * @param budgets yuan per calendar year, in order (e.g. 2025..2029)
   * @param unitPrices price to replace one asset of a category; a category without one uses each asset's own price
   */
  public FiveYearPlan plan(List<Candidate> fleet, Map<Integer, BigDecimal> budgets, Map<AssetCategory, BigDecimal> unitPrices) {
    Map<String, List<Candidate>> units = units(fleet);
    Set<String> replaced = new HashSet<>();
    List<FiveYearPlan.Year> years = new ArrayList<>();
    Map<String, FiveYearPlan.Totals> byCampus = new TreeMap<>();
    Map<AssetCategory, FiveYearPlan.Totals> byCategory = new EnumMap<>(AssetCategory.class);
    List<Reason> notes = new ArrayList<>();

    for (Map.Entry<Integer, BigDecimal> yearBudget : new TreeMap<>(budgets).entrySet()) {
      int year = yearBudget.getKey();
      BigDecimal budget = yearBudget.getValue();
      LocalDate asOf = LocalDate.of(year, 1, 1);
      List<ScoredUnit> atRisk = scoredAtRisk(units, replaced, asOf, unitPrices);
      BigDecimal left = budget;
      List<FiveYearPlan.Item> items = new ArrayList<>();
      for (ScoredUnit u : atRisk) {
        if (u.cost.compareTo(left) <= 0) {
          left = left.subtract(u.cost);
          replaced.add(u.unit);
          FiveYearPlan.Item item = new FiveYearPlan.Item(u.unit, u.campus, u.category, u.assetIds, u.cost, u.score);
          items.add(item);
          byCampus.merge(u.campus, new FiveYearPlan.Totals(u.assetIds.size(), u.cost), (a, b) -> a.plus(b.assets(), b.cost()));
          byCategory.merge(u.category, new FiveYearPlan.Totals(u.assetIds.size(), u.cost), (a, b) -> a.plus(b.assets(), b.cost()));
        }
      }
      if (budget.signum() == 0) {
        notes.add(Reason.of("plan.no_budget", 0, year));
      } else if (items.isEmpty() && !atRisk.isEmpty()) {
        notes.add(Reason.of("plan.budget_too_small", 0, year, budget.toPlainString()));
      }
      Map<AssetCategory, Integer> riskByCategory = new EnumMap<>(AssetCategory.class);
      int riskAtEnd = 0;
      for (ScoredUnit u : scoredAtRisk(units, replaced, LocalDate.of(year + 1, 1, 1), unitPrices)) {
        riskAtEnd += u.assetIds.size();
        riskByCategory.merge(u.category, u.assetIds.size(), Integer::sum);
      }
      years.add(new FiveYearPlan.Year(year, budget, budget.subtract(left), items, riskAtEnd, riskByCategory));
    }
    if (years.stream().allMatch(y -> y.items().isEmpty())) {
      notes.add(0, Reason.of("plan.nothing_planned", 0));
    }
    return new FiveYearPlan(years, byCampus, byCategory, notes);
  }

  private record ScoredUnit(String unit, String campus, AssetCategory category, List<String> assetIds, BigDecimal cost, double score) {}

  private List<ScoredUnit> scoredAtRisk(
      Map<String, List<Candidate>> units, Set<String> replaced, LocalDate asOf, Map<AssetCategory, BigDecimal> prices) {
    List<ScoredUnit> out = new ArrayList<>();
    for (Map.Entry<String, List<Candidate>> e : units.entrySet()) {
      if (replaced.contains(e.getKey())) {
        continue;
      }
      double sum = 0;
      int risky = 0;
      BigDecimal cost = BigDecimal.ZERO;
      List<String> ids = new ArrayList<>();
      for (Candidate c : e.getValue()) {
        ReplacementPolicy.Scored s = policy.score(c, asOf);
        sum += s.score();
        risky += s.atRisk() ? 1 : 0;
        cost = cost.add(prices.getOrDefault(c.asset().category(), c.asset().price()));
        ids.add(c.asset().assetId());
      }
      // A room is at risk when most of its PCs are.
      if (risky * 2 > e.getValue().size()) {
        Candidate first = e.getValue().get(0);
        out.add(new ScoredUnit(e.getKey(), first.asset().campus(), first.asset().category(), ids, cost, sum / e.getValue().size()));
      }
    }
    out.sort((a, b) -> b.score != a.score ? Double.compare(b.score, a.score) : a.unit.compareTo(b.unit));
    return out;
  }

  private static Map<String, List<Candidate>> units(List<Candidate> fleet) {
    Map<String, List<Candidate>> units = new LinkedHashMap<>();
    for (Candidate c : fleet) {
      var a = c.asset();
      String key = a.category() == AssetCategory.COMPUTER_ROOM_PC ? a.campus() + "/" + a.room() : a.assetId();
      units.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
    }
    return units;
  }
}
