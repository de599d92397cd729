package io.campusguard.simulators.opcua;

import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS;

import io.campusguard.runtime.net.FreePorts;
import java.time.Instant;
import java.util.Collection;
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
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;

/**
 * The OPC UA server of one simulated campus canteen (its PLC): one Double variable per canteen device, named by
 * the device id in namespace {@value #NAMESPACE_URI}, under an {@code Objects/Canteen} folder. Bound to
 * 127.0.0.1, anonymous, security None only: a simulator on loopback, never a production endpoint.
 *
 * <p>{@link #set} is cheap and never blocks (an in-memory node write; Milo samples it for subscribers on its
 * own threads), so the simulation may call it from an event loop. {@link #start} and {@link #close} block.
 */
public final class CanteenOpcUaServer implements AutoCloseable {
  public static final String NAMESPACE_URI = "urn:campusguard:simulator:canteen";
  private static final String APPLICATION_URI = "urn:campusguard:simulator:canteen-server";

  private final int port;
  private final OpcUaServer server;
  private final CanteenNamespace namespace;

  private CanteenOpcUaServer(int port, Map<String, DataValue> initial) {
    this.port = port;
    EndpointConfig endpoint =
        EndpointConfig.newBuilder()
            .setBindAddress("127.0.0.1")
            .setHostname("127.0.0.1")
            .setBindPort(port)
            .setPath("/canteen")
            .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
            .addTokenPolicies(USER_TOKEN_POLICY_ANONYMOUS)
            .setSecurityPolicy(SecurityPolicy.None)
            .setSecurityMode(MessageSecurityMode.None)
            .build();
    OpcUaServerConfig config =
        OpcUaServerConfig.builder()
            .setApplicationUri(APPLICATION_URI)
            .setProductUri(APPLICATION_URI)
            .setApplicationName(LocalizedText.english("CampusGuard simulated canteen"))
            .setIdentityValidator(AnonymousIdentityValidator.INSTANCE)
            .setEndpoints(Set.of(endpoint))
            .build();
    server = new OpcUaServer(config, profile -> new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build()));
    namespace = new CanteenNamespace(server, initial);
    namespace.startup();
  }

  /**
   * Starts a server on {@code port} (0: a free one) whose variables hold {@code initial} (device id → value with
   * its source time): a restarted PLC still has its last values. Blocks until it listens.
   */
  public static CanteenOpcUaServer start(int port, Map<String, DataValue> initial) throws Exception {
    CanteenOpcUaServer s = new CanteenOpcUaServer(port == 0 ? FreePorts.pick() : port, initial);
    try {
      s.server.startup().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      s.namespace.shutdown();
      throw e;
    }
    return s;
  }

  /** A good reading at the device's own time, as a PLC's data value. */
  public static DataValue reading(double value, Instant sourceTime) {
    return new DataValue(new Variant(value), StatusCode.GOOD, new DateTime(sourceTime), DateTime.now());
  }

  public int port() {
    return port;
  }

  public String endpointUrl() {
    return "opc.tcp://127.0.0.1:" + port + "/canteen";
  }

  /** The node id of a device's variable, by namespace URI (stable across restarts): what a gateway config holds. */
  public static String nodeId(String deviceId) {
    return "nsu=" + NAMESPACE_URI + ";s=" + deviceId;
  }

  public Collection<String> devices() {
    return namespace.variables.keySet();
  }

  /** Sets a device's value; false when this server has no such device. */
  public boolean set(String deviceId, DataValue value) {
    UaVariableNode node = namespace.variables.get(deviceId);
    if (node == null) {
      return false;
    }
    node.setValue(value);
    return true;
  }

  /** A device's current value, or null when this server has no such device. */
  public DataValue value(String deviceId) {
    UaVariableNode node = namespace.variables.get(deviceId);
    return node == null ? null : node.getValue();
  }

  /** Each device's current value, for a restart that keeps them. */
  public Map<String, DataValue> values() {
    Map<String, DataValue> out = new java.util.HashMap<>();
    namespace.variables.forEach((id, node) -> out.put(id, node.getValue()));
    return out;
  }

  /** Stops listening and drops every session (blocks up to 20 s). */
  @Override
  public void close() throws Exception {
    namespace.shutdown();
    server.shutdown().get(20, TimeUnit.SECONDS);
  }

  /** The canteen's variables; a SubscriptionModel samples them for monitored items. */
  private static final class CanteenNamespace extends ManagedNamespaceWithLifecycle {
    private final SubscriptionModel subscriptions;
    private final Map<String, UaVariableNode> variables = new ConcurrentHashMap<>();
    private final Map<String, DataValue> initial;

    CanteenNamespace(OpcUaServer server, Map<String, DataValue> initial) {
      super(server, NAMESPACE_URI);
      this.initial = Map.copyOf(initial);
      subscriptions = new SubscriptionModel(server, this);
      getLifecycleManager().addLifecycle(subscriptions);
      getLifecycleManager().addStartupTask(this::addNodes);
    }

    private void addNodes() {
      UaFolderNode folder =
          new UaFolderNode(getNodeContext(), newNodeId("Canteen"), newQualifiedName("Canteen"), LocalizedText.english("Canteen"));
      getNodeManager().addNode(folder);
      folder.addReference(new Reference(folder.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(), false));
      for (Map.Entry<String, DataValue> e : initial.entrySet()) {
        UaVariableNode node =
            new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                .setNodeId(newNodeId(e.getKey()))
                .setAccessLevel(AccessLevel.READ_ONLY)
                .setUserAccessLevel(AccessLevel.READ_ONLY)
                .setBrowseName(newQualifiedName(e.getKey()))
                .setDisplayName(LocalizedText.english(e.getKey()))
                .setDataType(NodeIds.Double)
                .setTypeDefinition(NodeIds.BaseDataVariableType)
                .build();
        node.setValue(e.getValue());
        getNodeManager().addNode(node);
        folder.addOrganizes(node);
        variables.put(e.getKey(), node);
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
