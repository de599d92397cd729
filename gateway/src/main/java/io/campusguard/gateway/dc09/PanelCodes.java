package io.campusguard.gateway.dc09;

import io.campusguard.gateway.dc09.PanelEvent.Category;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the events of a data block: Contact ID ({@code #acct|QEEE GG ZZZ}, ADM-CID) and SIA ({@code #acct|Nri1/PA15},
 * SIA-DCS), and gives each code its {@link Category}: the defaults below, over which the config's own map is laid.
 */
public final class PanelCodes {
  private static final Pattern CID = Pattern.compile("([136])(\\d{3})\\s?([0-9A-Fa-f]{2})\\s?([0-9A-Fa-f]{3})");
  private static final Pattern SIA_EVENT = Pattern.compile("([A-Z]{2})([0-9A-Za-z]{0,6})");

  /** Contact ID event codes (qualifier 1 = new, 3 = restore, 6 = status). */
  static final Map<String, Category> CID_DEFAULTS = cidDefaults();

  /** SIA two-letter codes: alarm codes and restore codes, each to its category. */
  static final Map<String, Category> SIA_DEFAULTS = new HashMap<>();
  static final java.util.Set<String> SIA_RESTORES = new java.util.HashSet<>();

  static {
    sia(Category.PANIC, "PA", "PR", "HA", "HR", "QA", "QR");
    sia(Category.FIRE, "FA", "FR", "FH", "FJ");
    sia(Category.BURGLARY, "BA", "BR", "BV", "BH");
    sia(Category.TAMPER, "TA", "TR", "ES", "EJ", "XS", "XJ");
    sia(Category.AC_LOSS, "AT", "AR");
    sia(Category.LOW_BATTERY, "YT", "YR", "XT", "XR");
    sia(Category.TROUBLE, "YP", "YQ", "ET", "ER", "FT", "FJ", "UT", "UJ", "BT", "BJ", "YC", "YK");
    sia(Category.TEST, "RP", "RX");
    SIA_RESTORES.addAll(List.of("PR", "HR", "QR", "FR", "FH", "BR", "BH", "TR", "EJ", "XJ", "AR", "YR", "XR", "YQ", "ER", "FJ", "UJ", "BJ", "YK"));
  }

  private final Map<String, Category> cid;
  private final Map<String, Category> sia;

  /** @param cidOverrides Contact ID code (3 digits) → category; @param siaOverrides SIA code → category */
  public PanelCodes(Map<String, Category> cidOverrides, Map<String, Category> siaOverrides) {
    this.cid = new HashMap<>(CID_DEFAULTS);
    this.cid.putAll(cidOverrides);
    this.sia = new HashMap<>(SIA_DEFAULTS);
    this.sia.putAll(siaOverrides);
  }

  public static PanelCodes defaults() {
    return new PanelCodes(Map.of(), Map.of());
  }

  /** The data block's events (none for a block that names none); a code we do not know is {@link Category#IGNORE}. */
  public List<PanelEvent> read(String id, String data) {
    int bar = data.indexOf('|');
    String events = bar < 0 ? data : data.substring(bar + 1);
    return Dc09Frame.ADM_CID.equals(id) ? contactId(events) : Dc09Frame.SIA_DCS.equals(id) ? sia(events) : List.of();
  }

  private List<PanelEvent> contactId(String events) {
    Matcher m = CID.matcher(events.strip());
    if (!m.matches()) {
      return List.of();
    }
    String code = m.group(2);
    return List.of(new PanelEvent(cid.getOrDefault(code, Category.IGNORE), m.group(1).equals("3"), zone(m.group(4)), "cid:" + m.group(1) + code));
  }

  private List<PanelEvent> sia(String events) {
    // N (new) or O (old) in front, then blocks split by '/': lower-case modifiers (ri1, ti12:00, id5) and events (PA15)
    String body = events.startsWith("N") || events.startsWith("O") ? events.substring(1) : events;
    List<PanelEvent> out = new ArrayList<>();
    for (String block : body.split("/", 32)) {
      int start = 0;
      while (start < block.length() && Character.isLowerCase(block.charAt(start))) {
        // a modifier written in front of the code in the same block: ri1PA15
        start += 2;
        while (start < block.length() && !Character.isUpperCase(block.charAt(start))) {
          start++;
        }
      }
      Matcher m = SIA_EVENT.matcher(block.substring(Math.min(start, block.length())));
      if (m.matches()) {
        String code = m.group(1);
        out.add(new PanelEvent(sia.getOrDefault(code, Category.IGNORE), SIA_RESTORES.contains(code), zone(m.group(2)), "sia:" + code));
      }
    }
    return out;
  }

  private static String zone(String digits) {
    String z = digits.replaceFirst("^0+", "");
    return z.isEmpty() ? "0" : z.toUpperCase(Locale.ROOT);
  }

  private static void sia(Category category, String... codes) {
    for (String c : codes) {
      SIA_DEFAULTS.put(c, category);
    }
  }

  private static Map<String, Category> cidDefaults() {
    Map<String, Category> m = new HashMap<>();
    for (int c = 110; c <= 118; c++) {
      m.put(String.valueOf(c), Category.FIRE);
    }
    for (int c = 120; c <= 123; c++) {
      m.put(String.valueOf(c), Category.PANIC); // 120 panic, 121 duress, 122 silent, 123 audible
    }
    for (int c = 130; c <= 139; c++) {
      m.put(String.valueOf(c), Category.BURGLARY);
    }
    for (String c : List.of("137", "144", "145", "383", "341")) {
      m.put(c, Category.TAMPER);
    }
    m.put("301", Category.AC_LOSS);
    for (String c : List.of("302", "309", "311", "338", "342", "384")) {
      m.put(c, Category.LOW_BATTERY);
    }
    for (String c : List.of("300", "305", "306", "308", "310", "312", "320", "330", "333", "350", "351", "354", "373", "380", "381")) {
      m.put(c, Category.TROUBLE);
    }
    m.put("601", Category.TEST);
    m.put("602", Category.TEST);
    m.put("603", Category.TEST);
    return Map.copyOf(m);
  }
}
