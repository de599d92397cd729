package io.campusguard.simulators.county;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.asset.Asset;
import io.campusguard.devices.asset.AssetCategory;
import io.campusguard.hub.replacement.Candidate;
import io.campusguard.hub.replacement.FiveYearPlan;
import io.campusguard.hub.replacement.FiveYearPlanner;
import io.campusguard.hub.replacement.ReplacementPolicy;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The county's own figures as the planner's check: with the simulated fleet, realistic unit prices and a
 * budget of 5 million yuan a year, the 2025–2029 plan replaces at least as many multimedia platforms, computer
 * rooms, student PCs and teacher PCs as the county's plan counts as due (300+, 13, 1,500+, 600+), and stays
 * within budget.
 */
class CountyReplacementPlanTest {
  static final Map<AssetCategory, BigDecimal> PRICES =
      Map.of(
          AssetCategory.MULTIMEDIA_PLATFORM, new BigDecimal("12800"),
          AssetCategory.TEACHER_PC, new BigDecimal("4800"),
          AssetCategory.STUDENT_PC, new BigDecimal("3600"),
          AssetCategory.COMPUTER_ROOM_PC, new BigDecimal("3900"));
  /** 5 million yuan a year: 4 million falls short of the plan's student PCs once newer devices age into risk. */
  static final BigDecimal YEARLY = new BigDecimal("5000000");
  static final Map<Integer, BigDecimal> BUDGETS = Map.of(2025, YEARLY, 2026, YEARLY, 2027, YEARLY, 2028, YEARLY, 2029, YEARLY);

  /** Verifies that the plan covers every device the county's plan names as due, within each year's budget. */
  @Test
  void planCoversTheCountysAgeingIt() {
    County county = CountyScenario.generate(2025);
    List<Asset> classroomIt =
        county.assetRegister().stream().filter(a -> PRICES.containsKey(a.category())).toList();

    FiveYearPlan plan =
        new FiveYearPlanner(ReplacementPolicy.DEFAULT).plan(classroomIt.stream().map(Candidate::of).toList(), BUDGETS, PRICES);

    assertThat(plan.years()).allSatisfy(y -> assertThat(y.spent()).isLessThanOrEqualTo(y.budget()));
    Set<String> plannedFirstYear =
        plan.years().get(0).items().stream().flatMap(i -> i.assetIds().stream()).collect(Collectors.toSet());
    List<Asset> dueOnReferenceDay =
        classroomIt.stream()
            .filter(a -> !a.purchaseDate().plusYears(a.category().serviceLifeYears()).isAfter(CountyScenario.REFERENCE_DAY))
            .toList();
    // Worst first: every asset planned in 2025 was already past its service life on 1 January 2025.
    assertThat(dueOnReferenceDay.stream().map(Asset::assetId).toList()).containsAll(plannedFirstYear);
    assertThat(plan.plannedAssets(AssetCategory.MULTIMEDIA_PLATFORM)).isGreaterThanOrEqualTo(318);
    assertThat(plan.plannedUnits(AssetCategory.COMPUTER_ROOM_PC)).isGreaterThanOrEqualTo(13);
    assertThat(plan.plannedAssets(AssetCategory.STUDENT_PC)).isGreaterThanOrEqualTo(1_536);
    assertThat(plan.plannedAssets(AssetCategory.TEACHER_PC)).isGreaterThanOrEqualTo(624);
  }
}
