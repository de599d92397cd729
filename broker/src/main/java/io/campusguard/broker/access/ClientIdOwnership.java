package io.campusguard.broker.access;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which account a client id belongs to: the account whose username it is, or whose username and a {@code -}
 * begin it ({@code gw-LP-017}, {@code gw-LP-017-up}; {@code hub}, {@code hub-1-p0}). Where two accounts could both
 * claim it ({@code gw-LP-01} and {@code gw-LP-01-2} for {@code gw-LP-01-2-up}), the longer username wins, so no
 * account can name its ids to take another's. Decided from the accounts alone: the same after every restart, and
 * no first-come claim for a thief to make while the owner is offline. MQTT lets a new connection with a client id
 * cut off the one holding it, so a client id outside its own account is refused at CONNECT.
 */
public final class ClientIdOwnership {
  private ClientIdOwnership() {}

  /** The username among {@code isAccount} that owns {@code clientId}, or empty for none. */
  public static Optional<String> owner(String clientId, Predicate<String> isAccount) {
    if (clientId == null || clientId.isEmpty()) {
      return Optional.empty();
    }
    if (isAccount.test(clientId)) {
      return Optional.of(clientId);
    }
    for (int i = clientId.lastIndexOf('-'); i > 0; i = clientId.lastIndexOf('-', i - 1)) {
      String prefix = clientId.substring(0, i);
      if (isAccount.test(prefix)) {
        return Optional.of(prefix);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code username} may connect with {@code clientId}. */
  public static boolean mayUse(String username, String clientId, Predicate<String> isAccount) {
    return username != null && owner(clientId, isAccount).filter(username::equals).isPresent();
  }
}
