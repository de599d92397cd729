package io.campusguard.simulators.launcher;

import io.campusguard.broker.access.BrokerIdentity;
import io.campusguard.runtime.tls.CountyPki;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pki}: a county CA for a pilot, the county broker's server certificate (with the names and addresses
 * gateways use for it), and a client certificate per campus gateway ({@code CN=gw-{campus}}); see
 * {@link CountyPki}. An existing CA in {@code --out} is reused, so gateways can be added later.
 */
@Command(
    name = "pki",
    mixinStandardHelpOptions = true,
    description = "Generate a county CA, the county broker's TLS certificate and one client certificate per campus gateway (PEM; keys mode 0600).")
final class PkiCommand implements Callable<Integer> {
  static final String CA_CERT = "county-ca.pem";
  static final String CA_KEY = "county-ca.key";
  static final String BROKER_CERT = "county-broker.pem";
  static final String BROKER_KEY = "county-broker.key";
  static final String GATEWAYS = "gateways";

  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, description = "folder to write into (created if missing)")
  Path out;

  @Option(names = "--san", required = true, split = ",",
      description = "host names and IP addresses gateways use to reach the county broker, e.g. county.example,10.20.0.5")
  List<String> san;

  @Option(names = "--campuses", split = ",", description = "campus ids (default: the simulated county's 129 campuses)")
  List<String> campuses;

  @Option(names = "--seed", defaultValue = "2025", description = "simulated county's seed, when --campuses is not given (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--days", defaultValue = "825", description = "validity of the broker and gateway certificates in days (default ${DEFAULT-VALUE})")
  int days;

  @Option(names = "--ca-days", defaultValue = "3650", description = "validity of a new CA in days (default ${DEFAULT-VALUE})")
  int caDays;

  @Option(names = "--ca-name", defaultValue = "CampusGuard County CA", description = "the new CA's common name (default ${DEFAULT-VALUE})")
  String caName;

  @Option(names = "--force", description = "replace broker and gateway certificates already in --out")
  boolean force;

  @Override
  public Integer call() {
    PrintWriter print = spec.commandLine().getOut();
    List<String> register = CampusIds.resolve(campuses, seed, spec);
    if (days < 1 || caDays < days) {
      throw new ParameterException(spec.commandLine(), "days: at least 1 and not beyond --ca-days");
    }
    List<Path> leaves = new ArrayList<>(List.of(out.resolve(BROKER_CERT), out.resolve(BROKER_KEY)));
    register.forEach(c -> leaves.add(gatewayCert(c)));
    List<Path> existing = leaves.stream().filter(Files::exists).toList();
    if (!existing.isEmpty() && !force) {
      throw new ParameterException(spec.commandLine(), "out: " + existing.size() + " certificate(s) already exist (e.g. " + existing.get(0)
          + "); --force replaces them");
    }
    CountyPki pki = new CountyPki();
    Instant now = Instant.now();
    CountyPki.Issued ca;
    boolean reused = Files.exists(out.resolve(CA_CERT)) && Files.exists(out.resolve(CA_KEY));
    if (reused) {
      ca = CountyPki.read(out.resolve(CA_CERT), out.resolve(CA_KEY));
    } else {
      ca = pki.createCa(caName, now, Duration.ofDays(caDays));
      CountyPki.writeCertificates(out.resolve(CA_CERT), ca.certificate());
      CountyPki.writeKey(out.resolve(CA_KEY), ca.key());
    }
    Duration validity = Duration.ofDays(days);
    CountyPki.Issued broker;
    try {
      broker = pki.issueServer(ca, "county-broker", san, now, validity);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    CountyPki.writeCertificates(out.resolve(BROKER_CERT), broker.certificate(), ca.certificate());
    CountyPki.writeKey(out.resolve(BROKER_KEY), broker.key());
    for (String campus : register) {
      String username = BrokerIdentity.gateway(campus).username();
      CountyPki.Issued gateway = pki.issueClient(ca, username, now, validity);
      CountyPki.writeCertificates(gatewayCert(campus), gateway.certificate(), ca.certificate());
      CountyPki.writeKey(gatewayKey(campus), gateway.key());
    }

    print.printf("county PKI in %s (keys mode 0600, certificates valid %d days, ECDSA P-256):%n", out.toAbsolutePath(), days);
    print.printf("  %-22s the CA%s; keep %s offline once the pilot's certificates are issued%n", CA_CERT,
        reused ? " (existing, reused)" : "", CA_KEY);
    print.printf("  %-22s the county broker's certificate (+ CA), for %s; key %s%n", BROKER_CERT, String.join(", ", san), BROKER_KEY);
    print.printf("  %-22s one certificate (+ CA) and key per gateway, CN gw-<campus>: %d campuses%n", GATEWAYS + "/", register.size());
    print.println();
    Path pkiAt = InstalledPaths.PKI;
    String gw = BrokerIdentity.GATEWAY_PREFIX + register.get(0);
    print.printf("install them as the guide says (install.md): the county server's in %s, each gateway's pair in %s of its box;%n",
        pkiAt, InstalledPaths.GATEWAY_PKI);
    print.printf("%s stays here, offline. The config lines below name the installed files.%n", CA_KEY);
    print.println("hub (embedded county broker), in hub.yaml:");
    print.printf("  embedded: { brokerAccounts: /etc/campusguard/county-broker/county-accounts,%n"
        + "              brokerTls: { port: 8883, certFile: %s, keyFile: %s, caFile: %s, clientAuth: optional } }%n",
        pkiAt.resolve(BROKER_CERT), pkiAt.resolve(BROKER_KEY), pkiAt.resolve(CA_CERT));
    print.println("Mosquitto as the county broker: campusguard broker-access --out DIR --pki " + out.toAbsolutePath()
        + " writes mosquitto-county.conf with the TLS listener");
    print.printf("each gateway, in gateway.yaml (e.g. %s):%n", register.get(0));
    print.printf("  countyBroker: { url: ssl://%s:8883, username: %s, password: <credentials.tsv of broker-access>,%n", san.get(0), gw);
    print.printf("                  tls: { caFile: %s, certFile: %s, keyFile: %s } }%n", pkiAt.resolve(CA_CERT),
        InstalledPaths.GATEWAY_PKI.resolve(gw + ".pem"), InstalledPaths.GATEWAY_PKI.resolve(gw + ".key"));
    print.flush();
    return 0;
  }

  private Path gatewayCert(String campus) {
    return out.resolve(GATEWAYS).resolve(BrokerIdentity.GATEWAY_PREFIX + campus + ".pem");
  }

  private Path gatewayKey(String campus) {
    return out.resolve(GATEWAYS).resolve(BrokerIdentity.GATEWAY_PREFIX + campus + ".key");
  }
}
