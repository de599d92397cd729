package io.campusguard.gateway.opcua;

import io.campusguard.devices.Ids;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One OPC UA server the gateway subscribes to.
 *
 * @param id names the endpoint: the device id of its {@code data_lost} alarms and the connector's name in
 *     the gateway's health
 * @param endpointUrl {@code opc.tcp://host:port/path}; its host and port are also used in place of whatever
 *     the server advertises (servers often advertise a hostname the gateway cannot resolve)
 * @param security the security policy; {@link OpcUaSecurity#NONE} only with {@code allowInsecure}
 * @param allowInsecure explicit consent, for this endpoint only, to security None
 * @param nodes the variables to monitor, each mapped to a device and quantity
 * @param samplingInterval how often the server samples each variable
 * @param publishingInterval how often the server sends the changes it has collected
 * @param initialBackoff first wait before reconnecting; doubles after each failure up to {@code maxBackoff}
 * @param maxBackoff the cap of the reconnect wait, which bounds how long after a server restart the data
 *     flows again (plus one connect)
 * @param pkiDir for the secure policies: the gateway's own key and certificate ({@code own/}, made on first
 *     use) and the server certificates it trusts ({@code trusted/certs/}; one it refused waits in
 *     {@code rejected/} for an operator to move it); unused with security None
 */
public record OpcUaEndpointConfig(
    String id,
    String endpointUrl,
    OpcUaSecurity security,
    boolean allowInsecure,
    List<OpcUaNodeMapping> nodes,
    Duration samplingInterval,
    Duration publishingInterval,
    Duration initialBackoff,
    Duration maxBackoff,
    Path pkiDir) {

  public static final Duration DEFAULT_SAMPLING_INTERVAL = Duration.ofMillis(1000);
  public static final Duration DEFAULT_PUBLISHING_INTERVAL = Duration.ofMillis(1000);
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
  /** Capped at 16 s, as Milo's own reconnect is: a restarted server is subscribed again well within 30 s. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(16);
  public static final Path DEFAULT_PKI_DIR = Path.of("opcua-pki");

  public OpcUaEndpointConfig {
    Ids.require("id", id);
    Objects.requireNonNull(endpointUrl, "endpointUrl");
    URI uri;
    try {
      uri = URI.create(endpointUrl);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("endpointUrl: not a URL \"" + endpointUrl + "\"");
    }
    if (!"opc.tcp".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() <= 0) {
      throw new IllegalArgumentException("endpointUrl: expected opc.tcp://host:port/path, got \"" + endpointUrl + "\"");
    }
    Objects.requireNonNull(security, "security");
    if (security.isInsecure() && !allowInsecure) {
      throw new IllegalArgumentException(
          "allowInsecure: endpoint " + id + " uses security None, which is refused unless allowInsecure is true");
    }
    nodes = List.copyOf(Objects.requireNonNull(nodes, "nodes"));
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("nodes: endpoint " + id + " maps no node");
    }
    Set<String> seen = new HashSet<>();
    for (OpcUaNodeMapping n : nodes) {
      if (!seen.add(n.nodeId())) {
        throw new IllegalArgumentException("nodes: " + n.nodeId() + " mapped twice on endpoint " + id);
      }
    }
    requirePositive("samplingInterval", samplingInterval);
    requirePositive("publishingInterval", publishingInterval);
    requirePositive("initialBackoff", initialBackoff);
    requirePositive("maxBackoff", maxBackoff);
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff: shorter than initialBackoff");
    }
    Objects.requireNonNull(pkiDir, "pkiDir");
  }

  /** An endpoint with the default intervals and backoff. */
  public static OpcUaEndpointConfig of(
      String id, String endpointUrl, OpcUaSecurity security, boolean allowInsecure, List<OpcUaNodeMapping> nodes) {
    return new OpcUaEndpointConfig(
        id, endpointUrl, security, allowInsecure, nodes, DEFAULT_SAMPLING_INTERVAL, DEFAULT_PUBLISHING_INTERVAL,
        DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_PKI_DIR);
  }

  public OpcUaEndpointConfig withIntervals(Duration sampling, Duration publishing) {
    return new OpcUaEndpointConfig(
        id, endpointUrl, security, allowInsecure, nodes, sampling, publishing, initialBackoff, maxBackoff, pkiDir);
  }

  public OpcUaEndpointConfig withPkiDir(Path dir) {
    return new OpcUaEndpointConfig(
        id, endpointUrl, security, allowInsecure, nodes, samplingInterval, publishingInterval, initialBackoff,
        maxBackoff, dir);
  }

  String host() {
    return URI.create(endpointUrl).getHost();
  }

  int port() {
    return URI.create(endpointUrl).getPort();
  }

  private static void requirePositive(String field, Duration d) {
    Objects.requireNonNull(d, field);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(field + ": must be positive");
    }
  }
}
