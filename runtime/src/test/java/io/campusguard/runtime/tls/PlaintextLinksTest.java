package io.campusguard.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlaintextLinksTest {
  /** Verifies that plaintext to loopback is allowed with a warning, to anything else only with allowPlaintext. */
  @Test
  void plaintextOnlyToLoopbackUnlessAllowed() {
    assertThat(PlaintextLinks.check("tcp://127.0.0.1:1883", false)).hasValueSatisfying(w -> assertThat(w).contains("loopback"));
    assertThat(PlaintextLinks.check("tcp://localhost:1883", false)).isPresent();
    assertThat(PlaintextLinks.check("tcp://[::1]:1883", false)).isPresent();
    assertThatThrownBy(() -> PlaintextLinks.check("tcp://10.0.0.6:1883", false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("url: ").hasMessageContaining("allowPlaintext: true");
    // a name is never looked up: "localhost.example" is remote
    assertThatThrownBy(() -> PlaintextLinks.check("tcp://localhost.example:1883", false)).isInstanceOf(IllegalArgumentException.class);
    assertThat(PlaintextLinks.check("tcp://10.0.0.6:1883", true)).hasValueSatisfying(w -> assertThat(w).contains("allowPlaintext"));
    assertThat(PlaintextLinks.check("ssl://10.0.0.6:8883", false)).isEmpty();
  }

  /** Verifies the listener rule: a plain listener off loopback needs allowPlaintext. */
  @Test
  void plainListenerOffLoopbackNeedsAllowPlaintext() {
    assertThat(PlaintextLinks.checkListener("127.0.0.1", false)).isPresent();
    assertThatThrownBy(() -> PlaintextLinks.checkListener("0.0.0.0", false)).hasMessageStartingWith("bindAddress: ");
    assertThat(PlaintextLinks.checkListener("192.168.10.2", true)).isPresent();
  }
}
