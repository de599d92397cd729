package io.campusguard.hub.embedded;

import io.campusguard.broker.access.BcryptPasswords;
import io.campusguard.broker.access.BrokerAccess;
import io.campusguard.broker.access.BrokerIdentity;
import io.campusguard.broker.access.CountyAccounts;
import io.campusguard.broker.access.CountyTopicPolicy;
import io.campusguard.hub.HubConfig;
import io.campusguard.runtime.config.ConfigException;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The access control of the hub's embedded county broker, from {@code embedded.brokerAccounts}: the accounts
 * file, the topic policy for the hub's shared group, and the hub's refusal log as listener.
 */
public final class EmbeddedBrokerAccess {
  static final String FIELD = "embedded.brokerAccounts";

  private EmbeddedBrokerAccess() {}

  /**
   * Reads the accounts and checks that the hub's own {@code mqtt.user}/{@code mqtt.password} is a hub account
   * among them, so a hub that could not subscribe to its own broker refuses to start instead. Blocks (file, one
   * bcrypt check): call it on a worker thread.
   *
   * @throws ConfigException naming {@code embedded.brokerAccounts} (file missing, unreadable or bad) or
   *     {@code mqtt.user}/{@code mqtt.password} (no such hub account)
   */
  public static BrokerAccess load(HubConfig config, MeterRegistry metrics) {
    Path file = Path.of(config.embedded().brokerAccounts());
    CountyAccounts accounts;
    try {
      accounts = CountyAccounts.read(file, new BcryptPasswords());
    } catch (NoSuchFileException e) {
      throw new ConfigException(FIELD, file + ": no such file (write it with campusguard broker-access --out DIR)");
    } catch (IOException e) {
      throw new ConfigException(FIELD, "cannot read " + file + ": " + e);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(FIELD, e.getMessage());
    }
    String user = config.mqtt().user();
    Optional<BrokerIdentity> declared = accounts.identity(user);
    if (declared.isEmpty() || declared.get().role() != BrokerIdentity.Role.HUB) {
      throw new ConfigException("mqtt.user", user + " is not a hub account in " + file);
    }
    if (accounts.authenticate(user, config.mqtt().password().getBytes(StandardCharsets.UTF_8)).isEmpty()) {
      throw new ConfigException("mqtt.password", "does not match the hub account " + user + " in " + file);
    }
    CountyTopicPolicy policy = new CountyTopicPolicy(Set.of(config.mqtt().sharedGroup()));
    return new BrokerAccess(accounts, policy, new BrokerRefusalLog(metrics));
  }
}
