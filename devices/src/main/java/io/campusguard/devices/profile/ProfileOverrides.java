package io.campusguard.devices.profile;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The profiles a campus's gateway runs that differ from the county defaults ({@link DeviceProfiles}): per device
 * type, and per device. Sent in the gateway's heartbeat, so the hub shows each device's profile in force; a county
 * that changes nothing sends nothing.
 */
public record ProfileOverrides(Map<DeviceType, DeviceProfile> types, Map<String, DeviceProfile> devices) {
  /** Devices with a profile of their own that one heartbeat carries at most; the gateway's config refuses more. */
  public static final int MAX_DEVICES = 256;
  public static final ProfileOverrides NONE = new ProfileOverrides(Map.of(), Map.of());

  /** Where the profile in force comes from: the device's own override, its type's on this campus, or the county's default. */
  public enum Source {
    DEVICE,
    CAMPUS,
    COUNTY
  }

  /** The profile in force for one device and where it comes from. */
  public record Effective(DeviceProfile profile, Source source) {}

  public ProfileOverrides {
    types = Map.copyOf(Objects.requireNonNull(types, "types"));
    devices = Map.copyOf(Objects.requireNonNull(devices, "devices"));
    if (devices.size() > MAX_DEVICES) {
      throw new IllegalArgumentException("devices: more than " + MAX_DEVICES + " profiles of single devices");
    }
    types.forEach((t, p) -> {
      if (p.type() != t) {
        throw new IllegalArgumentException("types: the profile under " + t + " is for " + p.type());
      }
    });
  }

  /** The profile in force for {@code device}; empty when it has no override and its type is unknown. */
  public Optional<Effective> effective(String device, DeviceType type) {
    DeviceProfile own = devices.get(device);
    if (own != null) {
      return Optional.of(new Effective(own, Source.DEVICE));
    }
    if (type == null) {
      return Optional.empty();
    }
    DeviceProfile campus = types.get(type);
    return Optional.of(campus != null ? new Effective(campus, Source.CAMPUS) : new Effective(DeviceProfiles.of(type), Source.COUNTY));
  }
}
