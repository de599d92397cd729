package io.campusguard.simulators.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.broker.access.BcryptPasswords;
import io.campusguard.broker.access.BrokerIdentity;
import io.campusguard.broker.access.CountyAccounts;
import io.campusguard.broker.access.CountyBrokerFiles;
import io.campusguard.testing.TestServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code broker-access} command at two campuses, with the test run's mosquitto_passwd. */
@Timeout(120)
class BrokerAccessCommandTest {
  @TempDir
  Path dir;

  /**
   * Verifies that the command writes the four files owner-only, that the accounts parse and the printed
   * passwords log in, and that the output says how to use them.
   */
  @Test
  void writesParsableOwnerOnlyFiles() throws Exception {
    // given two campuses and Mosquitto's own password tool
    Path out = dir.resolve("county-broker");
    StringWriter printed = new StringWriter();

    // when the command runs
    int exit = new CommandLine(new BrokerAccessCommand()).setOut(new PrintWriter(printed)).execute(
        "--out", out.toString(), "--campuses", "LP-001,LP-002", "--mosquitto-passwd", TestServices.mosquittoPasswdBin());

    // then every file is there, readable by the owner only
    assertThat(exit).as(printed.toString()).isZero();
    for (String name : List.of(CountyBrokerFiles.ACCOUNTS, CountyBrokerFiles.MOSQUITTO_ACL, CountyBrokerFiles.MOSQUITTO_PASSWD,
        CountyBrokerFiles.CREDENTIALS)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(name)))).as(name).isEqualTo("rw-------");
    }
    // and the accounts parse: the hub and one gateway per campus, and each printed password logs in as its own
    CountyAccounts accounts = CountyAccounts.read(out.resolve(CountyBrokerFiles.ACCOUNTS), new BcryptPasswords());
    assertThat(accounts.accounts()).extracting(a -> a.identity().username()).containsExactly("hub", "gw-LP-001", "gw-LP-002");
    Map<String, String> passwords = Files.readAllLines(out.resolve(CountyBrokerFiles.CREDENTIALS)).stream().skip(1)
        .map(l -> l.split("\t")).collect(Collectors.toMap(f -> f[0], f -> f[3]));
    assertThat(accounts.authenticate("gw-LP-001", passwords.get("gw-LP-001").getBytes(StandardCharsets.UTF_8)))
        .contains(BrokerIdentity.gateway("LP-001"));
    assertThat(accounts.authenticate("gw-LP-001", passwords.get("gw-LP-002").getBytes(StandardCharsets.UTF_8))).isEmpty();
    // and Mosquitto's files name each user, with hashed passwords only
    assertThat(Files.readString(out.resolve(CountyBrokerFiles.MOSQUITTO_ACL))).contains("user gw-LP-002\ntopic write county/LP-002/events");
    String passwd = Files.readString(out.resolve(CountyBrokerFiles.MOSQUITTO_PASSWD));
    assertThat(passwd).contains("gw-LP-001:$").doesNotContain(passwords.get("gw-LP-001"));
    // and the output says where each piece of config goes
    assertThat(printed.toString()).contains("brokerAccounts: " + out.resolve(CountyBrokerFiles.ACCOUNTS).toAbsolutePath(),
        "username: gw-LP-001", "allow_anonymous false", "password_file ", "acl_file ");
  }

  /** Verifies that existing files are kept unless --force is given, and replaced with it. */
  @Test
  void refusesToOverwriteWithoutForce() throws Exception {
    String[] args = {"--out", dir.toString(), "--campuses", "LP-001", "--mosquitto-passwd", TestServices.mosquittoPasswdBin()};
    assertThat(new CommandLine(new BrokerAccessCommand()).setOut(new PrintWriter(new StringWriter())).execute(args)).isZero();
    String before = Files.readString(dir.resolve(CountyBrokerFiles.CREDENTIALS));

    StringWriter err = new StringWriter();
    int again = new CommandLine(new BrokerAccessCommand()).setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err)).execute(args);
    assertThat(again).isNotZero();
    assertThat(err.toString()).contains("already exist", "--force");
    assertThat(Files.readString(dir.resolve(CountyBrokerFiles.CREDENTIALS))).isEqualTo(before);

    String[] forced = {"--out", dir.toString(), "--campuses", "LP-001", "--mosquitto-passwd", TestServices.mosquittoPasswdBin(), "--force"};
    assertThat(new CommandLine(new BrokerAccessCommand()).setOut(new PrintWriter(new StringWriter())).execute(forced)).isZero();
    assertThat(Files.readString(dir.resolve(CountyBrokerFiles.CREDENTIALS))).isNotEqualTo(before);
  }

  /** Verifies that a campus id that is not an allowed id is refused before anything is written. */
  @Test
  void refusesABadCampusId() {
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new BrokerAccessCommand()).setErr(new PrintWriter(err)).execute("--out", dir.toString(), "--campuses", "LP-001,#");
    assertThat(exit).isNotZero();
    assertThat(err.toString()).contains("campuses: # is not an allowed id");
    assertThat(dir).isEmptyDirectory();
  }
}
