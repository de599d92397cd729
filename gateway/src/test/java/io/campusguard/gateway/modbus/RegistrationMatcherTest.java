package io.campusguard.gateway.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A dialling-in modem's first bytes: registered, still arriving, or refused. */
class RegistrationMatcherTest {
  private final ModbusSettings.Modem text = new ModbusSettings.Modem("dtu-1", "LP017-DTU-01", "hb");
  private final ModbusSettings.Modem imei = new ModbusSettings.Modem("dtu-2", "hex:0861234567890123", null);
  private final RegistrationMatcher matcher = new RegistrationMatcher(List.of(text, imei));

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Verifies a registration in pieces is waited for, then recognised, and the bytes after it are kept. */
  @Test
  void aRegistrationInPiecesIsWaitedForAndWhatFollowsIsKept() {
    assertThat(matcher.decide(ascii("LP017-"))).isInstanceOf(RegistrationMatcher.Wait.class);
    assertThat(matcher.decide(ascii("LP017-DTU-01"))).isInstanceOfSatisfying(RegistrationMatcher.Registered.class, r -> {
      assertThat(r.modem().id()).isEqualTo("dtu-1");
      assertThat(r.leftover()).isEmpty();
    });
    assertThat(matcher.decide(ascii("LP017-DTU-01hb"))).isInstanceOfSatisfying(RegistrationMatcher.Registered.class,
        r -> assertThat(r.leftover()).isEqualTo(ascii("hb")));
    assertThat(matcher.decide(new byte[] {0x08, 0x61, 0x23})).isInstanceOf(RegistrationMatcher.Wait.class);
    assertThat(matcher.decide(new byte[] {0x08, 0x61, 0x23, 0x45, 0x67, (byte) 0x89, 0x01, 0x23}))
        .isInstanceOfSatisfying(RegistrationMatcher.Registered.class, r -> assertThat(r.modem().id()).isEqualTo("dtu-2"));
  }

  /** Verifies bytes no registration starts with are refused at once, even before they are as long as one. */
  @Test
  void anUnknownRegistrationIsRefused() {
    assertThat(matcher.decide(ascii("LP017-DTU-9"))).isInstanceOf(RegistrationMatcher.Refuse.class);
    assertThat(matcher.decide(ascii("X"))).isInstanceOf(RegistrationMatcher.Refuse.class);
    assertThat(matcher.decide(ascii("LP017-DTU-99"))).isInstanceOf(RegistrationMatcher.Refuse.class);
  }

  /** Verifies bad packet settings are refused naming the field. */
  @Test
  void badPacketSettingsNameTheField() {
    assertThatThrownBy(() -> new ModbusSettings.Modem("dtu-3", "hex:0G", null)).hasMessageStartingWith("registration:");
    assertThatThrownBy(() -> new ModbusSettings.Modem("dtu-3", "x", "hex:")).hasMessageStartingWith("heartbeat:");
  }
}
