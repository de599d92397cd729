package io.campusguard.broker.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Random topics a gateway must not publish to: other campuses, its own read-only channels, look-alikes, junk. */
final class ForeignTopics {
  private static final String[] CHANNELS = {"events", "alarms", "status", "ack", "cmd"};
  private static final String JUNK = "abcXYZ019-_./:$ 连平校安 %";

  private ForeignTopics() {}

  static List<String> generate(Random random, String own, List<String> campuses, int count) {
    Set<String> allowed = Set.of("county/" + own + "/events", "county/" + own + "/alarms", "county/" + own + "/status");
    List<String> others = campuses.stream().filter(c -> !c.equals(own)).toList();
    List<String> out = new ArrayList<>(count);
    while (out.size() < count) {
      String topic = switch (random.nextInt(7)) {
        case 0, 1 -> "county/" + pick(random, others) + "/" + pick(random, CHANNELS);
        case 2 -> "county/" + own + "/" + (random.nextBoolean() ? "ack" : "cmd");
        case 3 -> "county/LP-" + String.format("%03d", random.nextInt(1000)) + "/" + pick(random, CHANNELS);
        case 4 -> pick(random, new String[] {
            "county/" + own + "/events/x", "county/" + own + "/events/", "/county/" + own + "/events", "County/" + own + "/events",
            "county/" + own.toLowerCase() + "/events", "county/" + own + " /events", "county//events", "county/" + own,
            "$SYS/broker/x", "campus/" + own + "/panic/PB-1", "county/" + own + "/EVENTS", "county/" + own + "/status/will"});
        case 5 -> "county/" + junk(random) + "/" + pick(random, CHANNELS);
        default -> junk(random);
      };
      if (!allowed.contains(topic)) {
        out.add(topic);
      }
    }
    return out;
  }

  private static String junk(Random random) {
    StringBuilder b = new StringBuilder();
    int n = 1 + random.nextInt(24);
    for (int i = 0; i < n; i++) {
      b.append(JUNK.charAt(random.nextInt(JUNK.length())));
    }
    return b.toString();
  }

  private static String pick(Random random, List<String> from) {
    return from.get(random.nextInt(from.size()));
  }

  private static String pick(Random random, String[] from) {
    return from[random.nextInt(from.length)];
  }
}
