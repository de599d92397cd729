package io.campusguard.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The id allow-list, checked by a loop, answers exactly as its regular expression does. */
class IdsTest {

  /** Verifies the edges of the allow-list: first character, length, and the characters around the allowed ranges. */
  @Test
  void edgesOfTheAllowList() {
    assertThat(Ids.isValid("LP-017")).isTrue();
    assertThat(Ids.isValid("a")).isTrue();
    assertThat(Ids.isValid("0_-")).isTrue();
    assertThat(Ids.isValid("x".repeat(64))).isTrue();
    assertThat(Ids.isValid("x".repeat(65))).isFalse();
    assertThat(Ids.isValid("")).isFalse();
    assertThat(Ids.isValid(null)).isFalse();
    assertThat(Ids.isValid("-LP")).isFalse();
    assertThat(Ids.isValid("_LP")).isFalse();
    for (String bad : new String[] {"LP/017", "LP+", "LP#", "LP 017", "LP.017", "LP\u0000", "LP`", "LP@", "LP[", "LP{", "LP:", "LPé"}) {
      assertThat(Ids.isValid(bad)).as(bad).isFalse();
    }
  }

  /** Verifies that random strings over a dangerous alphabet get the regular expression's answer. */
  @Test
  void answersAsTheRegularExpressionOnRandomStrings() {
    String alphabet = "aZ09_-/+#. @[`{:\u0000\u00e9\uD83D\uDE00AZaz";
    Random random = new Random(17);
    int valid = 0;
    for (int n = 0; n < 200_000; n++) {
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(70);
      for (int i = 0; i < length; i++) {
        s.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length())) : (char) ('a' + random.nextInt(26)));
      }
      String id = s.toString();
      boolean expected = id.length() <= Ids.MAX_LENGTH && Ids.pattern().matcher(id).matches();
      assertThat(Ids.isValid(id)).as(id).isEqualTo(expected);
      valid += expected ? 1 : 0;
    }
    assertThat(valid).as("both answers occur").isBetween(1, 199_999);
  }
}
