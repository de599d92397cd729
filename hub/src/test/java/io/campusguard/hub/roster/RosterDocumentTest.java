package io.campusguard.hub.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The roster document as administrators edit it: read back as saved, mistakes named by their place. */
class RosterDocumentTest {
  /** Verifies that a roster survives being stored and read again, without the empty fields it never had. */
  @Test
  void roundTrip() {
    JsonObject stored = RosterDocument.json(DutyRosterTest.ROSTER);
    assertThat(RosterDocument.parse(stored)).isEqualTo(DutyRosterTest.ROSTER);
    assertThat(stored.getJsonArray("duties").getJsonObject(0).containsKey("town")).isFalse();
    assertThat(stored.getJsonArray("duties").getJsonObject(0).getString("campus")).isEqualTo("LP-017");
  }

  /** Verifies that mistakes are refused naming where they are. */
  @Test
  void mistakesNameTheirPlace() {
    JsonObject doc = RosterDocument.json(DutyRosterTest.ROSTER);
    doc.getJsonArray("duties").getJsonObject(1).getJsonObject("person").put("channels", new io.vertx.core.json.JsonArray().add("fax"));
    assertThatThrownBy(() -> RosterDocument.parse(doc)).hasMessageStartingWith("duties[1].person.channels");
    JsonObject noFallback = RosterDocument.json(DutyRosterTest.ROSTER);
    noFallback.remove("fallback");
    assertThatThrownBy(() -> RosterDocument.parse(noFallback)).hasMessageStartingWith("fallback");
    JsonObject badShift = RosterDocument.json(DutyRosterTest.ROSTER);
    badShift.getJsonArray("duties").getJsonObject(1).put("shifts", new io.vertx.core.json.JsonArray().add("EVENING"));
    assertThatThrownBy(() -> RosterDocument.parse(badShift)).hasMessageContaining("duties[1].shifts");
    JsonObject badHoliday = RosterDocument.json(DutyRosterTest.ROSTER);
    badHoliday.getJsonObject("calendar").getJsonArray("holidays").add("10月1日");
    assertThatThrownBy(() -> RosterDocument.parse(badHoliday)).hasMessageStartingWith("calendar.holidays[3]");
  }
}
