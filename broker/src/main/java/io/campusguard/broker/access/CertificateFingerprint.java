package io.campusguard.broker.access;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The SHA-256 fingerprint of a certificate's DER bytes, {@code sha256:<64 hex>}: what binds a county broker account
 * to the one certificate issued for it, so a certificate of a box since replaced (stolen, lost) no longer logs in
 * although it is signed by the county CA and still names the account.
 */
public final class CertificateFingerprint {
  private static final Pattern FORM = Pattern.compile("sha256:[0-9a-f]{64}");

  private CertificateFingerprint() {}

  public static String of(X509Certificate certificate) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** The fingerprint of the first certificate in a PEM file (a chain's leaf). */
  public static String ofPem(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return of((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
    } catch (GeneralSecurityException e) {
      throw new IOException(file + ": not a certificate: " + e.getMessage(), e);
    }
  }

  public static boolean isFingerprint(String s) {
    return s != null && FORM.matcher(s).matches();
  }
}
