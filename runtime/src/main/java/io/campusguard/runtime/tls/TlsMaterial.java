package io.campusguard.runtime.tls;

import io.campusguard.runtime.net.NoDelaySocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Turns {@link TlsFiles} into what Java's TLS takes: key stores, an {@link SSLContext}, a client socket factory.
 * TLS 1.3 and 1.2 only. Every failure is an {@link IllegalArgumentException} whose message starts with the
 * field at fault ({@code caFile: cannot read …}), for the caller to prefix with its section. Reads files:
 * call at start, never on an event loop.
 */
public final class TlsMaterial {
  /** The protocols every CampusGuard TLS link and listener allows. */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
  private static final char[] NO_PASSWORD = new char[0];

  private TlsMaterial() {}

  /** A trust store holding every certificate of a PEM file (a CA, or a CA bundle). */
  public static KeyStore trustStore(Path caFile) {
    List<X509Certificate> certs = readCertificates("caFile", caFile);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      for (int i = 0; i < certs.size(); i++) {
        store.setCertificateEntry("ca-" + i, certs.get(i));
      }
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("caFile: " + caFile + ": " + e.getMessage(), e);
    }
  }

  /** A key store with one entry, alias {@code key}: our certificate chain and its key, protected by {@code password}. */
  public static KeyStore keyStore(TlsFiles files, char[] password) {
    Path cert = Path.of(files.certFile());
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      if (TlsFiles.isPkcs12(files.certFile())) {
        char[] filePassword = files.keyPassword() == null ? NO_PASSWORD : files.keyPassword().toCharArray();
        KeyStore given = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(cert)) {
          given.load(in, filePassword);
        }
        String alias = null;
        for (var aliases = given.aliases(); aliases.hasMoreElements(); ) {
          String a = aliases.nextElement();
          if (given.isKeyEntry(a)) {
            alias = a;
            break;
          }
        }
        if (alias == null) {
          throw new IllegalArgumentException("certFile: " + cert + " holds no private key");
        }
        store.load(null, null);
        store.setKeyEntry("key", given.getKey(alias, filePassword), password, given.getCertificateChain(alias));
        return store;
      }
      List<X509Certificate> chain = readCertificates("certFile", cert);
      PrivateKey key = readPrivateKey(Path.of(files.keyFile()));
      store.load(null, null);
      store.setKeyEntry("key", key, password, chain.toArray(new Certificate[0]));
      return store;
    } catch (IOException e) {
      throw new IllegalArgumentException("certFile: cannot read " + cert + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("keyFile: the key does not fit the certificate in " + cert + ": " + e.getMessage(), e);
    }
  }

  /**
   * A client context: trusts {@code caFile} (or the JVM's CAs when it is null) and presents the client
   * certificate when one is configured.
   */
  public static SSLContext clientContext(TlsFiles files) {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(files.caFile() == null ? null : trustStore(Path.of(files.caFile())));
      KeyManagerFactory kmf = null;
      if (files.hasCertificate()) {
        char[] password = "campusguard".toCharArray();
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore(files, password), password);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("tls: cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /**
   * Sockets for an MQTT client over TLS: TLS 1.3/1.2 only, TCP_NODELAY (as {@link NoDelaySocketFactory} for
   * plaintext). The host name is checked by the client library (Paho's HTTPS endpoint identification).
   */
  public static SSLSocketFactory clientSocketFactory(TlsFiles files) {
    return new Tls12SocketFactory(clientContext(files == null ? new TlsFiles(null, null, null, null) : files).getSocketFactory());
  }

  /** Writes {@code store} to {@code target} (mode 0600 where the file system has modes). */
  public static void write(KeyStore store, char[] password, Path target) {
    try {
      Path tmp = target.resolveSibling(target.getFileName() + ".new");
      Files.deleteIfExists(tmp);
      try {
        Files.createFile(tmp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException noPosix) {
        Files.createFile(tmp);
      }
      try (OutputStream out = Files.newOutputStream(tmp)) {
        store.store(out, password);
      }
      Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("keystore: cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Every certificate of a PEM (or DER) file, in file order; refuses a file with none. */
  public static List<X509Certificate> readCertificates(String field, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509").generateCertificates(in);
      List<X509Certificate> certs = new ArrayList<>();
      for (Certificate c : read) {
        certs.add((X509Certificate) c);
      }
      if (certs.isEmpty()) {
        throw new IllegalArgumentException(field + ": " + file + " holds no certificate");
      }
      return certs;
    } catch (IOException e) {
      throw new IllegalArgumentException(field + ": cannot read " + file + ": " + e, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(field + ": " + file + " is not a PEM certificate file: " + e.getMessage(), e);
    }
  }

  /** An unencrypted PEM private key: PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 RSA or SEC1 EC. */
  public static PrivateKey readPrivateKey(Path file) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
      Object o = pem.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (o instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (o instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      throw new IllegalArgumentException("keyFile: " + file + " holds no unencrypted PEM private key"
          + (o == null ? "" : " (found " + o.getClass().getSimpleName() + ")"));
    } catch (IOException e) {
      throw new IllegalArgumentException("keyFile: cannot read " + file + ": " + e, e);
    }
  }

  /** Restricts every socket to TLS 1.3/1.2 and sets TCP_NODELAY. */
  private static final class Tls12SocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;

    Tls12SocketFactory(SSLSocketFactory delegate) {
      this.delegate = delegate;
    }

    private Socket configure(Socket s) throws IOException {
      s.setTcpNoDelay(true);
      if (s instanceof SSLSocket ssl) {
        ssl.setEnabledProtocols(PROTOCOLS.toArray(new String[0]));
      }
      return s;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
      return configure(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
      return configure(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return configure(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return configure(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return configure(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return configure(delegate.createSocket(address, port, localAddress, localPort));
    }
  }
}
