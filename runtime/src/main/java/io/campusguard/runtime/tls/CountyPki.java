package io.campusguard.runtime.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A county's small certificate authority for a pilot (BouncyCastle): a CA, the county broker's server
 * certificate with the host names and addresses gateways use to reach it, and one client certificate per
 * gateway ({@code CN=gw-{campus}}, the gateway's county broker username). Keys are ECDSA P-256, signatures
 * SHA-256; certificates and keys are written as PEM, keys readable by the owner only.
 *
 * <p>A pilot tool, not a full CA: no revocation list. A gateway that is lost is cut off by removing its
 * account from the broker (its certificate alone does not log it in).
 */
public final class CountyPki {
  public static final Duration DEFAULT_CA_VALIDITY = Duration.ofDays(3650);
  public static final Duration DEFAULT_VALIDITY = Duration.ofDays(825);
  private static final String SIGNATURE = "SHA256withECDSA";
  // Signed a little in the past, so a gateway whose clock runs a few minutes behind accepts a fresh certificate.
  private static final Duration BACKDATE = Duration.ofHours(1);

  /** A certificate and its private key. */
  public record Issued(X509Certificate certificate, PrivateKey key) {
    @Override
    public String toString() {
      return "Issued[" + certificate.getSubjectX500Principal() + ", key hidden]";
    }
  }

  private final SecureRandom random;

  public CountyPki(SecureRandom random) {
    this.random = random;
  }

  public CountyPki() {
    this(new SecureRandom());
  }

  /** A self-signed CA that may sign end-entity certificates only (path length 0). */
  public Issued createCa(String commonName, Instant now, Duration validity) {
    KeyPair pair = newKeyPair();
    X500Name name = name(commonName);
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b = builder(name, name, pair, now, validity)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      return new Issued(sign(b, pair.getPrivate()), pair.getPrivate());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot create the CA: " + e, e);
    }
  }

  /**
   * A server certificate for a broker. Each alternative name is an IP address when it reads as one, else a DNS
   * name; clients check the host of their URL against them.
   */
  public Issued issueServer(Issued ca, String commonName, List<String> alternativeNames, Instant now, Duration validity) {
    if (alternativeNames.isEmpty()) {
      throw new IllegalArgumentException("san: at least one host name or address the clients use");
    }
    GeneralName[] names = alternativeNames.stream().map(CountyPki::generalName).toArray(GeneralName[]::new);
    return issue(ca, commonName, now, validity, KeyPurposeId.id_kp_serverAuth, new GeneralNames(names));
  }

  /** A client certificate whose common name is the identity it proves ({@code gw-LP-017}). */
  public Issued issueClient(Issued ca, String commonName, Instant now, Duration validity) {
    return issue(ca, commonName, now, validity, KeyPurposeId.id_kp_clientAuth, null);
  }

  private Issued issue(Issued ca, String commonName, Instant now, Duration validity, KeyPurposeId purpose, GeneralNames san) {
    KeyPair pair = newKeyPair();
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b = builder(X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()), name(commonName),
          pair, now, validity)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
          .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()))
          .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca.certificate()));
      if (san != null) {
        b.addExtension(Extension.subjectAlternativeName, false, san);
      }
      return new Issued(sign(b, ca.key()), pair.getPrivate());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot issue " + commonName + ": " + e, e);
    }
  }

  private X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair pair, Instant now, Duration validity) {
    if (validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("validity: must be positive");
    }
    BigInteger serial = new BigInteger(127, random).add(BigInteger.ONE);
    return new JcaX509v3CertificateBuilder(
        issuer, serial, Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), subject, pair.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(key)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private KeyPair newKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no EC P-256 key generator: " + e, e);
    }
  }

  private static X500Name name(String commonName) {
    if (commonName == null || commonName.isBlank() || commonName.length() > 64) {
      throw new IllegalArgumentException("commonName: 1..64 characters");
    }
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "CampusGuard").addRDN(BCStyle.CN, commonName).build();
  }

  private static GeneralName generalName(String san) {
    String s = san.strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("san: empty name");
    }
    if (isAddressLiteral(s)) {
      return new GeneralName(GeneralName.iPAddress, s.startsWith("[") ? s.substring(1, s.length() - 1) : s);
    }
    if (!s.matches("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*")) {
      throw new IllegalArgumentException("san: " + s + " is neither an IP address nor a DNS name");
    }
    return new GeneralName(GeneralName.dNSName, s);
  }

  private static boolean isAddressLiteral(String s) {
    if (s.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (s.contains(":") && s.matches("\\[?[0-9A-Fa-f:.]+]?"))) {
      try {
        InetAddress.getByName(s); // a literal: parsed, no lookup
        return true;
      } catch (IOException e) {
        throw new IllegalArgumentException("san: " + s + " is not a valid IP address");
      }
    }
    return false;
  }

  /** Writes certificates as PEM, in the order given (a chain: the certificate first, then its CA), mode 0644. */
  public static void writeCertificates(Path file, X509Certificate... chain) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      for (X509Certificate c : chain) {
        pem.writeObject(c);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    write(file, text.toString(), "rw-r--r--");
  }

  /** Writes a private key as PEM (PKCS#8 for EC and RSA alike is what OpenSSL and Java read), mode 0600. */
  public static void writeKey(Path file, PrivateKey key) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      pem.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    write(file, text.toString(), "rw-------");
  }

  /** Reads a certificate and key written by {@link #writeCertificates}/{@link #writeKey} (the first certificate of the file). */
  public static Issued read(Path certFile, Path keyFile) {
    return new Issued(TlsMaterial.readCertificates("certFile", certFile).get(0), TlsMaterial.readPrivateKey(keyFile));
  }

  // Created with its final mode, then moved into place: the key is never readable by others, not even briefly.
  private static void write(Path file, String text, String mode) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = dir.resolve(file.getFileName() + ".new");
      Files.deleteIfExists(tmp);
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
      Files.writeString(tmp, text, StandardCharsets.US_ASCII);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
