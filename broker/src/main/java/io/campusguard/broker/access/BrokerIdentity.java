package io.campusguard.broker.access;

import io.campusguard.devices.Ids;
import java.util.Locale;
import java.util.Objects;

/**
 * Who a county-broker client is, after its password was checked: a campus gateway (bound to one campus) or a
 * hub service account.
 *
 * @param username the MQTT username, an allowed id ({@code gw-LP-017}, {@code hub})
 * @param role gateway or hub
 * @param campus the gateway's own campus id; null for the hub
 */
public record BrokerIdentity(String username, Role role, String campus) {
  public static final String GATEWAY_PREFIX = "gw-";

  public enum Role {
    GATEWAY,
    HUB;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public BrokerIdentity {
    Ids.require("username", username);
    Objects.requireNonNull(role, "role: required");
    if (role == Role.GATEWAY) {
      Ids.require("campus", campus);
      if (!username.equals(GATEWAY_PREFIX + campus)) {
        throw new IllegalArgumentException("username: a gateway's username is " + GATEWAY_PREFIX + campus + ", got " + username);
      }
    } else if (campus != null) {
      throw new IllegalArgumentException("campus: a hub account serves every campus and names none");
    } else if (username.startsWith(GATEWAY_PREFIX)) {
      throw new IllegalArgumentException("username: " + GATEWAY_PREFIX + "… is kept for gateways");
    }
  }

  /** The gateway of {@code campus}: username {@code gw-{campus}}. */
  public static BrokerIdentity gateway(String campus) {
    return new BrokerIdentity(GATEWAY_PREFIX + Ids.require("campus", campus), Role.GATEWAY, campus);
  }

  /** A hub service account; several hub instances may share one (with different client ids). */
  public static BrokerIdentity hub(String username) {
    return new BrokerIdentity(username, Role.HUB, null);
  }
}
