package io.campusguard.testing;

import io.campusguard.runtime.tls.CountyPki;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Certificates for TLS tests, written as PEM into a folder: a county CA ({@code ca.pem}), a broker certificate that
 * names {@code localhost} only ({@code broker.pem} with the CA, {@code broker.key}; so {@code ssl://127.0.0.1}
 * fails the host name check), a client certificate per given common name ({@code NAME.pem}, {@code NAME.key}),
 * and another CA ({@code other-ca.pem}) that trusts none of them.
 */
public final class TestPki {
  private final Path dir;

  private TestPki(Path dir) {
    this.dir = dir;
  }

  public static TestPki write(Path dir, String... clientNames) {
    CountyPki pki = new CountyPki();
    Instant now = Instant.now();
    CountyPki.Issued ca = pki.createCa("Test County CA", now, CountyPki.DEFAULT_CA_VALIDITY);
    CountyPki.writeCertificates(dir.resolve("ca.pem"), ca.certificate());
    CountyPki.Issued server = pki.issueServer(ca, "county-broker", List.of("localhost"), now, CountyPki.DEFAULT_VALIDITY);
    CountyPki.writeCertificates(dir.resolve("broker.pem"), server.certificate(), ca.certificate());
    CountyPki.writeKey(dir.resolve("broker.key"), server.key());
    for (String name : clientNames) {
      CountyPki.Issued client = pki.issueClient(ca, name, now, CountyPki.DEFAULT_VALIDITY);
      CountyPki.writeCertificates(dir.resolve(name + ".pem"), client.certificate(), ca.certificate());
      CountyPki.writeKey(dir.resolve(name + ".key"), client.key());
    }
    CountyPki.writeCertificates(dir.resolve("other-ca.pem"), pki.createCa("Another CA", now, CountyPki.DEFAULT_CA_VALIDITY).certificate());
    return new TestPki(dir);
  }

  /** The path of one of the files, as a config takes it. */
  public String file(String name) {
    return dir.resolve(name).toString();
  }

  public String ca() {
    return file("ca.pem");
  }

  public String otherCa() {
    return file("other-ca.pem");
  }

  public String brokerCert() {
    return file("broker.pem");
  }

  public String brokerKey() {
    return file("broker.key");
  }
}
