package io.campusguard.broker.access;

import io.campusguard.devices.Ids;
import io.campusguard.devices.Topics;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Who may connect to a gateway's campus broker: the campus's devices, each logging in with its own device id
 * as username and its password ({@link DeviceAccounts}). A device may publish only its own reports,
 * {@code campus/{thisCampus}/{kind}/{itsOwnId}}, and subscribe to nothing; everything else is refused and
 * counted.
 */
public final class CampusDeviceAccess implements ClientAccess {
  private final String campus;
  private final DeviceAccounts devices;
  private final AccessRefusals refusals;

  /** @param listener called for every refusal on a broker thread, quick; null for none */
  public CampusDeviceAccess(String campus, DeviceAccounts devices, Consumer<AccessRefusal> listener) {
    this.campus = Ids.require("campus", campus);
    this.devices = Objects.requireNonNull(devices, "devices: required");
    this.refusals = new AccessRefusals("campus broker " + campus, listener);
  }

  public DeviceAccounts devices() {
    return devices;
  }

  public long refusals(AccessRefusal.Kind kind) {
    return refusals.count(kind);
  }

  public long refusalsTotal() {
    return refusals.total();
  }

  @Override
  public boolean authenticate(String username, byte[] password) {
    return devices.authenticate(username, password);
  }

  @Override
  public boolean knows(String username) {
    return devices.contains(username);
  }

  @Override
  public Optional<String> publishRefusal(String username, String topic) {
    if (!devices.contains(username)) {
      return Optional.of("not authenticated");
    }
    var parsed = Topics.parseCampus(topic);
    if (!parsed.isOk()) {
      return Optional.of("not a device topic (campus/{campus}/{kind}/{device})");
    }
    Topics.CampusTopic t = parsed.orElseThrow();
    if (!t.campus().equals(campus)) {
      return Optional.of("campus " + t.campus() + " is not this broker's campus " + campus);
    }
    if (!t.device().equals(username)) {
      return Optional.of("device " + username + " may not publish as device " + t.device());
    }
    return Optional.empty();
  }

  @Override
  public Optional<String> subscribeRefusal(String username, String filter) {
    return Optional.of("devices do not subscribe on the campus broker");
  }

  @Override
  public void refused(AccessRefusal refusal) {
    refusals.record(refusal);
  }
}
