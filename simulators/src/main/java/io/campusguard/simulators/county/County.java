package io.campusguard.simulators.county;

import io.campusguard.devices.asset.Asset;
import io.campusguard.devices.profile.DeviceType;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The simulated county: its towns and campuses, and views over their devices. */
public record County(String name, List<String> towns, List<Campus> campuses) {
  public County {
    towns = List.copyOf(towns);
    campuses = List.copyOf(campuses);
  }

  /** The same county with only the given campuses (for a partial simulation). */
  public County only(java.util.Collection<String> ids) {
    return new County(name, towns, campuses.stream().filter(c -> ids.contains(c.id())).toList());
  }

  public Stream<SimDevice> devices() {
    return campuses.stream().flatMap(c -> c.devices().stream());
  }

  public Map<DeviceType, Long> deviceCounts() {
    return devices().collect(Collectors.groupingBy(SimDevice::type, Collectors.counting()));
  }

  public int pupils() {
    return campuses.stream().mapToInt(Campus::pupils).sum();
  }

  public Map<String, Campus> byId() {
    return campuses.stream().collect(Collectors.toMap(Campus::id, Function.identity()));
  }

  /** The asset register the hub imports, generated from the same devices. */
  public List<Asset> assetRegister() {
    return devices()
        .map(
            d ->
                new Asset(
                    d.id(), d.campus(), d.room(), d.type().category(), d.make(), d.model(), d.purchaseDate(), d.price(), d.warrantyEnd()))
        .collect(Collectors.toList());
  }
}
