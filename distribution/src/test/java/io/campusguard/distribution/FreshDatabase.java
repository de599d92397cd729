package io.campusguard.distribution;

import io.campusguard.testing.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;

/** An empty database of its own on the test command's PostgreSQL, for a hub started from the distribution. */
final class FreshDatabase {
  private FreshDatabase() {}

  /** Creates {@code prefix_<millis>} and returns its JDBC url (the test user's credentials log in). */
  static String create(String prefix) throws Exception {
    String url = TestServices.pgUrl();
    String name = prefix + "_" + System.currentTimeMillis();
    try (Connection c = DriverManager.getConnection(url, TestServices.pgUser(), TestServices.pgPassword())) {
      c.createStatement().execute("CREATE DATABASE " + name);
    }
    int slash = url.lastIndexOf('/');
    int query = url.indexOf('?', slash);
    return url.substring(0, slash + 1) + name + (query < 0 ? "" : url.substring(query));
  }
}
