package io.campusguard.hub.assets;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The checks a recorded repair must pass, each naming its field. */
class RepairTest {
  private static final LocalDate BOUGHT = LocalDate.of(2019, 9, 1);
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

  /** Verifies that a repair on the purchase day or today, with or without a cost, passes (the control). */
  @Test
  void acceptsRepairsWithinTheAssetsLife() {
    assertThatCode(() -> Repair.check(BOUGHT, "换电源", null, BOUGHT, TODAY)).doesNotThrowAnyException();
    assertThatCode(() -> Repair.check(TODAY, "换电源", new BigDecimal("350.50"), BOUGHT, TODAY)).doesNotThrowAnyException();
  }

  /** Verifies that each impossible repair is refused with its field first. */
  @Test
  void refusesImpossibleRepairsNamingTheField() {
    assertThatThrownBy(() -> Repair.check(TODAY.plusDays(1), "x", null, BOUGHT, TODAY)).hasMessageStartingWith("repairedOn: ").hasMessageContaining("future");
    assertThatThrownBy(() -> Repair.check(BOUGHT.minusDays(1), "x", null, BOUGHT, TODAY)).hasMessageStartingWith("repairedOn: ").hasMessageContaining("purchase");
    assertThatThrownBy(() -> Repair.check(null, "x", null, BOUGHT, TODAY)).hasMessageStartingWith("repairedOn: ");
    assertThatThrownBy(() -> Repair.check(TODAY, "x".repeat(Repair.MAX_NOTE + 1), null, BOUGHT, TODAY)).hasMessageStartingWith("note: ");
    assertThatThrownBy(() -> Repair.check(TODAY, "a\u0007b", null, BOUGHT, TODAY)).hasMessageStartingWith("note: ");
    assertThatThrownBy(() -> Repair.check(TODAY, "", null, BOUGHT, TODAY)).hasMessageStartingWith("note: ");
    assertThatThrownBy(() -> Repair.check(TODAY, "x", new BigDecimal("-0.01"), BOUGHT, TODAY)).hasMessageStartingWith("cost: ");
    assertThatThrownBy(() -> Repair.check(TODAY, "x", new BigDecimal("1.001"), BOUGHT, TODAY)).hasMessageStartingWith("cost: ");
  }
}
