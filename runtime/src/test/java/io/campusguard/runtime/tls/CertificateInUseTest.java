package io.campusguard.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificates a link's files hold, with the time each has left: what the expiry gauges export. */
class CertificateInUseTest {
  @TempDir Path dir;

  /** Verifies that a client link yields its own leaf (not the CA appended to its chain) and its trusted CA, each with its own end. */
  @Test
  void ownLeafAndTrustedCaWithTheirEnds() {
    CountyPki pki = new CountyPki();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    CountyPki.Issued ca = pki.createCa("Test CA", now, Duration.ofDays(3650));
    CountyPki.Issued client = pki.issueClient(ca, "gw-LP-017", now, Duration.ofDays(20));
    CountyPki.writeCertificates(dir.resolve("ca.pem"), ca.certificate());
    CountyPki.writeCertificates(dir.resolve("gw.pem"), client.certificate(), ca.certificate());
    CountyPki.writeKey(dir.resolve("gw.key"), client.key());

    List<CertificateInUse> found = CertificateInUse.of("countyBroker.tls",
        new TlsFiles(dir.resolve("ca.pem").toString(), dir.resolve("gw.pem").toString(), dir.resolve("gw.key").toString(), null));

    assertThat(found).extracting(CertificateInUse::role).containsExactly(CertificateInUse.OWN, CertificateInUse.CA);
    CertificateInUse own = found.get(0);
    assertThat(own.link()).isEqualTo("countyBroker.tls");
    assertThat(own.subject()).contains("CN=gw-LP-017");
    assertThat(own.remaining(now)).isBetween(Duration.ofDays(20).minusMinutes(1), Duration.ofDays(20));
    assertThat(found.get(1).subject()).contains("CN=Test CA");
    assertThat(found.get(1).remaining(now)).isGreaterThan(Duration.ofDays(3000));
    // control: past its end the time left is negative
    assertThat(own.remaining(now.plus(Duration.ofDays(21)))).isNegative();
  }

  /** Verifies that no TLS section means no certificates, and a CA file that is not a certificate fails naming the field. */
  @Test
  void noFilesNoCertificatesAndBadFileNamesTheField() throws Exception {
    assertThat(CertificateInUse.of("mqtt.tls", null)).isEmpty();
    Files.writeString(dir.resolve("bad.pem"), "not a certificate");
    assertThatThrownBy(() -> CertificateInUse.of("mqtt.tls", TlsFiles.trusting(dir.resolve("bad.pem").toString())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("caFile:");
  }
}
