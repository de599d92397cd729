package io.campusguard.hub.replacement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campusguard.devices.asset.Asset;
import io.campusguard.devices.asset.AssetCategory;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ReplacementPolicyTest {
  static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
  private final ReplacementPolicy policy = ReplacementPolicy.DEFAULT;

  static Asset asset(String id, AssetCategory c, LocalDate bought) {
    return new Asset(id, "LP-017", "机房1", c, "Lenovo", "M430", bought, new BigDecimal("3900.00"), null);
  }

  static DeviceHealth healthy() {
    return new DeviceHealth(9_000L, null, null, 95, 0, 0, 42.0, 0, 0, 0, 0);
  }

  static DeviceHealth failingDisk() {
    return new DeviceHealth(9_000L, null, null, 20, 6, 4, 48.0, 0, 1, 2, 1);
  }

  /** Verifies each factor on its own: age, health, failures and criticality each raise the score. */
  @Test
  void eachFactorCounts() {
    LocalDate bought = LocalDate.of(2021, 1, 1);
    double base = policy.score(new Candidate(asset("A", AssetCategory.TEACHER_PC, bought), healthy(), 0), TODAY).score();

    assertThat(policy.score(new Candidate(asset("A", AssetCategory.TEACHER_PC, bought.minusYears(4)), healthy(), 0), TODAY).score()).isGreaterThan(base);
    assertThat(policy.score(new Candidate(asset("A", AssetCategory.TEACHER_PC, bought), failingDisk(), 0), TODAY).score()).isGreaterThan(base);
    assertThat(policy.score(new Candidate(asset("A", AssetCategory.TEACHER_PC, bought), healthy(), 50), TODAY).score()).isGreaterThan(base);
  }

  /** Verifies the policy's promise: a device with a failing disk ranks above an older healthy one. */
  @Test
  void failingDiskOutranksOlderHealthyDevice() {
    Candidate older = new Candidate(asset("OLD", AssetCategory.TEACHER_PC, LocalDate.of(2017, 6, 1)), healthy(), null);
    Candidate failing = new Candidate(asset("FAIL", AssetCategory.TEACHER_PC, LocalDate.of(2021, 6, 1)), failingDisk(), null);

    List<ReplacementPolicy.Scored> ranked = policy.rank(List.of(older, failing), TODAY);

    assertThat(ranked).extracting(s -> s.candidate().asset().assetId()).containsExactly("FAIL", "OLD");
    assertThat(ranked.get(0).health()).isLessThan(ReplacementPolicy.POOR_HEALTH);
    assertThat(ranked.get(0).atRisk()).isTrue();
  }

  /** Verifies that recorded repairs raise the score and show in the failures reason, with or without telemetry. */
  @Test
  void repairsCount() {
    Asset pc = asset("A", AssetCategory.TEACHER_PC, LocalDate.of(2021, 1, 1));
    for (DeviceHealth h : List.of(healthy(), DeviceHealth.UNKNOWN)) {
      ReplacementPolicy.Scored none = policy.score(new Candidate(pc, h, 0), TODAY);
      ReplacementPolicy.Scored three = policy.score(new Candidate(pc, h.withRepairs(3), 0), TODAY);

      assertThat(three.score()).isGreaterThan(none.score());
      assertThat(three.health()).isEqualTo(none.health());
      assertThat(three.factors()).anySatisfy(r -> assertThat(r.text(Locale.ENGLISH)).contains("(3 repairs)"));
    }
    // repairs are not telemetry: a device that never reported still says so
    assertThat(DeviceHealth.UNKNOWN.withRepairs(3).isUnknown()).isTrue();
    assertThat(healthy().withRepairs(3).isUnknown()).isFalse();
  }

  /** Verifies that a busy computer-room PC ranks above an identical spare. */
  @Test
  void criticalityBreaksTies() {
    LocalDate bought = LocalDate.of(2018, 1, 1);
    Candidate spare = new Candidate(asset("SPARE", AssetCategory.COMPUTER_ROOM_PC, bought), healthy(), 0);
    Candidate busy = new Candidate(asset("BUSY", AssetCategory.COMPUTER_ROOM_PC, bought), healthy(), 50);

    assertThat(policy.rank(List.of(spare, busy), TODAY)).extracting(s -> s.candidate().asset().assetId()).containsExactly("BUSY", "SPARE");
  }

  /** Verifies that reasons come in words, in Chinese by default and in English on request. */
  @Test
  void reasonsInWords() {
    var scored = policy.score(new Candidate(asset("A", AssetCategory.TEACHER_PC, LocalDate.of(2015, 1, 1)), failingDisk(), null), TODAY);

    List<String> zh = scored.factors().stream().map(r -> r.text(Locale.SIMPLIFIED_CHINESE)).toList();
    List<String> en = scored.factors().stream().map(r -> r.text(Locale.ENGLISH)).toList();

    assertThat(zh).anyMatch(t -> t.contains("超过 6 年使用年限")).anyMatch(t -> t.contains("硬盘健康度仅 20%"));
    assertThat(en).anyMatch(t -> t.contains("past its 6-year service life")).anyMatch(t -> t.contains("disk health only 20%"));
  }

  /** Verifies the workflow: forward one step at a time with who and when; skipping a step is refused. */
  @Test
  void workflowMovesStepByStep() {
    Instant t = Instant.parse("2026-11-28T08:00:00Z");
    QueueEntry e = QueueEntry.candidate("A1").moveTo(ReplacementState.APPROVED, "it-wang", t, "budget 2026").moveTo(ReplacementState.ORDERED, "it-li", t.plusSeconds(60), null);

    assertThat(e.state()).isEqualTo(ReplacementState.ORDERED);
    assertThat(e.history()).extracting(QueueEntry.Step::by).containsExactly("it-wang", "it-li");
    assertThatThrownBy(() -> e.moveTo(ReplacementState.RETIRED, "it-li", t, null)).hasMessageContaining("ORDERED to RETIRED");
  }
}
