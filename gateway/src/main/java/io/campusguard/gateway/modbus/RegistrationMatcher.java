package io.campusguard.gateway.modbus;

import java.util.Arrays;
import java.util.List;

/**
 * Decides, from the first bytes a dialling-in modem has sent so far, whether it is a configured modem (its
 * registration packet, and whatever followed it), may still become one (a packet arriving in pieces), or never will.
 */
final class RegistrationMatcher {
  private final List<ModbusSettings.Modem> modems;

  RegistrationMatcher(List<ModbusSettings.Modem> modems) {
    this.modems = List.copyOf(modems);
  }

  sealed interface Decision permits Registered, Wait, Refuse {}

  /** The modem, and the bytes that came after its registration (already the start of its traffic). */
  record Registered(ModbusSettings.Modem modem, byte[] leftover) implements Decision {}

  /** What came so far is the start of some registration: read on. */
  record Wait() implements Decision {}

  /** No registration starts so. */
  record Refuse() implements Decision {}

  Decision decide(byte[] got) {
    boolean couldStillMatch = false;
    for (ModbusSettings.Modem m : modems) {
      byte[] reg = m.registrationBytes();
      if (got.length >= reg.length) {
        if (Arrays.equals(got, 0, reg.length, reg, 0, reg.length)) {
          return new Registered(m, Arrays.copyOfRange(got, reg.length, got.length));
        }
      } else if (Arrays.equals(reg, 0, got.length, got, 0, got.length)) {
        couldStillMatch = true;
      }
    }
    return couldStillMatch ? new Wait() : new Refuse();
  }
}
