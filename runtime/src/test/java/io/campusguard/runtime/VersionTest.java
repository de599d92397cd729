package io.campusguard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionTest {

  /** Verifies that the version is the Maven project's, filtered into the resource at build time. */
  @Test
  void versionIsTheProjectVersion() {
    String expected = System.getProperty("campusguard.expectedVersion");
    // control: the build passes the project version in, so the comparison below is not against null
    assertThat(expected).isNotBlank().doesNotStartWith("${");
    assertThat(Version.current()).isEqualTo(expected);
  }
}
