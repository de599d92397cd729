package io.campusguard.runtime.tls;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One certificate a TLS link presents ({@code role} {@code own}) or trusts ({@code role} {@code ca}), and when it
 * stops being valid: what a monitoring gauge needs to warn before an expired certificate cuts a campus off.
 *
 * @param link the config section the certificate comes from, e.g. {@code countyBroker.tls}
 * @param role {@code own} (our certificate: the client's or the listener's) or {@code ca} (a CA we trust)
 * @param subject the certificate's subject (RFC 2253)
 */
public record CertificateInUse(String link, String role, String subject, Instant notAfter) {
  public static final String OWN = "own";
  public static final String CA = "ca";

  /** Time left until {@link #notAfter}; negative once it has expired. */
  public Duration remaining(Instant now) {
    return Duration.between(now, notAfter);
  }

  /**
   * The certificates of one link's files: the leaf of {@code certFile} (PEM or PKCS#12) and every certificate of
   * {@code caFile}. Reads files: call at start, never on an event loop. A file that cannot be read fails as
   * {@link TlsMaterial} does, naming the field ({@code certFile: cannot read …}); the link itself fails the same
   * way before this is asked.
   */
  public static List<CertificateInUse> of(String link, TlsFiles files) {
    List<CertificateInUse> found = new ArrayList<>();
    if (files == null) {
      return found;
    }
    if (files.certFile() != null) {
      found.add(of(link, OWN, ownLeaf(files)));
    }
    if (files.caFile() != null) {
      for (X509Certificate ca : TlsMaterial.readCertificates("caFile", Path.of(files.caFile()))) {
        found.add(of(link, CA, ca));
      }
    }
    return found;
  }

  private static CertificateInUse of(String link, String role, X509Certificate certificate) {
    return new CertificateInUse(link, role, certificate.getSubjectX500Principal().getName(), certificate.getNotAfter().toInstant());
  }

  private static X509Certificate ownLeaf(TlsFiles files) {
    if (!TlsFiles.isPkcs12(files.certFile())) {
      return TlsMaterial.readCertificates("certFile", Path.of(files.certFile())).get(0);
    }
    char[] password = "campusguard".toCharArray();
    KeyStore store = TlsMaterial.keyStore(files, password);
    try {
      Certificate[] chain = store.getCertificateChain("key");
      return (X509Certificate) chain[0];
    } catch (KeyStoreException e) {
      throw new IllegalArgumentException("certFile: " + files.certFile() + ": " + e.getMessage(), e);
    }
  }
}
