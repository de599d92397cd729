package io.campusguard.broker;

import io.campusguard.runtime.tls.TlsFiles;

/**
 * A TLS listener as a YAML config writes it (the hub's {@code embedded.brokerTls}, a gateway's
 * {@code embeddedBroker.tls}):
 *
 * <pre>
 * tls: { bindAddress: 0.0.0.0, port: 8883, certFile: county-broker.pem, keyFile: county-broker.key,
 *        caFile: county-ca.pem, clientAuth: optional }
 * </pre>
 *
 * @param bindAddress default {@value #DEFAULT_BIND_ADDRESS}: reachable from the network, unlike the plain listener
 * @param port default {@value TlsListener#DEFAULT_PORT}; 0 picks a free one
 * @param clientAuth {@code none} (default), {@code optional} or {@code required}; needs {@code caFile}
 */
public record TlsListenerSettings(
    String bindAddress, Integer port, String certFile, String keyFile, String keyPassword, String caFile, String clientAuth) {
  public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";

  public TlsListenerSettings {
    bindAddress = bindAddress == null ? DEFAULT_BIND_ADDRESS : bindAddress;
    port = port == null ? TlsListener.DEFAULT_PORT : port;
    toListener(bindAddress, port, certFile, keyFile, keyPassword, caFile, clientAuth); // validates, naming the field
  }

  public TlsListener toListener() {
    return toListener(bindAddress, port, certFile, keyFile, keyPassword, caFile, clientAuth);
  }

  private static TlsListener toListener(
      String bindAddress, int port, String certFile, String keyFile, String keyPassword, String caFile, String clientAuth) {
    return new TlsListener(bindAddress, port, new TlsFiles(caFile, certFile, keyFile, keyPassword), TlsListener.ClientAuth.parse(clientAuth));
  }
}
