package io.campusguard.broker;

import io.campusguard.runtime.tls.TlsFiles;
import java.util.Locale;
import java.util.Objects;

/**
 * A TLS listener of an embedded broker (TLS 1.3 and 1.2 only), beside its plain loopback one.
 *
 * @param bindAddress where it listens (the county's or campus's network address, or 0.0.0.0)
 * @param port its port; 0 picks a free one (reported by {@link EmbeddedMqttBroker#tlsPort()})
 * @param files the server's certificate chain and key ({@code certFile}, {@code keyFile}, or a PKCS#12
 *     {@code certFile}); {@code caFile} is the CA of the client certificates accepted
 * @param clientAuth whether clients must, may or may not present a certificate signed by {@code caFile}
 */
public record TlsListener(String bindAddress, int port, TlsFiles files, ClientAuth clientAuth) {
  public static final int DEFAULT_PORT = 8883;

  public enum ClientAuth {
    /** No client certificate asked for: clients log in with username and password. */
    NONE,
    /** A client may prove its identity with a certificate instead of (or as well as) its password. */
    OPTIONAL,
    /** Every client must present a certificate of the CA. */
    REQUIRED;

    public static ClientAuth parse(String text) {
      if (text == null) {
        return NONE;
      }
      try {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("clientAuth: one of none, optional, required; got " + text);
      }
    }
  }

  public TlsListener {
    Objects.requireNonNull(bindAddress, "bindAddress: required");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: outside 0..65535");
    }
    Objects.requireNonNull(files, "tls: certFile and keyFile required");
    if (!files.hasCertificate()) {
      throw new IllegalArgumentException("certFile: the listener's certificate is required");
    }
    clientAuth = clientAuth == null ? ClientAuth.NONE : clientAuth;
    if (clientAuth != ClientAuth.NONE && files.caFile() == null) {
      throw new IllegalArgumentException("caFile: required to check client certificates (clientAuth " + clientAuth.name().toLowerCase(Locale.ROOT) + ")");
    }
  }
}
