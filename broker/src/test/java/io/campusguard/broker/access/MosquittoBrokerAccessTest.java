package io.campusguard.broker.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The county access contract against a real Mosquitto running on the generated password and ACL files. */
@Timeout(180)
class MosquittoBrokerAccessTest extends CountyBrokerAccessContract {
  private static List<BrokerCredential> credentials;
  private static MosquittoWithAccess mosquitto;
  private static Path files;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("county-mosquitto-");
    files = dir.resolve("files");
    BcryptPasswords passwords = new BcryptPasswords(new SecureRandom(), 4);
    credentials = newCredentials(passwords);
    CountyBrokerFiles.write(files, credentials, CountyTopicPolicy.standard(), passwords, Optional.of(Path.of(TestServices.mosquittoPasswdBin())));
    mosquitto = MosquittoWithAccess.start(dir, files.resolve(CountyBrokerFiles.MOSQUITTO_PASSWD), files.resolve(CountyBrokerFiles.MOSQUITTO_ACL));
  }

  @AfterAll
  static void stop() {
    if (mosquitto != null) {
      mosquitto.close();
    }
  }

  @Override
  String url() {
    return mosquitto.url();
  }

  @Override
  List<BrokerCredential> credentials() {
    return credentials;
  }

  @Override
  boolean refusesBadClientIds() {
    return false;
  }

  @Override
  boolean refusesForeignSubscriptionsInSuback() {
    return false;
  }

  @Override
  boolean disconnectsOnRefusedPublish() {
    return false;
  }

  /** Verifies that the generated files hold hashes, not passwords, readable by their owner only. */
  @Test
  void generatedFilesHoldNoPlainPasswordsAndAreOwnerOnly() throws Exception {
    String passwd = Files.readString(files.resolve(CountyBrokerFiles.MOSQUITTO_PASSWD), StandardCharsets.UTF_8);
    String accounts = Files.readString(files.resolve(CountyBrokerFiles.ACCOUNTS), StandardCharsets.UTF_8);
    for (BrokerCredential c : credentials) {
      assertThat(passwd).contains(c.identity().username() + ":$").doesNotContain(c.password());
      assertThat(accounts).contains(c.identity().username() + " ").doesNotContain(c.password());
    }
    String distributed = Files.readString(files.resolve(CountyBrokerFiles.CREDENTIALS), StandardCharsets.UTF_8);
    assertThat(distributed).contains("gw-LP-001\tgateway\tLP-001\t" + password("gw-LP-001"));
    for (String f : List.of(CountyBrokerFiles.MOSQUITTO_PASSWD, CountyBrokerFiles.ACCOUNTS, CountyBrokerFiles.CREDENTIALS, CountyBrokerFiles.MOSQUITTO_ACL)) {
      assertThat(Files.getPosixFilePermissions(files.resolve(f))).as(f)
          .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }
    try (var left = Files.list(files)) {
      assertThat(left.map(p -> p.getFileName().toString())).as("no temporary plain files left")
          .containsExactlyInAnyOrder(CountyBrokerFiles.MOSQUITTO_PASSWD, CountyBrokerFiles.ACCOUNTS, CountyBrokerFiles.CREDENTIALS, CountyBrokerFiles.MOSQUITTO_ACL);
    }
  }
}
