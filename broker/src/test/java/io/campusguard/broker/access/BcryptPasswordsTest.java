package io.campusguard.broker.access;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passwords are stored as bcrypt hashes and checked against them; the accounts file is read strictly. */
class BcryptPasswordsTest {
  // The lowest cost bcrypt allows keeps the unit tests fast; production uses DEFAULT_COST.
  private final BcryptPasswords passwords = new BcryptPasswords(new SecureRandom(), 4);
  @TempDir Path dir;

  /** Verifies that a hash matches its password only, salted (two hashes of one password differ). */
  @Test
  void hashMatchesItsPasswordOnly() {
    String pw = passwords.generate();
    String hash = passwords.hash(pw);
    assertThat(BcryptPasswords.isBcrypt(hash)).isTrue();
    assertThat(hash).doesNotContain(pw).isNotEqualTo(passwords.hash(pw));
    assertThat(passwords.matches(hash, pw.getBytes(UTF_8))).isTrue();
    assertThat(passwords.matches(hash, (pw + "x").getBytes(UTF_8))).isFalse();
    assertThat(passwords.matches(hash, new byte[0])).isFalse();
    assertThat(passwords.matches(hash, null)).isFalse();
    assertThat(passwords.matches(hash, "x".repeat(200).getBytes(UTF_8))).isFalse();
    assertThat(passwords.matches(null, pw.getBytes(UTF_8))).isFalse();
    assertThat(passwords.matches("plain-text", "plain-text".getBytes(UTF_8))).isFalse();
    assertThat(pw).hasSize(32).doesNotContain(":");
  }

  /** Verifies that only a known user with its own password is authenticated, and as whom. */
  @Test
  void accountsAuthenticateByUsernameAndPassword() {
    List<BrokerCredential> creds = CountyBrokerFiles.generate(List.of("LP-001", "LP-002"), List.of("hub"), passwords);
    CountyAccounts accounts = CountyBrokerFiles.accounts(creds, passwords);
    BrokerCredential lp1 = creds.stream().filter(c -> "gw-LP-001".equals(c.identity().username())).findFirst().orElseThrow();
    BrokerCredential lp2 = creds.stream().filter(c -> "gw-LP-002".equals(c.identity().username())).findFirst().orElseThrow();

    assertThat(accounts.authenticate("gw-LP-001", lp1.password().getBytes(UTF_8))).contains(BrokerIdentity.gateway("LP-001"));
    assertThat(accounts.authenticate("gw-LP-001", lp2.password().getBytes(UTF_8))).isEmpty();
    assertThat(accounts.authenticate("gw-LP-003", lp1.password().getBytes(UTF_8))).isEmpty();
    assertThat(accounts.authenticate(null, lp1.password().getBytes(UTF_8))).isEmpty();
    assertThat(creds.stream().map(BrokerCredential::password).distinct()).hasSize(3);
    assertThat(lp1.toString()).doesNotContain(lp1.password());
  }

  /** Verifies that the accounts file round-trips and that a bad line is refused naming its line and field. */
  @Test
  void accountsFileRoundTripsAndRefusesBadLines() throws Exception {
    List<BrokerCredential> creds = CountyBrokerFiles.generate(List.of("LP-001"), List.of("hub"), passwords);
    CountyAccounts accounts = CountyBrokerFiles.write(dir, creds, CountyTopicPolicy.standard(), passwords, java.util.Optional.empty());
    CountyAccounts back = CountyAccounts.read(dir.resolve(CountyBrokerFiles.ACCOUNTS), passwords);
    assertThat(back.accounts()).isEqualTo(accounts.accounts());
    assertThat(Files.getPosixFilePermissions(dir.resolve(CountyBrokerFiles.ACCOUNTS)))
        .isEqualTo(Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE));

    String hash = accounts.accounts().get(0).passwordHash();
    assertRefused("gw-LP-001 gateway LP-001\n", "line 1", "expected 4 or 5 fields");
    assertRefused("gw-LP-001 gateway LP-001 " + hash + " md5:abc\n", "line 1", "certificate");
    // a bound certificate's fingerprint round-trips too
    CountyAccounts bound = accounts.withCertificates(java.util.Map.of("gw-LP-001", "sha256:" + "0f".repeat(32)));
    Files.writeString(dir.resolve("bound"), bound.toFileText(), UTF_8);
    assertThat(CountyAccounts.read(dir.resolve("bound"), passwords).accounts()).isEqualTo(bound.accounts());
    assertRefused("# c\n\ngw-LP-001 robot LP-001 " + hash + "\n", "line 3", "role");
    assertRefused("gw-LP-001 gateway LP-001 secret\n", "line 1", "hash");
    assertRefused("gw-LP-002 gateway LP-001 " + hash + "\n", "line 1", "username");
    assertRefused("gw-LP-0#1 gateway LP-0#1 " + hash + "\n", "line 1", "username");
    assertRefused("hub hub - " + hash + "\nhub hub - " + hash + "\n", "accounts", "twice");
  }

  /** Verifies that a generated password longer than bcrypt reads is refused rather than cut. */
  @Test
  void refusesToHashTooLongPasswords() {
    assertThatThrownBy(() -> passwords.hash("x".repeat(73))).hasMessageContaining("password");
  }

  private void assertRefused(String text, String where, String field) throws Exception {
    Path f = dir.resolve("bad");
    Files.writeString(f, text, UTF_8);
    assertThatThrownBy(() -> CountyAccounts.read(f, passwords)).hasMessageContaining(where).hasMessageContaining(field);
  }
}
