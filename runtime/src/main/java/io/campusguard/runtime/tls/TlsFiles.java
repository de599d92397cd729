package io.campusguard.runtime.tls;

import java.util.Locale;

/**
 * The files of one end of a TLS link, as a config section writes them:
 *
 * <pre>
 * tls: { caFile: /etc/campusguard/pki/county-ca.pem, certFile: gw-LP-017.pem, keyFile: gw-LP-017.key }
 * </pre>
 *
 * On a client, {@code caFile} is the CA the server's certificate must chain to (its host name is checked too;
 * left out, the JVM's trusted CAs), and {@code certFile}/{@code keyFile} an optional client certificate. On a
 * listener, {@code certFile}/{@code keyFile} are the server's certificate chain and key (required), and
 * {@code caFile} the CA of the client certificates it accepts. {@code certFile} may instead be a PKCS#12 file
 * ({@code .p12}/{@code .pfx}) holding key and chain; {@code keyFile} is then left out and {@code keyPassword}
 * opens it. PEM keys are not encrypted (protect them with the file's mode: the {@code pki} command writes 0600).
 *
 * <p>Only the shape is checked here; the files are read when the link is built ({@link TlsMaterial}), so a
 * config can be checked on another machine.
 */
public record TlsFiles(String caFile, String certFile, String keyFile, String keyPassword) {
  public TlsFiles {
    caFile = blankToNull(caFile, "caFile");
    certFile = blankToNull(certFile, "certFile");
    keyFile = blankToNull(keyFile, "keyFile");
    if (certFile == null && keyFile != null) {
      throw new IllegalArgumentException("certFile: required with keyFile");
    }
    if (certFile != null && isPkcs12(certFile)) {
      if (keyFile != null) {
        throw new IllegalArgumentException("keyFile: leave it out, the PKCS#12 certFile holds the key");
      }
    } else if (certFile != null && keyFile == null) {
      throw new IllegalArgumentException("keyFile: required with a PEM certFile");
    }
  }

  /** Trust only {@code caFile}, no certificate of our own. */
  public static TlsFiles trusting(String caFile) {
    return new TlsFiles(caFile, null, null, null);
  }

  /** True when a certificate of our own (client certificate, or a listener's) is configured. */
  public boolean hasCertificate() {
    return certFile != null;
  }

  static boolean isPkcs12(String file) {
    String f = file.toLowerCase(Locale.ROOT);
    return f.endsWith(".p12") || f.endsWith(".pfx");
  }

  private static String blankToNull(String value, String field) {
    if (value != null && value.isBlank()) {
      throw new IllegalArgumentException(field + ": blank (leave it out instead)");
    }
    return value;
  }

  @Override
  public String toString() {
    return "TlsFiles[ca " + caFile + ", cert " + certFile + ", key " + keyFile + (keyPassword == null ? "" : ", password hidden") + "]";
  }
}
