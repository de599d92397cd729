package io.campusguard.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The derivation of a device publish's event id: stable, sensitive to every input, a valid UUIDv7. */
class EventIdsTest {
  private static final Instant TS = Instant.parse("2026-11-28T07:59:58.123Z");
  private static final byte[] PAYLOAD = bytes("{\"ts\":\"2026-11-28T15:59:58.123+08:00\",\"action\":\"pressed\"}");

  /** Verifies that the same publish always gets the same id, also from a copy of the payload array. */
  @Test
  void sameInputsGiveTheSameId() {
    String first = EventIds.forDeviceMessage("LP-017", "LP-017-PB-03", TS, PAYLOAD);
    assertThat(EventIds.forDeviceMessage("LP-017", "LP-017-PB-03", TS, PAYLOAD.clone())).isEqualTo(first);
    // control: a random id for the same event is another id
    assertThat(EventIds.next()).isNotEqualTo(first);
  }

  /** Verifies that a change in campus, device or payload (even one byte) gives another id. */
  @Test
  void anyDifferentInputGivesAnotherId() {
    String base = EventIds.forDeviceMessage("LP-017", "LP-017-PB-03", TS, PAYLOAD);
    byte[] oneByteOff = PAYLOAD.clone();
    oneByteOff[oneByteOff.length - 3] ^= 1;
    Set<String> ids = new HashSet<>(List.of(
        base,
        EventIds.forDeviceMessage("LP-018", "LP-017-PB-03", TS, PAYLOAD),
        EventIds.forDeviceMessage("LP-017", "LP-017-PB-04", TS, PAYLOAD),
        EventIds.forDeviceMessage("LP-017", "LP-017-PB-03", TS, oneByteOff),
        EventIds.forDeviceMessage("LP-017", "LP-017-PB-03", TS, new byte[0]),
        // the separator keeps the fields apart: moving a character from one field to the next changes the id
        EventIds.forDeviceMessage("LP-01", "7LP-017-PB-03", TS, PAYLOAD)));
    assertThat(ids).hasSize(6);
    // a different sourceTs alone changes the timestamp bits
    assertThat(EventIds.forDeviceMessage("LP-017", "LP-017-PB-03", TS.plusMillis(1), PAYLOAD)).isNotEqualTo(base);
  }

  /** Verifies the RFC 9562 layout: version 7, variant 10, unix_ts_ms = sourceTs, canonical lower-case text. */
  @Test
  void isACanonicalUuidVersion7WithTheSourceTimestamp() {
    for (int i = 0; i < 1_000; i++) {
      Instant ts = TS.plusMillis(i * 7919L);
      String id = EventIds.forDeviceMessage("LP-017", "PB-" + i, ts, bytes("{\"n\":" + i + "}"));
      UUID uuid = UUID.fromString(id);
      assertThat(uuid.version()).isEqualTo(7);
      assertThat(uuid.variant()).isEqualTo(2); // IETF variant, binary 10
      assertThat(EventIds.isValid(id)).as(id).isTrue();
      assertThat(id).isEqualTo(id.toLowerCase());
      assertThat(EventIds.timestampMillis(id)).isEqualTo(ts.toEpochMilli());
    }
    // control: the random ids pass the same checks
    assertThat(UUID.fromString(EventIds.next()).version()).isEqualTo(7);
  }

  /** Verifies that ids sort (as text, as the databases compare them) by sourceTs, whatever their hash bits. */
  @Test
  void idsAreOrderedBySourceTimestamp() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      // payloads that hash to anything; only the time decides the order
      ids.add(EventIds.forDeviceMessage("LP-017", "PB-" + (500 - i), TS.plusMillis(i), bytes("x" + (i * 31 % 17))));
    }
    List<String> sorted = new ArrayList<>(ids);
    sorted.sort(null);
    assertThat(sorted).containsExactlyElementsOf(ids);
  }

  /** Verifies that timestamps outside UUIDv7's 48 bits are clamped, not wrapped into other bits. */
  @Test
  void clampsTimestampsOutsideTheFortyEightBits() {
    String early = EventIds.forDeviceMessage("LP-017", "PB-1", Instant.parse("1969-12-31T23:59:59Z"), PAYLOAD);
    assertThat(EventIds.timestampMillis(early)).isZero();
    assertThat(UUID.fromString(early).version()).isEqualTo(7);
    String late = EventIds.forDeviceMessage("LP-017", "PB-1", Instant.ofEpochMilli(1L << 50), PAYLOAD);
    assertThat(EventIds.timestampMillis(late)).isEqualTo((1L << 48) - 1);
    assertThat(UUID.fromString(late).version()).isEqualTo(7);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Verifies that the derivation gives today the id it gave before (computed with the previous release's
   * EventIds): a publish stored before an upgrade and redelivered after it must keep its id.
   */
  @Test
  void theDerivationIsUnchangedAcrossReleases() {
    assertThat(EventIds.forDeviceMessage("LP-017", "LP-017-PB-03", TS, PAYLOAD)).isEqualTo("01a2212b-08ab-7435-aec4-1447c0f96253");
  }

  /** Verifies that the canonical-form check answers as its regular expression on mutated ids. */
  @Test
  void isValidAnswersAsTheRegularExpression() {
    java.util.Random random = new java.util.Random(5);
    String alphabet = "0123456789abcdefABCDEFg-x ";
    int valid = 0;
    for (int n = 0; n < 100_000; n++) {
      char[] id = EventIds.next().toCharArray();
      int changes = random.nextInt(3);
      for (int k = 0; k < changes; k++) {
        id[random.nextInt(id.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
      }
      String s = random.nextInt(50) == 0 ? new String(id, 0, random.nextInt(id.length)) : new String(id);
      boolean expected = s.length() == 36 && EventIds.canonicalPattern().matcher(s).matches();
      assertThat(EventIds.isValid(s)).as(s).isEqualTo(expected);
      valid += expected ? 1 : 0;
    }
    assertThat(valid).as("both answers occur").isBetween(1, 99_999);
    assertThat(EventIds.isValid(null)).isFalse();
  }
}
