package io.campusguard.devices;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Event ids are UUIDv7 (RFC 9562): unique without coordination between gateways, and ordered by time, so
 * database indexes on them stay append-mostly. Two kinds:
 *
 * <ul>
 *   <li>{@link #forDeviceMessage}: for what a device published. Derived from the publish itself, so every
 *       copy of one publish (a broker's redelivery after the gateway died between its outbox commit and its
 *       ack, a device's retry after a lost PUBACK) gets the same id, and the outbox and the hub collapse the
 *       copies to one event.
 *   <li>{@link #next()}: for events the gateway makes itself (its rules' alarms, its own state), which are made
 *       once; random, from java-uuid-generator.
 * </ul>
 */
public final class EventIds {
  private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();
  private static final Pattern CANONICAL =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  /** One digest per thread: {@code MessageDigest.getInstance} looks the provider up each time, dearer than the hash. */
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(EventIds::sha256);
  private static final long MAX_UNIX_TS_MS = (1L << 48) - 1;
  /** Cannot occur in a campus or device id ({@link Ids}), so the hashed fields cannot run into each other. */
  private static final byte SEPARATOR = '|';

  private EventIds() {}

  /** A new random time-ordered id, for an event the gateway makes itself. */
  public static String next() {
    return GENERATOR.generate().toString();
  }

  /**
   * The id of one device publish: the same inputs always give the same id, and any difference in them gives
   * another one (up to SHA-256 collisions in 74 bits, which is far beyond a campus's lifetime of events).
   *
   * <p>Layout (RFC 9562 UUIDv7): the 48-bit {@code unix_ts_ms} is {@code sourceTs} in epoch milliseconds
   * (clamped to 0..2^48-1), then the version (7), the 12 bits of {@code rand_a}, the variant (binary 10) and
   * the 62 bits of {@code rand_b}; those 74 bits are the first bits of SHA-256 over
   * {@code campus | device | payload} (UTF-8 ids, the payload's raw bytes). Ids of one device therefore sort by
   * the time the device observed the event, like those of {@link #next()} sort by creation.
   *
   * <p>The payload carries the device's own {@code ts}, so two publishes differ unless the device sent the very
   * same bytes twice; identical bytes from one device are one observation and become one event.
   *
   * @param campus the campus id from the topic
   * @param device the device id from the topic
   * @param sourceTs the {@code ts} decoded from the payload
   * @param payload the publish's payload exactly as received
   */
  public static String forDeviceMessage(String campus, String device, Instant sourceTs, byte[] payload) {
    Objects.requireNonNull(campus, "campus");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(sourceTs, "sourceTs");
    Objects.requireNonNull(payload, "payload");
    MessageDigest sha256 = SHA256.get();
    sha256.reset(); // digest() resets it too; this covers an update that threw half-way
    sha256.update(campus.getBytes(StandardCharsets.UTF_8));
    sha256.update(SEPARATOR);
    sha256.update(device.getBytes(StandardCharsets.UTF_8));
    sha256.update(SEPARATOR);
    sha256.update(payload);
    ByteBuffer hash = ByteBuffer.wrap(sha256.digest());
    long h0 = hash.getLong();
    long h1 = hash.getLong();
    long millis = Math.min(Math.max(sourceTs.toEpochMilli(), 0), MAX_UNIX_TS_MS);
    long msb = (millis << 16) | 0x7000L | (h0 >>> 52); // ts(48) | version 7 (4) | rand_a (12)
    long lsb = 0x8000_0000_0000_0000L | (h1 >>> 2); // variant 10 (2) | rand_b (62)
    return new UUID(msb, lsb).toString();
  }

  /** Canonical lower-case UUID text, as {@link #next()} and {@link #forDeviceMessage} make; anything else is refused. */
  public static boolean isValid(String id) {
    if (id == null || id.length() != 36) {
      return false;
    }
    // A loop rather than CANONICAL.matcher(id).matches() (every event's id is checked several times on its way);
    // EventIdsTest holds the two to the same answers.
    for (int i = 0; i < 36; i++) {
      char c = id.charAt(i);
      boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-' : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The canonical form as a regular expression, for tests that compare against it. */
  static Pattern canonicalPattern() {
    return CANONICAL;
  }

  public static String require(String field, String id) {
    if (!isValid(id)) {
      throw new IllegalArgumentException(field + ": not a canonical UUID " + Rejection.preview(id));
    }
    return id;
  }

  /** Milliseconds since the epoch encoded in a UUIDv7, for ordering and diagnostics. */
  public static long timestampMillis(String id) {
    return UUID.fromString(id).getMostSignificantBits() >>> 16;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
