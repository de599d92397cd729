package io.campusguard.gateway.config;

import java.nio.file.Path;

/**
 * The campus broker the gateway runs itself when {@code campusBroker.url} is not set.
 *
 * @param bindAddress where devices connect; loopback by default, the campus LAN address in production
 * @param port default {@value #DEFAULT_PORT}; 0 picks a free port
 * @param dataDir sessions and queues; default {@code data/{campus}/campus-broker}
 */
public record EmbeddedBrokerSettings(String bindAddress, Integer port, String dataDir) {
  public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
  public static final int DEFAULT_PORT = 1883;

  public EmbeddedBrokerSettings {
    bindAddress = bindAddress == null ? DEFAULT_BIND_ADDRESS : bindAddress;
    port = port == null ? DEFAULT_PORT : port;
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("embeddedBroker.port: outside 0..65535");
    }
  }

  public Path dataDir(String campus) {
    return Path.of(dataDir == null ? "data/" + campus + "/campus-broker" : dataDir);
  }
}
