package io.campusguard.hub.replacement;

import static io.campusguard.hub.replacement.ReplacementPolicyTest.asset;
import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.asset.AssetCategory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FiveYearPlannerTest {
  private final FiveYearPlanner planner = new FiveYearPlanner(ReplacementPolicy.DEFAULT);
  private static final Map<AssetCategory, BigDecimal> PRICES =
      Map.of(AssetCategory.TEACHER_PC, new BigDecimal("5000"), AssetCategory.COMPUTER_ROOM_PC, new BigDecimal("4000"));

  private static List<Candidate> fleet() {
    List<Candidate> fleet = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      fleet.add(Candidate.of(asset("T" + i, AssetCategory.TEACHER_PC, LocalDate.of(2014 + i, 3, 1))));
    }
    for (int p = 0; p < 5; p++) {
      fleet.add(Candidate.of(asset("R" + p, AssetCategory.COMPUTER_ROOM_PC, LocalDate.of(2015, 9, 1))));
    }
    return fleet;
  }

  /** Verifies that no year spends more than its budget, and the oldest go first. */
  @Test
  void budgetNeverExceededWorstFirst() {
    Map<Integer, BigDecimal> budgets = Map.of(2025, new BigDecimal("12000"), 2026, new BigDecimal("21000"), 2027, new BigDecimal("5000"));

    FiveYearPlan plan = planner.plan(fleet(), budgets, PRICES);

    assertThat(plan.years()).allSatisfy(y -> assertThat(y.spent()).isLessThanOrEqualTo(y.budget()));
    FiveYearPlan.Year first = plan.years().get(0);
    // The room (5 × 4000 = 20000) does not fit 12000; the two oldest teacher PCs do.
    assertThat(first.items()).extracting(FiveYearPlan.Item::unit).containsExactly("T0", "T1");
    assertThat(plan.years().get(1).items()).extracting(FiveYearPlan.Item::unit).contains("LP-017/机房1");
    assertThat(plan.plannedUnits(AssetCategory.COMPUTER_ROOM_PC)).isEqualTo(1);
    assertThat(plan.plannedAssets(AssetCategory.COMPUTER_ROOM_PC)).isEqualTo(5);
  }

  /** Verifies that at-risk counts fall as the plan replaces, and rise as devices age into risk. */
  @Test
  void atRiskIsReportedPerYear() {
    Map<Integer, BigDecimal> budgets = Map.of(2025, new BigDecimal("100000"), 2026, BigDecimal.ZERO);

    FiveYearPlan plan = planner.plan(fleet(), budgets, PRICES);

    // Everything at risk in 2025 fits the budget; T5 (bought 2019-03) passes its 6-year life during 2025.
    assertThat(plan.years().get(0).atRiskAtEnd()).isEqualTo(1);
    assertThat(plan.years().get(1).items()).isEmpty();
    assertThat(plan.notes()).anyMatch(n -> n.text(Locale.ENGLISH).equals("no budget for 2026: nothing planned"));
  }

  /** Verifies that an empty budget plans nothing and says so. */
  @Test
  void emptyBudgetPlansNothing() {
    FiveYearPlan plan = planner.plan(fleet(), Map.of(2025, BigDecimal.ZERO, 2026, BigDecimal.ZERO), PRICES);

    assertThat(plan.years()).allSatisfy(y -> assertThat(y.items()).isEmpty());
    assertThat(plan.notes().get(0).text(Locale.SIMPLIFIED_CHINESE)).isEqualTo("没有预算，计划为空");
  }
}
