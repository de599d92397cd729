package io.campusguard.gateway.opcua;

import io.campusguard.runtime.tls.TlsMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Period;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;

/**
 * The gateway's own OPC UA application certificate and key, for the secure policies. Made once (self-signed,
 * RSA 2048, ten years) and kept in {@code own/gateway.p12} under the PKI folder, so a server's operator trusts
 * it once and a restart does not change it. The keystore's protection is its file permissions (the file 0600, the
 * {@code own/} folder 0700, both from creation); its password is not a secret.
 */
record ClientIdentity(KeyPair keyPair, X509Certificate certificate) {
  private static final String FILE = "gateway.p12";
  private static final String ALIAS = "gateway";
  private static final char[] PASSWORD = "campusguard".toCharArray();

  static ClientIdentity loadOrCreate(Path pkiDir, String applicationUri) throws Exception {
    Path own = pkiDir.resolve("own");
    Path file = own.resolve(FILE);
    KeyStore store = KeyStore.getInstance("PKCS12");
    if (Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        store.load(in, PASSWORD);
      }
      Key key = store.getKey(ALIAS, PASSWORD);
      X509Certificate cert = (X509Certificate) store.getCertificate(ALIAS);
      if (key instanceof PrivateKey pk && cert != null) {
        return new ClientIdentity(new KeyPair(cert.getPublicKey(), pk), cert);
      }
      throw new IllegalStateException("pkiDir: " + file + " holds no key and certificate under " + ALIAS);
    }
    KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
    X509Certificate cert =
        new SelfSignedCertificateBuilder(keyPair)
            .setCommonName("CampusGuard gateway")
            .setOrganization("CampusGuard")
            .setApplicationUri(applicationUri)
            .addDnsName(InetAddress.getLocalHost().getHostName())
            .setValidityPeriod(Period.ofYears(10))
            .build();
    store.load(null, PASSWORD);
    store.setKeyEntry(ALIAS, keyPair.getPrivate(), PASSWORD, new Certificate[] {cert});
    createOwnerOnly(own);
    // Created 0600 before the key is written into it, never widened and narrowed after.
    TlsMaterial.write(store, PASSWORD, file);
    return new ClientIdentity(keyPair, cert);
  }

  /** The folders up to {@code dir} that do not exist yet, mode 0700 from their creation where there are modes. */
  private static void createOwnerOnly(Path dir) throws IOException {
    try {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException noPosix) {
      Files.createDirectories(dir);
    }
  }
}
