package io.campusguard.simulators.launcher;

import io.campusguard.broker.access.BcryptPasswords;
import io.campusguard.broker.access.BrokerCredential;
import io.campusguard.broker.access.CountyBrokerFiles;
import io.campusguard.broker.access.CountyBurst;
import io.campusguard.broker.access.CountyTopicPolicy;
import io.campusguard.broker.access.MosquittoConfFile;
import io.campusguard.devices.Ids;
import io.campusguard.gateway.uplink.UplinkConfig;
import io.campusguard.hub.ingest.MqttConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code broker-access}: the county broker's accounts for a campus register (a hub account and one gateway
 * account per campus, each with a new random password) and the files each broker needs; see
 * {@link CountyBrokerFiles}.
 */
@Command(
    name = "broker-access",
    mixinStandardHelpOptions = true,
    description = "Generate the county broker's accounts (hub and one gateway per campus): files for the hub's embedded broker and for Mosquitto.")
final class BrokerAccessCommand implements Callable<Integer> {
  static final Path DEFAULT_MOSQUITTO_PASSWD = Path.of("/usr/bin/mosquitto_passwd");

  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, description = "folder to write into (created if missing)")
  Path out;

  @Option(names = "--campuses", split = ",", description = "campus ids, e.g. LP-001,LP-002 (default: the simulated county's 129 campuses)")
  List<String> campuses;

  @Option(names = "--seed", defaultValue = "2025", description = "simulated county's seed, when --campuses is not given (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--hub-user", defaultValue = "hub", description = "the hub's username (default ${DEFAULT-VALUE})")
  String hubUser;

  @Option(names = "--shared-group", defaultValue = MqttConfig.DEFAULT_SHARED_GROUP,
      description = "the hubs' shared-subscription group, mqtt.sharedGroup (default ${DEFAULT-VALUE})")
  String sharedGroup;

  @Option(names = "--mosquitto-passwd", description = "mosquitto_passwd, to write mosquitto.passwd (default: " + "/usr/bin/mosquitto_passwd if it exists)")
  Path mosquittoPasswd;

  @Option(names = "--force", description = "replace files already in --out")
  boolean force;

  @Option(names = "--pki", description = "folder of `campusguard pki` (county-ca.pem, county-broker.pem, county-broker.key): "
      + "the Mosquitto config then gets a TLS listener for the gateways")
  Path pki;

  @Option(names = "--port", defaultValue = "1883", description = "Mosquitto's plain listener on loopback, for the hub (default ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--tls-port", defaultValue = "8883", description = "Mosquitto's TLS listener, for the gateways (default ${DEFAULT-VALUE})")
  int tlsPort;

  @Option(names = "--mosquitto-data", description = "Mosquitto's persistence folder (default /var/lib/mosquitto)")
  Path mosquittoData;

  @Option(names = "--queue-campuses", description = "gateways the Mosquitto queues are sized for (default: the campuses given, "
      + "at least " + COUNTY_CAMPUSES + ", Lianping's whole county, so a pilot's broker needs no change as campuses join)")
  Integer queueCampuses;

  @Option(names = "--install-dir", description = "where the broker host will keep these files and the --pki certificates, when "
      + "not in --out and --pki: mosquitto-county.conf then names them there (copy them over)")
  Path installDir;

  @Override
  public Integer call() throws Exception {
    PrintWriter print = spec.commandLine().getOut();
    List<String> register = register();
    Optional<Path> passwdTool = passwdTool();
    CountyTopicPolicy policy;
    try {
      Ids.require("hub-user", hubUser);
      policy = new CountyTopicPolicy(Set.of(sharedGroup));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    if (queueCampuses != null && queueCampuses < 1) {
      throw new ParameterException(spec.commandLine(), "queue-campuses: at least 1");
    }
    List<Path> existing = Stream.of(CountyBrokerFiles.ACCOUNTS, CountyBrokerFiles.MOSQUITTO_ACL, CountyBrokerFiles.MOSQUITTO_PASSWD,
        CountyBrokerFiles.CREDENTIALS).map(out::resolve).filter(Files::exists).toList();
    if (!existing.isEmpty() && !force) {
      throw new ParameterException(spec.commandLine(), "out: " + existing + " already exist(s); --force replaces them (and every old password)");
    }
    if (passwdTool.isEmpty()) {
      // An old password file must not stay beside the new ACL with the old passwords in it.
      Files.deleteIfExists(out.resolve(CountyBrokerFiles.MOSQUITTO_PASSWD));
    }

    BcryptPasswords passwords = new BcryptPasswords();
    List<BrokerCredential> credentials;
    try {
      credentials = CountyBrokerFiles.generate(register, List.of(hubUser), passwords);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    print.printf("… hashing %d passwords (bcrypt)%n", credentials.size());
    print.flush();
    // Each gateway account bound to the certificate `pki` issued it: a box replaced (and its certificate reissued)
    // leaves the old certificate unable to log in, although the CA signed it and it still names the account.
    java.util.Map<String, String> certificates = new java.util.TreeMap<>();
    if (pki != null) {
      for (String campus : register) {
        Path cert = pki.resolve(PkiCommand.GATEWAYS).resolve(io.campusguard.broker.access.BrokerIdentity.GATEWAY_PREFIX + campus + ".pem");
        if (Files.exists(cert)) {
          certificates.put(io.campusguard.broker.access.BrokerIdentity.GATEWAY_PREFIX + campus,
              io.campusguard.broker.access.CertificateFingerprint.ofPem(cert));
        }
      }
    }
    CountyBrokerFiles.write(out, credentials, policy, passwords, passwdTool, certificates);
    MosquittoConfFile.Tls tls = mosquittoTls();
    Path filesAt = installDir == null ? out : installDir;
    // Sized from this register and the gateways' default uplink window (see CountyBurst).
    CountyBurst burst = new CountyBurst(queueCampuses != null ? queueCampuses : Math.max(register.size(), COUNTY_CAMPUSES),
        UplinkConfig.DEFAULT_MAX_EVENTS_IN_FLIGHT);
    // Owner-only like the rest, as the output says: Mosquitto reads its main config as root, before it drops to
    // its own user (only password_file and acl_file are read after that, hence the chown below).
    CountyBrokerFiles.writeOwnerOnly(out.resolve(MOSQUITTO_CONF), MosquittoConfFile.text(
        port, filesAt.resolve(CountyBrokerFiles.MOSQUITTO_PASSWD), filesAt.resolve(CountyBrokerFiles.MOSQUITTO_ACL), tls,
        mosquittoData == null ? MosquittoConfFile.DEFAULT_DATA_DIR : mosquittoData, burst));

    Path accounts = InstalledPaths.COUNTY_BROKER.resolve(CountyBrokerFiles.ACCOUNTS);
    print.printf("county broker accounts: hub account %s and %d gateway accounts (gw-<campus>), in %s (all files mode 0600,%n"
        + "  keep this folder off the servers: it holds the plain passwords):%n", hubUser, register.size(), out.toAbsolutePath());
    print.printf("  %-18s bcrypt hashes, for the hub's embedded county broker%n", CountyBrokerFiles.ACCOUNTS);
    print.printf("  %-18s Mosquitto ACL (default deny; each gateway only its own campus)%n", CountyBrokerFiles.MOSQUITTO_ACL);
    if (passwdTool.isPresent()) {
      print.printf("  %-18s Mosquitto password file (hashed by %s)%n", CountyBrokerFiles.MOSQUITTO_PASSWD, passwdTool.get());
    } else {
      print.printf("  %-18s skipped: no mosquitto_passwd at %s (give --mosquitto-passwd PATH)%n", CountyBrokerFiles.MOSQUITTO_PASSWD,
          DEFAULT_MOSQUITTO_PASSWD);
    }
    print.printf("  %-18s the plain passwords: hand each to its gateway's operator, then delete this file%n", CountyBrokerFiles.CREDENTIALS);
    print.println();
    print.printf("hub (embedded county broker), in hub.yaml, with %s installed as the guide says (install.md):%n",
        CountyBrokerFiles.ACCOUNTS);
    print.printf("  embedded: { brokerAccounts: %s }%n", accounts);
    print.printf("  mqtt: { user: %s, password: <from %s> }   # or CG_HUB_MQTT_PASSWORD%n", hubUser, CountyBrokerFiles.CREDENTIALS);
    print.println("each gateway, in gateway.yaml (e.g. " + register.get(0) + "), over TLS (a gateway refuses plaintext to another host):");
    print.printf("  countyBroker: { url: ssl://%s:%d, username: gw-%s, password: <from %s>,   # or CG_GATEWAY_COUNTY_BROKER_PASSWORD%n",
        brokerName(), tlsPort, register.get(0), CountyBrokerFiles.CREDENTIALS);
    print.printf("                  tls: { caFile: %s } }%n", InstalledPaths.PKI.resolve(PkiCommand.CA_CERT));
    print.printf("  %-18s Mosquitto config: loopback listener %d for the hub%s%n", MOSQUITTO_CONF, port,
        tls == null ? "; no TLS listener (give --pki DIR of `campusguard pki`)" : ", TLS listener " + tlsPort + " for the gateways");
    if (installDir != null) {
      print.printf("  %s names its files in %s: copy %s, %s%s there (chown mosquitto)%n", MOSQUITTO_CONF, installDir,
          CountyBrokerFiles.MOSQUITTO_PASSWD, CountyBrokerFiles.MOSQUITTO_ACL,
          tls == null ? "" : ", " + PkiCommand.CA_CERT + ", " + PkiCommand.BROKER_CERT + ", " + PkiCommand.BROKER_KEY);
    }
    print.println("Mosquitto as the county broker: mosquitto -c " + out.resolve(MOSQUITTO_CONF).toAbsolutePath() + ", or in your mosquitto.conf:");
    print.println("  allow_anonymous false");
    print.printf("  password_file %s%n", passwdTool.isPresent() ? out.resolve(CountyBrokerFiles.MOSQUITTO_PASSWD).toAbsolutePath() : "<" + CountyBrokerFiles.MOSQUITTO_PASSWD + ">");
    print.printf("  acl_file %s%n", out.resolve(CountyBrokerFiles.MOSQUITTO_ACL).toAbsolutePath());
    // Mosquitto started as root drops to its own user before reading them: 0600 root files would stop it.
    print.printf("  (Mosquitto reads both as its own user: chown mosquitto %s %s)%n", CountyBrokerFiles.MOSQUITTO_PASSWD,
        CountyBrokerFiles.MOSQUITTO_ACL);
    print.flush();
    return 0;
  }

  static final String MOSQUITTO_CONF = "mosquitto-county.conf";
  /** Lianping County's campuses: the least the county broker's queues are sized for. */
  static final int COUNTY_CAMPUSES = 129;

  /** The TLS listener's files when {@code --pki} holds them; refused when --pki is given without them. */
  private MosquittoConfFile.Tls mosquittoTls() {
    if (pki == null) {
      return null;
    }
    Path ca = pki.resolve(PkiCommand.CA_CERT);
    Path cert = pki.resolve(PkiCommand.BROKER_CERT);
    Path key = pki.resolve(PkiCommand.BROKER_KEY);
    for (Path p : List.of(ca, cert, key)) {
      if (!Files.isRegularFile(p)) {
        throw new ParameterException(spec.commandLine(), "pki: " + p + " missing (write it with campusguard pki --out " + pki + ")");
      }
    }
    if (installDir != null) {
      return new MosquittoConfFile.Tls(tlsPort, installDir.resolve(PkiCommand.CA_CERT), installDir.resolve(PkiCommand.BROKER_CERT),
          installDir.resolve(PkiCommand.BROKER_KEY));
    }
    return new MosquittoConfFile.Tls(tlsPort, ca, cert, key);
  }

  /**
   * The county broker's name as its certificate states it (the first name given to {@code pki --san}), so the
   * printed url is one the gateway's TLS check accepts; without {@code --pki}, a placeholder that says so.
   */
  private String brokerName() {
    if (pki == null) {
      return "<a name given to campusguard pki --san>";
    }
    try (InputStream in = Files.newInputStream(pki.resolve(PkiCommand.BROKER_CERT))) {
      X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      Collection<List<?>> names = cert.getSubjectAlternativeNames();
      if (names != null) {
        for (List<?> name : names) {
          if (name.size() > 1 && name.get(1) instanceof String value) {
            return value;
          }
        }
      }
    } catch (IOException | CertificateException e) {
      // Read above as a file that exists; a certificate we cannot parse here still leaves the hint usable.
    }
    return "<a name given to campusguard pki --san>";
  }

  private List<String> register() {
    return CampusIds.resolve(campuses, seed, spec);
  }

  // Given: it must be there (a typo must not silently leave Mosquitto without a password file). Not given: the
  // Debian path when it exists, else the file is skipped and the output says so.
  private Optional<Path> passwdTool() {
    return passwdTool(mosquittoPasswd, spec);
  }

  static Optional<Path> passwdTool(Path mosquittoPasswd, CommandSpec spec) {
    if (mosquittoPasswd != null) {
      if (!Files.isExecutable(mosquittoPasswd)) {
        throw new ParameterException(spec.commandLine(), "mosquitto-passwd: " + mosquittoPasswd + " is not an executable file");
      }
      return Optional.of(mosquittoPasswd);
    }
    return Files.isExecutable(DEFAULT_MOSQUITTO_PASSWD) ? Optional.of(DEFAULT_MOSQUITTO_PASSWD) : Optional.empty();
  }
}
