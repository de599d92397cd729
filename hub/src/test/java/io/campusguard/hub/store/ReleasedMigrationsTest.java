package io.campusguard.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.hub.TestDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Released migrations are never edited: a county's database has already run them, so Flyway would refuse to start
 * the hub on a changed checksum (or, worse, a fix would never reach the databases that ran the old text). A change
 * to the schema is a new migration with a higher version.
 *
 * <p>When a release ships a new migration, add its version and checksum to {@link #RELEASED}. Migrations not listed
 * yet must be newer than every listed one.
 */
@Timeout(60)
class ReleasedMigrationsTest {
  /** Version to Flyway's checksum of the file as released. */
  private static final Map<String, Integer> RELEASED = new LinkedHashMap<>();

  static {
    RELEASED.put("1", 1999624005);
    RELEASED.put("10", 1064681890);
    RELEASED.put("20", -1602289498);
    RELEASED.put("21", 243618772);
    RELEASED.put("30", 205948845);
    RELEASED.put("41", 1014358176);
    RELEASED.put("50", 1418066400);
    RELEASED.put("60", -529240144);
    RELEASED.put("70", -1076949444);
    RELEASED.put("80", 1278601553);
  }

  /**
   * Verifies that every released migration is still there with the checksum it was released with, that the rest are
   * newer than the released ones, and that migrations only go forward (versioned SQL only: no undo, no repeatable).
   */
  @Test
  void releasedMigrationsAreNeverEdited() {
    try (TestDatabase db = new TestDatabase()) {
      List<MigrationInfo> all = List.of(MigrationPathTest.flyway(db, MigrationVersion.LATEST).info().all());
      Map<String, Integer> actual = new LinkedHashMap<>();
      all.forEach(m -> actual.put(m.getVersion().getVersion(), m.getChecksum()));

      for (Map.Entry<String, Integer> released : RELEASED.entrySet()) {
        assertThat(actual).as("released migration V%s is gone: a county's database has run it; add a new migration instead "
            + "(found %s)", released.getKey(), actual).containsKey(released.getKey());
        assertThat(actual.get(released.getKey()))
            .as("V%s was edited after release: add a new migration instead (all checksums: %s)", released.getKey(), actual)
            .isEqualTo(released.getValue());
      }
      MigrationVersion newestReleased = RELEASED.keySet().stream().map(MigrationVersion::fromVersion)
          .max(MigrationVersion::compareTo).orElseThrow();
      for (MigrationInfo m : all) {
        assertThat(m.getScript()).as("only versioned SQL migrations (V<n>__name.sql): no undo, no repeatable")
            .matches(script -> m.getVersion() != null && script.startsWith("V") && script.endsWith(".sql"));
        assertThat(m.getVersion()).as("migration V%s is not released yet, so it must come after V%s", m.getVersion(), newestReleased)
            .matches(v -> RELEASED.containsKey(v.getVersion()) || v.isNewerThan(newestReleased.getVersion()));
      }
      // control: the list checked something
      assertThat(actual).hasSizeGreaterThanOrEqualTo(RELEASED.size());
    }
  }
}
