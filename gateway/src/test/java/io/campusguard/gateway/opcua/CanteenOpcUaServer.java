package io.campusguard.gateway.opcua;

import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultServerCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.MemoryTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;

/**
 * An in-process OPC UA server of one canteen, for tests (and, moved to a shared module, for the simulated
 * county): cold store, freezer and gas variables in namespace {@value #NAMESPACE_URI}, which a test sets at
 * will, including bad status and wrong types. Bound to 127.0.0.1 only, anonymous login, security None (test
 * use only) or, from {@link #startSecureOnFreePort()}, only Basic256Sha256 with a self-signed server
 * certificate and clients trusted one by one. A restart is a new instance on the same port, as a real device
 * reboot would be.
 */
final class CanteenOpcUaServer implements AutoCloseable {
  static final String NAMESPACE_URI = "urn:campusguard:test:canteen";
  static final String COLD_STORE = "ColdStore.Temperature";
  static final String FREEZER = "Freezer.Temperature";
  static final String GAS = "Gas.Concentration";
  static final List<String> VARIABLES = List.of(COLD_STORE, FREEZER, GAS);

  private static final String APPLICATION_URI = "urn:campusguard:test:canteen-server";

  private final int port;
  private final OpcUaServer server;
  private final CanteenNamespace namespace;
  private final MemoryTrustListManager trustedClients = new MemoryTrustListManager();
  private final X509Certificate certificate;

  private CanteenOpcUaServer(int port, boolean secure) throws Exception {
    this.port = port;
    EndpointConfig.Builder base =
        EndpointConfig.newBuilder()
            .setBindAddress("127.0.0.1")
            .setHostname("127.0.0.1")
            .setBindPort(port)
            .setPath("/canteen")
            .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
            .addTokenPolicies(USER_TOKEN_POLICY_ANONYMOUS);
    Set<EndpointConfig> endpoints = new LinkedHashSet<>();
    var config =
        OpcUaServerConfig.builder()
            .setApplicationUri(APPLICATION_URI)
            .setProductUri(APPLICATION_URI)
            .setApplicationName(LocalizedText.english("CampusGuard test canteen"))
            .setIdentityValidator(AnonymousIdentityValidator.INSTANCE);
    if (secure) {
      KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
      certificate =
          new SelfSignedCertificateBuilder(keyPair)
              .setCommonName("CampusGuard test canteen")
              .setApplicationUri(APPLICATION_URI)
              .addIpAddress("127.0.0.1")
              .build();
      X509Certificate cert = certificate;
      var quarantine = new MemoryCertificateQuarantine();
      var group =
          DefaultApplicationGroup.createAndInitialize(
              trustedClients,
              new MemoryCertificateStore(),
              new RsaSha256CertificateFactory() {
                @Override
                protected KeyPair createRsaSha256KeyPair() {
                  return keyPair;
                }

                @Override
                protected X509Certificate[] createRsaSha256CertificateChain(KeyPair kp) {
                  return new X509Certificate[] {cert};
                }
              },
              new DefaultServerCertificateValidator(trustedClients, quarantine));
      config.setCertificateManager(new DefaultCertificateManager(quarantine, group));
      endpoints.add(base.copy().setCertificate(cert).setSecurityPolicy(SecurityPolicy.Basic256Sha256)
          .setSecurityMode(MessageSecurityMode.SignAndEncrypt).build());
      // GetEndpoints needs an unsecured way in when every session endpoint is secured (OPC UA Part 6).
      endpoints.add(base.copy().setPath("/canteen/discovery").setSecurityPolicy(SecurityPolicy.None)
          .setSecurityMode(MessageSecurityMode.None).build());
    } else {
      certificate = null;
      endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None)
          .build());
    }
    config.setEndpoints(endpoints);
    server =
        new OpcUaServer(
            config.build(), profile -> new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build()));
    namespace = new CanteenNamespace(server);
    namespace.startup();
  }

  /** Starts a server on a free port of 127.0.0.1. */
  static CanteenOpcUaServer startOnFreePort() throws Exception {
    return startOn(freePort());
  }

  /** Starts a server on the given port (a restart: the port of a server just stopped). */
  static CanteenOpcUaServer startOn(int port) throws Exception {
    CanteenOpcUaServer s = new CanteenOpcUaServer(port, false);
    s.server.startup().get(20, TimeUnit.SECONDS);
    return s;
  }

  /** Starts a Basic256Sha256-only server that trusts no client until {@link #trustClient} says so. */
  static CanteenOpcUaServer startSecureOnFreePort() throws Exception {
    CanteenOpcUaServer s = new CanteenOpcUaServer(freePort(), true);
    s.server.startup().get(20, TimeUnit.SECONDS);
    return s;
  }

  void trustClient(X509Certificate client) {
    trustedClients.addTrustedCertificate(client);
  }

  /** The secure server's own certificate, for the client's trust list. */
  X509Certificate certificate() {
    return certificate;
  }

  int port() {
    return port;
  }

  String endpointUrl() {
    return "opc.tcp://127.0.0.1:" + port + "/canteen";
  }

  /** The text node id of a variable, by namespace URI (what a gateway config holds). */
  static String nodeId(String variable) {
    return "nsu=" + NAMESPACE_URI + ";s=" + variable;
  }

  void set(String variable, Object value) {
    setDataValue(variable, new DataValue(new Variant(value), StatusCode.GOOD, DateTime.now()));
  }

  void setDataValue(String variable, DataValue value) {
    namespace.variable(variable).setValue(value);
  }

  @Override
  public void close() throws Exception {
    namespace.shutdown();
    server.shutdown().get(20, TimeUnit.SECONDS);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  /** The canteen's variables; a SubscriptionModel samples them for monitored items. */
  private static final class CanteenNamespace extends ManagedNamespaceWithLifecycle {
    private final SubscriptionModel subscriptions;
    private final Map<String, UaVariableNode> variables = new ConcurrentHashMap<>();

    CanteenNamespace(OpcUaServer server) {
      super(server, NAMESPACE_URI);
      subscriptions = new SubscriptionModel(server, this);
      getLifecycleManager().addLifecycle(subscriptions);
      getLifecycleManager().addStartupTask(this::addNodes);
    }

    UaVariableNode variable(String name) {
      UaVariableNode node = variables.get(name);
      if (node == null) {
        throw new IllegalArgumentException("no variable " + name);
      }
      return node;
    }

    private void addNodes() {
      UaFolderNode folder =
          new UaFolderNode(
              getNodeContext(), newNodeId("Canteen"), newQualifiedName("Canteen"), LocalizedText.english("Canteen"));
      getNodeManager().addNode(folder);
      folder.addReference(
          new Reference(folder.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(), false));
      for (String name : VARIABLES) {
        NodeId id = newNodeId(name);
        UaVariableNode node =
            new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                .setNodeId(id)
                .setAccessLevel(AccessLevel.READ_WRITE)
                .setUserAccessLevel(AccessLevel.READ_WRITE)
                .setBrowseName(newQualifiedName(name))
                .setDisplayName(LocalizedText.english(name))
                .setDataType(NodeIds.Double)
                .setTypeDefinition(NodeIds.BaseDataVariableType)
                .build();
        node.setValue(new DataValue(new Variant(0.0d), StatusCode.GOOD, DateTime.now()));
        getNodeManager().addNode(node);
        folder.addOrganizes(node);
        variables.put(name, node);
      }
    }

    @Override
    public void onDataItemsCreated(List<DataItem> dataItems) {
      subscriptions.onDataItemsCreated(dataItems);
    }

    @Override
    public void onDataItemsModified(List<DataItem> dataItems) {
      subscriptions.onDataItemsModified(dataItems);
    }

    @Override
    public void onDataItemsDeleted(List<DataItem> dataItems) {
      subscriptions.onDataItemsDeleted(dataItems);
    }

    @Override
    public void onMonitoringModeChanged(List<MonitoredItem> monitoredItems) {
      subscriptions.onMonitoringModeChanged(monitoredItems);
    }
  }
}
