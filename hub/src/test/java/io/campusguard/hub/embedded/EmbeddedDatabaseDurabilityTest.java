package io.campusguard.hub.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-box hub's database is durable: the hub acknowledges a commit to a gateway, which then deletes the events,
 * so a commit must survive a power cut. The embedded library's defaults (fsync off, asynchronous commit) are not.
 */
@Timeout(120)
class EmbeddedDatabaseDurabilityTest {
  @TempDir
  Path dir;

  /** Verifies fsync, synchronous commit and full page writes are on, and that closing leaves no server behind. */
  @Test
  void commitsAreDurable() throws Exception {
    Path data = dir.resolve("postgres");
    try (EmbeddedDatabase db = EmbeddedDatabase.start(data);
        Connection c = DriverManager.getConnection(db.config().jdbcUrl(), db.config().user(), db.config().password());
        Statement st = c.createStatement()) {
      assertThat(show(st, "fsync")).isEqualTo("on");
      assertThat(show(st, "synchronous_commit")).isEqualTo("on");
      assertThat(show(st, "full_page_writes")).isEqualTo("on");
      assertThat(StalePostgres.runningServer(data)).isPresent();
    }
    assertThat(StalePostgres.runningServer(data)).as("the server once closed").isEmpty();
  }

  private static String show(Statement st, String setting) throws Exception {
    try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
