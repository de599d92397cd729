package io.campusguard.broker.access;

import io.campusguard.devices.Ids;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Makes the county broker's identities from the campus register and writes what each broker needs, all
 * readable by the owner only:
 *
 * <ul>
 *   <li>{@value #ACCOUNTS} — bcrypt hashes, for the embedded broker ({@link CountyAccounts#read});
 *   <li>{@value #MOSQUITTO_ACL} and {@value #MOSQUITTO_PASSWD} — Mosquitto's {@code acl_file} and
 *       {@code password_file}; the password file is hashed by Mosquitto's own {@code mosquitto_passwd};
 *   <li>{@value #CREDENTIALS} — the plain passwords, one line per identity, for the county to distribute
 *       (then delete).
 * </ul>
 */
public final class CountyBrokerFiles {
  public static final String ACCOUNTS = "county-accounts";
  public static final String MOSQUITTO_ACL = "mosquitto.acl";
  public static final String MOSQUITTO_PASSWD = "mosquitto.passwd";
  public static final String CREDENTIALS = "credentials.tsv";
  private static final long PASSWD_TIMEOUT_SECONDS = 120;

  private CountyBrokerFiles() {}

  /** A gateway identity per campus and a hub account per name, each with a new random password. */
  public static List<BrokerCredential> generate(Collection<String> campuses, Collection<String> hubUsers, BcryptPasswords passwords) {
    List<BrokerCredential> out = new ArrayList<>();
    for (String hub : hubUsers) {
      out.add(new BrokerCredential(BrokerIdentity.hub(hub), passwords.generate()));
    }
    for (String campus : campuses) {
      out.add(new BrokerCredential(BrokerIdentity.gateway(campus), passwords.generate()));
    }
    return List.copyOf(out);
  }

  /** The accounts (bcrypt hashes) for these credentials. */
  public static CountyAccounts accounts(List<BrokerCredential> credentials, BcryptPasswords passwords) {
    return new CountyAccounts(
        credentials.stream().map(c -> new CountyAccounts.Account(c.identity(), passwords.hash(c.password()))).toList(), passwords);
  }

  /**
   * Writes all four files into {@code dir}. With no {@code mosquittoPasswd} binary the Mosquitto password file
   * is left out. Blocks while bcrypt and {@code mosquitto_passwd} run.
   *
   * @throws IllegalStateException when {@code mosquitto_passwd} fails, with its output
   */
  public static CountyAccounts write(
      Path dir, List<BrokerCredential> credentials, CountyTopicPolicy policy, BcryptPasswords passwords, Optional<Path> mosquittoPasswd)
      throws IOException {
    return write(dir, credentials, policy, passwords, mosquittoPasswd, Map.of());
  }

  /**
   * As {@link #write(Path, List, CountyTopicPolicy, BcryptPasswords, Optional)}, binding each username of
   * {@code certificates} to that certificate fingerprint: only that certificate logs in as it on its own.
   */
  public static CountyAccounts write(
      Path dir, List<BrokerCredential> credentials, CountyTopicPolicy policy, BcryptPasswords passwords, Optional<Path> mosquittoPasswd,
      Map<String, String> certificates) throws IOException {
    Files.createDirectories(dir);
    CountyAccounts accounts = accounts(credentials, passwords).withCertificates(certificates);
    List<BrokerIdentity> identities = credentials.stream().map(BrokerCredential::identity).toList();
    writeOwnerOnly(dir.resolve(ACCOUNTS), accounts.toFileText());
    writeOwnerOnly(dir.resolve(MOSQUITTO_ACL), MosquittoAclFile.text(identities, policy));
    writeOwnerOnly(dir.resolve(CREDENTIALS), credentialsText(credentials));
    if (mosquittoPasswd.isPresent()) {
      writeMosquittoPasswords(mosquittoPasswd.get(), dir.resolve(MOSQUITTO_PASSWD), credentials);
    }
    return accounts;
  }

  /**
   * Mosquitto's password file, hashed by {@code mosquitto_passwd -U} (its own format, PBKDF2-SHA512): the
   * plain {@code user:password} lines go to a private temporary file, never on a command line, and are hashed
   * in place before the file takes its name.
   */
  public static void writeMosquittoPasswords(Path mosquittoPasswd, Path target, List<BrokerCredential> credentials) throws IOException {
    Map<String, String> plain = new LinkedHashMap<>();
    credentials.forEach(c -> plain.put(c.identity().username(), c.password()));
    writeMosquittoPasswords(mosquittoPasswd, target, plain);
  }

  /** The same for plain {@code username -> password} pairs (usernames must be allowed ids: no ':' or newline). */
  public static void writeMosquittoPasswords(Path mosquittoPasswd, Path target, Map<String, String> userPasswords) throws IOException {
    StringBuilder plain = new StringBuilder();
    userPasswords.forEach((user, password) ->
        plain.append(Ids.require("username", user)).append(':').append(password).append('\n'));
    // mosquitto_passwd keeps a backup copy of the plain file next to it while it works: a private folder keeps
    // that copy unreadable by others too.
    Path work = Files.createTempDirectory(target.toAbsolutePath().getParent(), ".passwd-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path file = work.resolve("passwd");
    try {
      writeOwnerOnly(file, plain.toString());
      Process p = new ProcessBuilder(mosquittoPasswd.toString(), "-U", file.toString()).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(PASSWD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(mosquittoPasswd + " -U did not finish within " + PASSWD_TIMEOUT_SECONDS + " s");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(mosquittoPasswd + " -U failed with status " + p.exitValue() + ": " + output);
      }
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank() && !line.substring(line.indexOf(':') + 1).startsWith("$")) {
          throw new IllegalStateException(mosquittoPasswd + " -U left the password of " + line.substring(0, line.indexOf(':')) + " unhashed");
        }
      }
      Files.move(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while " + mosquittoPasswd + " ran", e);
    } finally {
      try (var left = Files.list(work)) {
        for (Path f : left.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(work);
    }
  }

  private static String credentialsText(List<BrokerCredential> credentials) {
    StringBuilder out = new StringBuilder("username\trole\tcampus\tpassword\n");
    for (BrokerCredential c : credentials) {
      BrokerIdentity id = c.identity();
      out.append(id.username()).append('\t').append(id.role().wireName()).append('\t')
          .append(id.campus() == null ? "-" : id.campus()).append('\t').append(c.password()).append('\n');
    }
    return out.toString();
  }

  /** Creates (or replaces) {@code file} with mode 0600 from the start, so the text is never readable by others. */
  public static void writeOwnerOnly(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".new");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | UncheckedIOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }
}
