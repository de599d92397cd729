package io.campusguard.broker.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The county broker's accounts: each identity with its bcrypt hash. Read from and written to an accounts file,
 * one account per line, {@code username role campus hash} separated by spaces ({@code -} for the hub's
 * campus); {@code #} starts a comment. A bad file is refused whole, naming the line and the field.
 */
public final class CountyAccounts {
  /**
   * One identity, the bcrypt hash of its password and, for a gateway given a client certificate, that certificate's
   * fingerprint ({@link CertificateFingerprint}); null: no certificate logs in as this account on its own.
   */
  public record Account(BrokerIdentity identity, String passwordHash, String certificate) {
    public Account {
      if (!BcryptPasswords.isBcrypt(passwordHash)) {
        throw new IllegalArgumentException("passwordHash: not a bcrypt hash");
      }
      if (certificate != null && !CertificateFingerprint.isFingerprint(certificate)) {
        throw new IllegalArgumentException("certificate: not sha256:<64 lower-case hex>");
      }
    }

    public Account(BrokerIdentity identity, String passwordHash) {
      this(identity, passwordHash, null);
    }
  }

  private final Map<String, Account> byUsername;
  private final BcryptPasswords passwords;

  public CountyAccounts(Collection<Account> accounts, BcryptPasswords passwords) {
    Map<String, Account> map = new LinkedHashMap<>();
    for (Account a : accounts) {
      if (map.put(a.identity().username(), a) != null) {
        throw new IllegalArgumentException("accounts: username " + a.identity().username() + " appears twice");
      }
    }
    this.byUsername = Collections.unmodifiableMap(map);
    this.passwords = passwords;
  }

  /**
   * The identity whose username and password these are, or empty. Takes a bcrypt check's time whether or not
   * the username exists; call it off any event loop.
   */
  public Optional<BrokerIdentity> authenticate(String username, byte[] password) {
    Account account = username == null ? null : byUsername.get(username);
    boolean ok = passwords.matches(account == null ? null : account.passwordHash(), password);
    return ok && account != null ? Optional.of(account.identity()) : Optional.empty();
  }

  /**
   * Why a client certificate with this fingerprint may not stand for {@code username}, or empty when it may: the
   * account must exist and be bound to exactly this certificate.
   */
  public Optional<String> certificateRefusal(String username, String fingerprint) {
    Account account = username == null ? null : byUsername.get(username);
    if (account == null) {
      return Optional.of("client certificate for an unknown identity");
    }
    if (account.certificate() == null) {
      return Optional.of("no certificate is bound to " + username + " (broker-access --pki binds the issued ones)");
    }
    return account.certificate().equals(fingerprint) ? Optional.empty()
        : Optional.of("not the certificate bound to " + username + " (revoked or replaced)");
  }

  /** Whether {@code username}'s account is bound to a certificate. */
  public boolean boundToCertificate(String username) {
    Account account = username == null ? null : byUsername.get(username);
    return account != null && account.certificate() != null;
  }

  /** These accounts with the certificates of {@code fingerprints} (username to fingerprint) bound. */
  public CountyAccounts withCertificates(Map<String, String> fingerprints) {
    List<Account> out = new ArrayList<>();
    for (Account a : byUsername.values()) {
      String bound = fingerprints.getOrDefault(a.identity().username(), a.certificate());
      out.add(new Account(a.identity(), a.passwordHash(), bound));
    }
    return new CountyAccounts(out, passwords);
  }

  /** The identity of a username that has an account (no password check: for a client already authenticated). */
  public Optional<BrokerIdentity> identity(String username) {
    return Optional.ofNullable(username == null ? null : byUsername.get(username)).map(Account::identity);
  }

  public List<Account> accounts() {
    return List.copyOf(byUsername.values());
  }

  /** Reads an accounts file; throws {@link IllegalArgumentException} naming the file, line and field. */
  public static CountyAccounts read(Path file, BcryptPasswords passwords) throws IOException {
    List<Account> accounts = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        accounts.add(parse(line));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    try {
      return new CountyAccounts(accounts, passwords);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** The file's text: a header comment and one line per account. */
  public String toFileText() {
    StringBuilder out = new StringBuilder("# CampusGuard county broker accounts: username role campus bcrypt-hash [certificate sha256]\n");
    for (Account a : byUsername.values()) {
      BrokerIdentity id = a.identity();
      out.append(id.username()).append(' ').append(id.role().wireName()).append(' ')
          .append(id.campus() == null ? "-" : id.campus()).append(' ').append(a.passwordHash());
      if (a.certificate() != null) {
        out.append(' ').append(a.certificate());
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static Account parse(String line) {
    String[] f = line.split("\\s+");
    if (f.length != 4 && f.length != 5) {
      throw new IllegalArgumentException("expected 4 or 5 fields (username role campus hash [certificate]), got " + f.length);
    }
    BrokerIdentity.Role role = switch (f[1]) {
      case "gateway" -> BrokerIdentity.Role.GATEWAY;
      case "hub" -> BrokerIdentity.Role.HUB;
      default -> throw new IllegalArgumentException("role: expected gateway or hub, got " + f[1]);
    };
    if (!BcryptPasswords.isBcrypt(f[3])) {
      throw new IllegalArgumentException("hash: not a bcrypt hash ($2y$NN$…)");
    }
    return new Account(new BrokerIdentity(f[0], role, "-".equals(f[2]) ? null : f[2]), f[3], f.length == 5 ? f[4] : null);
  }
}
