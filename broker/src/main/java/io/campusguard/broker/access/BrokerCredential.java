package io.campusguard.broker.access;

/** A generated password for one identity, to hand to whoever runs that gateway or hub. */
public record BrokerCredential(BrokerIdentity identity, String password) {
  @Override
  public String toString() {
    return "BrokerCredential[" + identity.username() + ", password hidden]";
  }
}
