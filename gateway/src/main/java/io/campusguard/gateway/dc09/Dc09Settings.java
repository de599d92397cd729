package io.campusguard.gateway.dc09;

import io.campusguard.devices.Ids;
import io.campusguard.gateway.dc09.PanelEvent.Category;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The YAML's {@code connectors.dc09}: where the receiver listens, its limits, and the panels' accounts.
 *
 * @param bindAddress the address to listen on (default {@code 0.0.0.0})
 * @param tcpPort the TCP port (0 picks a free one); null for no TCP
 * @param udpPort the UDP port (0 picks a free one); null for no UDP
 * @param maxFrameBytes frames longer than this are refused before parsing (default and most: the format's 4105)
 * @param timestampPast how old an encrypted message's timestamp may be (default 40s)
 * @param timestampFuture how far ahead of our clock it may be (default 20s)
 * @param duplicateWindow how long a message (account, sequence number, content) is remembered: a copy within it
 *     is acknowledged again but not stored again (default 10m)
 * @param contactIdCodes Contact ID event codes mapped to a category over the defaults ({@code "150": burglary})
 * @param siaCodes SIA codes mapped to a category over the defaults ({@code UA: trouble})
 * @param accounts the panels
 */
public record Dc09Settings(
    String bindAddress, Integer tcpPort, Integer udpPort, Integer maxFrameBytes, Duration timestampPast, Duration timestampFuture,
    Duration duplicateWindow, Map<String, String> contactIdCodes, Map<String, String> siaCodes, List<AccountSettings> accounts) {

  public Dc09Settings {
    bindAddress = bindAddress == null ? "0.0.0.0" : bindAddress;
    if (tcpPort == null && udpPort == null) {
      throw new IllegalArgumentException("tcpPort: give tcpPort, udpPort or both");
    }
    port("tcpPort", tcpPort);
    port("udpPort", udpPort);
    maxFrameBytes = maxFrameBytes == null ? FrameParser.FORMAT_MAX_FRAME : maxFrameBytes;
    if (maxFrameBytes < 64 || maxFrameBytes > FrameParser.FORMAT_MAX_FRAME) {
      throw new IllegalArgumentException("maxFrameBytes: must be 64.." + FrameParser.FORMAT_MAX_FRAME);
    }
    timestampPast = positive("timestampPast", timestampPast, Duration.ofSeconds(40));
    timestampFuture = positive("timestampFuture", timestampFuture, Duration.ofSeconds(20));
    duplicateWindow = positive("duplicateWindow", duplicateWindow, Duration.ofMinutes(10));
    contactIdCodes = contactIdCodes == null ? Map.of() : Map.copyOf(contactIdCodes);
    siaCodes = siaCodes == null ? Map.of() : Map.copyOf(siaCodes);
    codes("contactIdCodes", contactIdCodes, "\\d{3}");
    codes("siaCodes", siaCodes, "[A-Z]{2}");
    if (accounts == null || accounts.isEmpty()) {
      throw new IllegalArgumentException("accounts: at least one panel account is needed");
    }
    accounts = List.copyOf(accounts);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < accounts.size(); i++) {
      if (accounts.get(i) == null) {
        throw new IllegalArgumentException("accounts[" + i + "]: empty");
      }
      if (!seen.add(accounts.get(i).account())) {
        throw new IllegalArgumentException("accounts[" + i + "].account: " + accounts.get(i).account() + " is listed twice");
      }
    }
  }

  public Map<String, Category> contactIdCategories() {
    return categories(contactIdCodes);
  }

  public Map<String, Category> siaCategories() {
    return categories(siaCodes);
  }

  /**
   * One panel.
   *
   * @param account its account number (3..16 hex digits)
   * @param receiver the receiver number it must send ({@code R…}), or null to accept any
   * @param line the line prefix it must send ({@code L…}), or null to accept any
   * @param key its AES key in hex (32, 48 or 64 digits), or null: then it must send unencrypted
   * @param device the CampusGuard device id of the panel itself
   * @param supervision how long it may stay silent before "panel link lost" (null: not supervised)
   * @param zones zone number → the device (and room) it stands for
   */
  public record AccountSettings(String account, String receiver, String line, String key, String device, Duration supervision, Map<String, ZoneSettings> zones) {
    public AccountSettings {
      if (account == null || !account.matches("[0-9A-Fa-f]{3,16}")) {
        throw new IllegalArgumentException("account: must be 3..16 hex digits");
      }
      account = account.toUpperCase(Locale.ROOT);
      if (receiver != null && !receiver.matches("[0-9A-Fa-f]{1,6}")) {
        throw new IllegalArgumentException("receiver: must be 1..6 hex digits");
      }
      if (line != null && !line.matches("[0-9A-Fa-f]{1,6}")) {
        throw new IllegalArgumentException("line: must be 1..6 hex digits");
      }
      if (key != null) {
        if (!key.matches("([0-9A-Fa-f]{32}|[0-9A-Fa-f]{48}|[0-9A-Fa-f]{64})")) {
          throw new IllegalArgumentException("key: must be 32, 48 or 64 hex digits (AES-128, -192, -256)");
        }
      }
      Ids.require("device", device);
      if (supervision != null && (supervision.isNegative() || supervision.isZero())) {
        throw new IllegalArgumentException("supervision: must be positive");
      }
      zones = zones == null ? Map.of() : Map.copyOf(zones);
      for (Map.Entry<String, ZoneSettings> z : zones.entrySet()) {
        if (!z.getKey().matches("[1-9A-Fa-f][0-9A-Fa-f]{0,5}")) {
          throw new IllegalArgumentException("zones." + z.getKey() + ": a zone number without leading zeros");
        }
        if (z.getValue() == null) {
          throw new IllegalArgumentException("zones." + z.getKey() + ": empty");
        }
      }
    }

    public byte[] keyBytes() {
      return key == null ? null : HexFormat.of().parseHex(key);
    }
  }

  /**
   * @param device the CampusGuard device id the zone stands for (a panic button wired to the panel: list it under
   *     {@code devices:} too, with its type and room, to have it supervised and shown by room)
   * @param room where it is, shown in the detail of the panel's alarms
   * @param panic whether it is a panic zone: the panel's periodic test counts as its self-test
   */
  public record ZoneSettings(String device, String room, Boolean panic) {
    public ZoneSettings {
      Ids.require("device", device);
      panic = Boolean.TRUE.equals(panic);
      if (room != null && (room.isBlank() || room.length() > 100)) {
        throw new IllegalArgumentException("room: must be 1..100 characters when given");
      }
    }
  }

  private static void port(String field, Integer port) {
    if (port != null && (port < 0 || port > 65535)) {
      throw new IllegalArgumentException(field + ": must be 0..65535");
    }
  }

  private static Duration positive(String field, Duration d, Duration dflt) {
    if (d == null) {
      return dflt;
    }
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(field + ": must be positive");
    }
    return d;
  }

  private static void codes(String field, Map<String, String> codes, String pattern) {
    for (Map.Entry<String, String> e : codes.entrySet()) {
      if (!e.getKey().matches(pattern)) {
        throw new IllegalArgumentException(field + "." + e.getKey() + ": not a code of that protocol");
      }
      try {
        Category.valueOf(String.valueOf(e.getValue()).toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException bad) {
        throw new IllegalArgumentException(field + "." + e.getKey() + ": " + e.getValue() + " is not one of panic, fire, burglary, tamper, "
            + "ac_loss, low_battery, trouble, test, ignore");
      }
    }
  }

  private static Map<String, Category> categories(Map<String, String> codes) {
    Map<String, Category> m = new HashMap<>();
    codes.forEach((k, v) -> m.put(k, Category.valueOf(v.toUpperCase(Locale.ROOT))));
    return m;
  }
}
