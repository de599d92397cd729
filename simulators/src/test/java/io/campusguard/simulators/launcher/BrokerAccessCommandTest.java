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
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
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
        CountyBrokerFiles.CREDENTIALS, BrokerAccessCommand.MOSQUITTO_CONF)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(name)))).as(name).isEqualTo("rw-------");
    }
    // as the output says: every file it wrote (the folder holds nothing else)
    assertThat(printed.toString()).contains("(all files mode 0600");
    try (var files = Files.list(out)) {
      assertThat(files).allSatisfy(f -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
          .isEqualTo("rw-------"));
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
    assertThat(printed.toString()).contains("brokerAccounts: /etc/campusguard/county-broker/county-accounts",
        "username: gw-LP-001", "allow_anonymous false", "password_file ", "acl_file ");
    assertHintsAgreeWithTheGuide(printed.toString());
  }

  /**
   * Verifies that with --pki the gateway's line names the county broker as its certificate does, over TLS on the
   * TLS port, with the CA where the guide installs it.
   */
  @Test
  void theGatewayHintIsATlsLinkTheGatewayAccepts() throws Exception {
    Path pki = dir.resolve("pki");
    assertThat(new CommandLine(new PkiCommand()).setOut(new PrintWriter(new StringWriter()))
        .execute("--out", pki.toString(), "--campuses", "LP-001", "--san", "county.lianping.example,10.20.0.5")).isZero();
    StringWriter printed = new StringWriter();
    int exit = new CommandLine(new BrokerAccessCommand()).setOut(new PrintWriter(printed)).execute(
        "--out", dir.resolve("county-broker").toString(), "--campuses", "LP-001", "--pki", pki.toString(), "--tls-port", "8884",
        "--mosquitto-passwd", TestServices.mosquittoPasswdBin());
    assertThat(exit).as(printed.toString()).isZero();
    assertThat(printed.toString())
        .contains("countyBroker: { url: ssl://county.lianping.example:8884, username: gw-LP-001,")
        .contains("tls: { caFile: /etc/campusguard/pki/county-ca.pem }");
    assertHintsAgreeWithTheGuide(printed.toString());
  }

  /** No plaintext link to another host, no {@code ./campusguard} (the distribution has bin/campusguard). */
  static void assertHintsAgreeWithTheGuide(String printed) {
    assertThat(Pattern.compile("tcp://(?!127\\.0\\.0\\.1|localhost)[^\\s,}]+").matcher(printed).results()
        .map(MatchResult::group).toList()).as(printed).isEmpty();
    assertThat(printed).doesNotContain("./campusguard");
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
