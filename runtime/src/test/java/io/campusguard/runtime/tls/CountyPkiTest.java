package io.campusguard.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pilot CA's certificates verify as a chain, carry the names and purposes they should, and keys stay private. */
class CountyPkiTest {
  @TempDir Path dir;

  /** Verifies that server and client certificates chain to the CA, with their SANs, purposes and validity. */
  @Test
  void issuedCertificatesVerifyAgainstTheCa() throws Exception {
    CountyPki pki = new CountyPki();
    Instant now = Instant.now();
    CountyPki.Issued ca = pki.createCa("Test CA", now, Duration.ofDays(3650));
    CountyPki.Issued server = pki.issueServer(ca, "county-broker", List.of("county.example", "10.20.0.5"), now, Duration.ofDays(825));
    CountyPki.Issued client = pki.issueClient(ca, "gw-LP-017", now, Duration.ofDays(825));
    CountyPki.writeCertificates(dir.resolve("ca.pem"), ca.certificate());
    CountyPki.writeCertificates(dir.resolve("server.pem"), server.certificate(), ca.certificate());
    CountyPki.writeKey(dir.resolve("server.key"), server.key());
    CountyPki.writeCertificates(dir.resolve("client.pem"), client.certificate(), ca.certificate());
    CountyPki.writeKey(dir.resolve("client.key"), client.key());

    // read back from the files, as a broker or gateway would
    X509Certificate caCert = TlsMaterial.readCertificates("caFile", dir.resolve("ca.pem")).get(0);
    List<X509Certificate> serverChain = TlsMaterial.readCertificates("certFile", dir.resolve("server.pem"));
    List<X509Certificate> clientChain = TlsMaterial.readCertificates("certFile", dir.resolve("client.pem"));
    assertThat(serverChain).hasSize(2);
    validate(serverChain.get(0), caCert, "1.3.6.1.5.5.7.3.1");
    validate(clientChain.get(0), caCert, "1.3.6.1.5.5.7.3.2");
    assertThat(caCert.getBasicConstraints()).isZero();
    assertThat(serverChain.get(0).getBasicConstraints()).isEqualTo(-1);
    assertThat(serverChain.get(0).getSubjectAlternativeNames())
        .extracting(n -> n.get(0) + ":" + n.get(1))
        .containsExactlyInAnyOrder("2:county.example", "7:10.20.0.5");
    assertThat(clientChain.get(0).getSubjectX500Principal().getName()).contains("CN=gw-LP-017");
    // valid now (backdated an hour for slow clocks), not beyond the requested days
    assertThat(serverChain.get(0).getNotBefore()).isBefore(Date.from(now));
    assertThat(serverChain.get(0).getNotAfter()).isEqualTo(Date.from(now.plus(Duration.ofDays(825)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
    // keys readable by the owner only, certificates by all
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("server.key")))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("server.pem")))).isEqualTo("rw-r--r--");
    // the key matches its certificate (a key store accepts the pair) and reads back
    KeyStore store = TlsMaterial.keyStore(new TlsFiles(null, dir.resolve("server.pem").toString(), dir.resolve("server.key").toString(), null),
        "x".toCharArray());
    assertThat(store.getCertificateChain("key")).hasSize(2);
    assertThat(CountyPki.read(dir.resolve("ca.pem"), dir.resolve("server.key")).key()).isEqualTo(server.key());
  }

  /** Verifies that a certificate of another CA does not validate against this one (control for the chain check). */
  @Test
  void foreignCertificateDoesNotVerify() {
    CountyPki pki = new CountyPki();
    Instant now = Instant.now();
    CountyPki.Issued ca = pki.createCa("Test CA", now, Duration.ofDays(10));
    CountyPki.Issued other = pki.createCa("Other CA", now, Duration.ofDays(10));
    CountyPki.Issued client = pki.issueClient(other, "gw-LP-017", now, Duration.ofDays(5));
    assertThatThrownBy(() -> validate(client.certificate(), ca.certificate(), "1.3.6.1.5.5.7.3.2"))
        .isInstanceOf(java.security.cert.CertPathValidatorException.class);
    assertThatThrownBy(() -> pki.issueServer(ca, "broker", List.of("bad name!"), now, Duration.ofDays(5)))
        .hasMessageStartingWith("san: ");
    assertThatThrownBy(() -> pki.issueServer(ca, "broker", List.of(), now, Duration.ofDays(5))).hasMessageStartingWith("san: ");
  }

  private static void validate(X509Certificate cert, X509Certificate ca, String extendedKeyUsage) throws Exception {
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert)), params);
    assertThat(cert.getExtendedKeyUsage()).containsExactly(extendedKeyUsage);
  }
}
