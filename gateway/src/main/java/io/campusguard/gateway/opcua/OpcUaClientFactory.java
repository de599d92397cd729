package io.campusguard.gateway.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfigBuilder;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the Milo client for one endpoint: discovers the server's endpoints, picks the one with the configured
 * security and anonymous login (never None without the endpoint's {@code allowInsecure}), and for the secure
 * policies supplies the gateway's certificate and the trust list. Used on the connection's worker thread only
 * (its calls block).
 */
final class OpcUaClientFactory {
  private static final Logger LOG = LoggerFactory.getLogger(OpcUaClientFactory.class);
  private static final int CONNECT_TIMEOUT_MS = 5_000;
  private static final int REQUEST_TIMEOUT_MS = 10_000;
  /** Session keep-alives: a server that vanishes without closing the socket is noticed within seconds. */
  private static final int KEEP_ALIVE_INTERVAL_MS = 2_000;

  private final OpcUaEndpointConfig config;
  /** One application URI for the whole gateway: its certificate names it, and a server trusts it once. */
  private final String applicationUri;
  private ClientIdentity identity;
  private FileBasedTrustListManager trustList;
  private DefaultClientCertificateValidator certificateValidator;

  OpcUaClientFactory(OpcUaEndpointConfig config, String campus) {
    this.config = config;
    this.applicationUri = "urn:campusguard:gateway:" + campus;
  }

  /** A new client (not yet connected); blocks for the endpoint discovery. */
  OpcUaClient create() throws Exception {
    if (!config.security().isInsecure()) {
      prepareSecurity();
    }
    return OpcUaClient.create(
        config.endpointUrl(),
        this::selectEndpoint,
        transport -> transport.setConnectTimeout(uint(CONNECT_TIMEOUT_MS)),
        this::configure);
  }

  /** Stops watching the trust list folder. */
  void close() {
    if (trustList != null) {
      try {
        trustList.close();
      } catch (Exception e) {
        LOG.debug("OPC UA {}: closing the trust list failed: {}", config.id(), e.toString());
      }
    }
  }

  private void configure(OpcUaClientConfigBuilder builder) {
    builder
        .setApplicationName(LocalizedText.english("CampusGuard gateway"))
        .setApplicationUri(applicationUri)
        .setRequestTimeout(uint(REQUEST_TIMEOUT_MS))
        .setKeepAliveInterval(uint(KEEP_ALIVE_INTERVAL_MS));
    if (identity != null) {
      builder
          .setKeyPair(identity.keyPair())
          .setCertificate(identity.certificate())
          .setCertificateChain(new X509Certificate[] {identity.certificate()})
          .setCertificateValidator(certificateValidator);
    }
  }

  /** The gateway's key and certificate and the trusted server certificates, made or read once. */
  private void prepareSecurity() throws Exception {
    if (identity == null) {
      identity = ClientIdentity.loadOrCreate(config.pkiDir(), applicationUri);
    }
    if (trustList == null) {
      // Watches trusted/certs, so a server certificate an operator copies there counts at the next attempt.
      trustList = FileBasedTrustListManager.createAndInitialize(config.pkiDir());
      certificateValidator =
          new DefaultClientCertificateValidator(
              trustList, FileBasedCertificateQuarantine.create(config.pkiDir().resolve("rejected")));
    }
  }

  private Optional<EndpointDescription> selectEndpoint(List<EndpointDescription> endpoints) {
    OpcUaSecurity security = config.security();
    if (security.isInsecure() && !config.allowInsecure()) {
      return Optional.empty(); // the config refuses this already; never select None without consent
    }
    return endpoints.stream()
        .filter(e -> security.policy().getUri().equals(e.getSecurityPolicyUri()))
        .filter(e -> e.getSecurityMode() == security.mode())
        .filter(e -> Stream.of(e.getUserIdentityTokens() == null ? new UserTokenPolicy[0] : e.getUserIdentityTokens())
            .anyMatch(p -> p.getTokenType() == UserTokenType.Anonymous))
        .findFirst()
        // Use the configured host and port: servers often advertise a name the gateway cannot resolve.
        .map(e -> EndpointUtil.updateUrl(e, config.host(), config.port()));
  }
}
