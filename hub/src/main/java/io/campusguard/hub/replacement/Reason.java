package io.campusguard.hub.replacement;

import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * One thing that lowered a health score or raised a replacement score, as a code with its facts; {@link #text}
 * renders it in words from the {@code replacement} resource bundle (Chinese first, English second), so no
 * sentence lives in code. {@code points} is how much it counted.
 */
public record Reason(String code, double points, List<Object> facts) {
  public Reason {
    facts = List.copyOf(facts);
  }

  /** Chinese is the base bundle; English is {@code _en}. The JVM's own locale must not pick the language. */
  private static final ResourceBundle.Control NO_DEFAULT_LOCALE =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  public static Reason of(String code, double points, Object... facts) {
    return new Reason(code, Math.round(points * 10) / 10.0, List.of(facts));
  }

  public String text(Locale locale) {
    ResourceBundle bundle = ResourceBundle.getBundle("i18n.replacement", locale, NO_DEFAULT_LOCALE);
    try {
      return new java.text.MessageFormat(bundle.getString(code), locale).format(facts.toArray());
    } catch (MissingResourceException e) {
      return code + " " + facts;
    }
  }
}
