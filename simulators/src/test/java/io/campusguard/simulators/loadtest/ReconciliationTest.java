package io.campusguard.simulators.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campusguard.simulators.report.FaultWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconciliationTest {
  private static final Instant T0 = Instant.parse("2026-11-28T08:00:00.000123Z");
  private static final long START = T0.toEpochMilli();

  private static EmissionKey key(String device, int s) {
    return new EmissionKey(device, T0.plusSeconds(s));
  }

  private static Ledger.Sent sent(EmissionKey k, boolean alarm) {
    long at = k.sourceTs().toEpochMilli();
    return new Ledger.Sent(k, "LP-001", alarm, at, at + 5);
  }

  /** Verifies lost, duplicate and out-of-order counting, and that latency outside faults excludes the fault window. */
  @Test
  void countsLossDuplicatesOrderAndLatency() {
    EmissionKey a = key("PB-1", 1);
    EmissionKey b = key("PB-1", 50);
    EmissionKey c = key("CS-1", 2);
    EmissionKey d = key("CS-1", 3);
    EmissionKey lostOne = key("CS-1", 4);
    Map<EmissionKey, Ledger.Sent> sent = Map.of(a, sent(a, true), b, sent(b, true), c, sent(c, false), d, sent(d, false), lostOne, sent(lostOne, false));
    List<CommittedEvent> committed = List.of(
        new CommittedEvent("id1", "LP-001", 1, a, a.sourceTs().toEpochMilli() + 40),
        new CommittedEvent("id2", "LP-001", 2, c, 0),
        new CommittedEvent("id3", "LP-001", 3, d, 0),
        new CommittedEvent("id4", "LP-001", 4, d, 0), // the same publish again, under another id
        new CommittedEvent("id5", "LP-001", 5, b, b.sourceTs().toEpochMilli() + 9_000),
        new CommittedEvent("id6", "LP-001", 6, c, 0)); // c again, and after d: out of order and a duplicate
    List<FaultWindow> faults = List.of(new FaultWindow("hub_outage", "hub", 45, 55));

    Reconciliation.Result r = Reconciliation.reconcile(sent, committed, START, faults, 2_000);

    assertThat(r.sent()).isEqualTo(5);
    assertThat(r.lost()).isEqualTo(1);
    assertThat(r.lostSample()).containsExactly(lostOne);
    assertThat(r.duplicates()).isEqualTo(2);
    assertThat(r.outOfOrder()).isEqualTo(1);
    assertThat(r.all().summary().max()).isBetween(8_990L, 9_010L);
    assertThat(r.outsideFaults().summary().samples()).isEqualTo(1);
    assertThat(r.outsideFaults().summary().max()).isEqualTo(40);
  }

  /**
   * Verifies that an acknowledged event not committed but still in a gateway's outbox counts as still in an
   * outbox, not lost; one in neither is lost; one committed counts as committed even if an outbox still holds it
   * (its ack had not arrived).
   */
  @Test
  void tellsStillInAnOutboxFromLost() {
    EmissionKey committedAndHeld = key("CS-1", 1);
    EmissionKey held = key("CS-1", 2);
    EmissionKey gone = key("CS-1", 3);
    Map<EmissionKey, Ledger.Sent> sent = Map.of(
        committedAndHeld, sent(committedAndHeld, false), held, sent(held, false), gone, sent(gone, false));
    List<CommittedEvent> committed = List.of(new CommittedEvent("id1", "LP-001", 1, committedAndHeld, 0));

    Reconciliation.Result r = Reconciliation.reconcile(sent, committed, java.util.Set.of(committedAndHeld, held), START, List.of(), 2_000);

    assertThat(r.sent()).isEqualTo(3);
    assertThat(r.committed()).isEqualTo(1);
    assertThat(r.stillInOutbox()).isEqualTo(1);
    assertThat(r.lost()).isEqualTo(1);
    assertThat(r.lostSample()).containsExactly(gone);
    assertThat(r.duplicates()).isZero();
  }

  /** Verifies the fault syntax, and that a bad one names what is wrong. */
  @Test
  void parsesFaults() {
    assertThat(FaultSpec.parse("hub-outage@30s+20s")).isEqualTo(new FaultSpec(FaultSpec.Kind.HUB_OUTAGE, null, Duration.ofSeconds(30), Duration.ofSeconds(20)));
    assertThat(FaultSpec.parse("gateway-kill:LP-003@1m+5s").target()).isEqualTo("LP-003");
    assertThatThrownBy(() -> FaultSpec.parse("gateway-kill@60s")).hasMessageContaining("needs a campus");
    assertThatThrownBy(() -> FaultSpec.parse("meteor@60s")).hasMessageContaining("unknown kind meteor");
    assertThat(FaultSpec.parse("county-broker-restart@30s+5s").kind()).isEqualTo(FaultSpec.Kind.COUNTY_BROKER_RESTART);
    assertThat(FaultSpec.parse("opcua-restart:LP-001@45s+5s")).isEqualTo(new FaultSpec(FaultSpec.Kind.OPCUA_RESTART, "LP-001", Duration.ofSeconds(45), Duration.ofSeconds(5)));
    assertThat(FaultSpec.parse("link-blackhole:LP-007@50s+20s").end()).isEqualTo(Duration.ofSeconds(70));
    assertThatThrownBy(() -> FaultSpec.parse("opcua-restart@45s")).hasMessageContaining("needs a campus");
  }

  private static Ledger.OpcUaValue served(String campus, EmissionKey k, int setS, int replacedS) {
    return new Ledger.OpcUaValue(k, campus, START + setS * 1000L, replacedS < 0 ? Long.MAX_VALUE : START + replacedS * 1000L);
  }

  /**
   * Verifies OPC UA readings: one held long enough outside faults and never committed is lost; one replaced
   * before it could be sampled, set in the start-up grace, or set while its campus's PLC restarted is excused;
   * one committed twice is a duplicate; another campus's fault excuses nothing.
   */
  @Test
  void reconcilesOpcUaReadingsByWhatTheGatewayCouldSee() {
    EmissionKey committedTwice = key("LP-001-CS-01", 40);
    EmissionKey lostOne = key("LP-001-CS-01", 50);
    EmissionKey tooShort = key("LP-001-FZ-01", 60);
    EmissionKey inGrace = key("LP-001-FZ-01", 5);
    EmissionKey duringRestart = key("LP-001-GAS-01", 72);
    EmissionKey otherCampus = key("LP-002-GAS-01", 72);
    List<Ledger.OpcUaValue> values = List.of(
        served("LP-001", committedTwice, 40, 50), served("LP-001", lostOne, 50, 60), served("LP-001", tooShort, 60, 60),
        served("LP-001", inGrace, 5, 20), served("LP-001", duringRestart, 72, -1), served("LP-002", otherCampus, 72, -1));
    List<CommittedEvent> committed = List.of(
        new CommittedEvent("a", "LP-001", 1, committedTwice, 0), new CommittedEvent("b", "LP-001", 2, committedTwice, 0));
    List<FaultWindow> faults = List.of(new FaultWindow("opcua-restart", "LP-001", 80, 85));

    Reconciliation.OpcUaResult r = Reconciliation.reconcileOpcUa(values, committed, START, START + 120_000, faults, 1_500, 10_000);

    assertThat(r.served()).isEqualTo(6);
    assertThat(r.promised()).isEqualTo(3); // committedTwice, lostOne, otherCampus
    assertThat(r.lost()).isEqualTo(2);
    assertThat(r.lostSample()).containsExactlyInAnyOrder(lostOne, otherCampus);
    assertThat(r.excused()).isEqualTo(3);
    assertThat(r.duplicates()).isEqualTo(1);
    assertThat(r.committed()).isEqualTo(1);
  }
}
