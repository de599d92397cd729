package io.campusguard.gateway.config;

/** Where {@code GET /health} and {@code GET /metrics} are served; port 0 picks a free one (tests, demo). */
public record HttpSettings(String host, Integer port) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 9080;

  public HttpSettings {
    host = host == null ? DEFAULT_HOST : host;
    port = port == null ? DEFAULT_PORT : port;
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("http.port: outside 0..65535");
    }
  }
}
