package io.campusguard.gateway.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.campusguard.devices.AlarmTypes;
import io.campusguard.devices.body.LocalAlarm;
import io.campusguard.devices.body.LocalAlarm.Transition;
import io.campusguard.gateway.connector.BoundedHandoff;
import io.campusguard.runtime.net.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.UaSession;
import org.eclipse.milo.opcua.sdk.client.subscriptions.MonitoredItemServiceOperationResult;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection to one OPC UA endpoint, as an explicit state machine (see {@link ConnectionState}). Every
 * transition runs on this connection's own worker thread, which also makes Milo's blocking calls, so nothing
 * here ever runs on a Vert.x event loop. Each attempt uses a new client, session and subscription (a restarted
 * server knows none of the old ones); callbacks from an older attempt are recognised by their generation and
 * ignored. While values cannot flow, {@code data_lost} is raised for the endpoint; when they flow again it is
 * cleared with the gap's length in seconds as its value.
 */
final class OpcUaEndpointConnection {
  private static final Logger LOG = LoggerFactory.getLogger(OpcUaEndpointConnection.class);
  private static final int MONITORED_ITEM_QUEUE = 10;

  private final OpcUaEndpointConfig config;
  private final OpcUaClientFactory clients;
  private final CanteenValueMapper mapper;
  private final BoundedHandoff handoff;
  private final OpcUaCounters counters;
  private final Clock clock;
  private final Backoff backoff;
  private final ScheduledExecutorService worker;
  /** Nodes whose last value was bad, so {@code bad_value} is raised once per bad streak, not per value. */
  private final Map<String, Boolean> badNodes = new ConcurrentHashMap<>();
  private volatile ConnectionState state = ConnectionState.STOPPED;
  /** Why the last connection was lost or failed; null once values flow. */
  private volatile String lastFailure;

  // Worker thread only.
  private OpcUaClient client;
  private long generation;
  private boolean stopping;
  private Instant dataStoppedAt;
  private boolean lossRaised;

  OpcUaEndpointConnection(
      OpcUaEndpointConfig config, String campus, BoundedHandoff handoff, OpcUaCounters counters, Clock clock) {
    this.config = config;
    this.clients = new OpcUaClientFactory(config, campus);
    this.mapper = new CanteenValueMapper(campus);
    this.handoff = handoff;
    this.counters = counters;
    this.clock = clock;
    this.backoff = Backoff.exact(config.initialBackoff(), config.maxBackoff());
    this.worker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "opcua-" + config.id());
              t.setDaemon(true);
              return t;
            });
  }

  ConnectionState state() {
    return state;
  }

  /** Why the last connection was lost or failed; null once values flow again. */
  String lastFailure() {
    return lastFailure;
  }

  String id() {
    return config.id();
  }

  void start() {
    worker.execute(
        () -> {
          dataStoppedAt = clock.instant();
          connect();
        });
  }

  /** Disconnects and stops the worker; completes when the session is closed (or could not be, in 5 s). */
  CompletableFuture<Void> stop() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    worker.execute(
        () -> {
          stopping = true;
          generation++;
          state = ConnectionState.STOPPED;
          OpcUaClient c = client;
          client = null;
          if (c != null) {
            try {
              c.disconnectAsync().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
              LOG.debug("OPC UA {}: disconnect at stop failed: {}", config.id(), e.toString());
            }
          }
          clients.close();
          done.complete(null);
        });
    return done.whenComplete((v, e) -> worker.shutdown());
  }

  private void connect() {
    if (stopping) {
      return;
    }
    long gen = ++generation;
    state = ConnectionState.CONNECTING;
    try {
      OpcUaClient c = clients.create();
      client = c;
      c.addSessionActivityListener(
          new SessionActivityListener() {
            @Override
            public void onSessionInactive(UaSession session) {
              onWorker(() -> lost(gen, "session inactive"));
            }
          });
      c.connect();
      state = ConnectionState.SUBSCRIBING;
      subscribe(c, gen);
      if (gen != generation) {
        return; // lost while subscribing; the loss has already scheduled the next attempt
      }
      state = ConnectionState.UP;
      backoff.reset();
      flowing();
      LOG.info("OPC UA {}: subscribed to {} nodes at {}", config.id(), config.nodes().size(), config.endpointUrl());
    } catch (Exception e) {
      lost(gen, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private void subscribe(OpcUaClient c, long gen) throws UaException {
    var namespaces = c.readNamespaceTable();
    var subscription = new OpcUaSubscription(c, (double) config.publishingInterval().toMillis());
    Map<NodeId, OpcUaNodeMapping> byNode = new HashMap<>();
    for (OpcUaNodeMapping m : config.nodes()) {
      Optional<NodeId> nodeId = m.expandedNodeId().toNodeId(namespaces);
      if (nodeId.isEmpty()) {
        reportBad(m, BadValueReason.NOT_MONITORED, "namespace not on the server");
        continue;
      }
      byNode.put(nodeId.get(), m);
      OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(nodeId.get());
      item.setSamplingInterval((double) config.samplingInterval().toMillis());
      item.setQueueSize(uint(MONITORED_ITEM_QUEUE));
      item.setDiscardOldest(true);
      subscription.addMonitoredItem(item);
    }
    subscription.setSubscriptionListener(new Listener(gen, byNode));
    subscription.create();
    List<MonitoredItemServiceOperationResult> results = subscription.createMonitoredItems();
    for (MonitoredItemServiceOperationResult r : results) {
      if (!r.serviceResult().isGood()) {
        throw new UaException(r.serviceResult(), "CreateMonitoredItems failed");
      }
      StatusCode op = r.operationResult().orElse(StatusCode.GOOD);
      if (!op.isGood()) {
        OpcUaNodeMapping m = byNode.get(r.monitoredItem().getReadValueId().getNodeId());
        if (m != null) {
          reportBad(m, BadValueReason.NOT_MONITORED, "not monitored: " + op);
        }
      }
    }
  }

  /** Values cannot flow: raise {@code data_lost} once, drop this client, retry after the backoff. */
  private void lost(long gen, String why) {
    if (gen != generation || stopping) {
      return; // a stale callback from a client already given up
    }
    generation++;
    LOG.warn("OPC UA {}: connection to {} lost or failed ({})", config.id(), config.endpointUrl(), why);
    if (dataStoppedAt == null) {
      dataStoppedAt = clock.instant();
    }
    if (!lossRaised) {
      lossRaised = true;
      handoff.offerAlarm(
          config.id(),
          new LocalAlarm(AlarmTypes.DATA_LOST, Transition.RAISED, null,
              truncate("no values from " + config.endpointUrl() + " since " + dataStoppedAt + ": " + why)));
    }
    OpcUaClient c = client;
    client = null;
    if (c != null) {
      c.disconnectAsync(); // best effort; a dead server may never answer, and nobody waits for it
    }
    Duration wait = backoff.next();
    counters.reconnects.incrementAndGet();
    lastFailure = why;
    state = ConnectionState.BACKOFF;
    worker.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Values flow again: clear {@code data_lost} with the length of the gap. */
  private void flowing() {
    if (lossRaised) {
      Instant now = clock.instant();
      Duration gap = Duration.between(dataStoppedAt, now);
      handoff.offerAlarm(
          config.id(),
          new LocalAlarm(AlarmTypes.DATA_LOST, Transition.CLEARED, gap.toMillis() / 1000.0,
              truncate("no values from " + config.endpointUrl() + " for " + gap + " (" + dataStoppedAt + " to "
                  + now + ")")));
    }
    lossRaised = false;
    dataStoppedAt = null;
    lastFailure = null;
  }

  private void onValue(OpcUaNodeMapping m, DataValue value) {
    counters.received.incrementAndGet();
    CanteenValueMapper.Mapped mapped = mapper.map(m, value, clock.instant());
    if (mapped instanceof CanteenValueMapper.Mapped.Reading r) {
      counters.readings.incrementAndGet();
      handoff.offer(r.message());
      if (badNodes.remove(m.nodeId()) != null) {
        handoff.offerAlarm(
            m.deviceId(), new LocalAlarm(AlarmTypes.BAD_VALUE, Transition.CLEARED, null, truncate(m.nodeId() + ": good again")));
      }
    } else if (mapped instanceof CanteenValueMapper.Mapped.Bad b) {
      reportBad(m, b.reason(), b.detail());
    }
  }

  private void reportBad(OpcUaNodeMapping m, BadValueReason reason, String detail) {
    counters.bad(reason);
    LOG.debug("OPC UA {}: bad value on {}: {} ({})", config.id(), m.nodeId(), reason, detail);
    if (badNodes.putIfAbsent(m.nodeId(), Boolean.TRUE) == null) {
      handoff.offerAlarm(
          m.deviceId(),
          new LocalAlarm(AlarmTypes.BAD_VALUE, Transition.RAISED, null,
              truncate(m.nodeId() + ": " + reason.name().toLowerCase(java.util.Locale.ROOT) + " (" + detail + ")")));
    }
  }

  /** Runs on the worker; after {@link #stop()} there is nothing left to do, so late callbacks are dropped. */
  private void onWorker(Runnable task) {
    try {
      worker.execute(task);
    } catch (RejectedExecutionException e) {
      LOG.debug("OPC UA {}: callback after stop ignored", config.id());
    }
  }

  private static String truncate(String s) {
    return s.length() <= LocalAlarm.MAX_DETAIL_LENGTH ? s : s.substring(0, LocalAlarm.MAX_DETAIL_LENGTH);
  }

  /** Milo calls this on its delivery thread, one notification at a time: map and queue, never block. */
  private final class Listener implements OpcUaSubscription.SubscriptionListener {
    private final long gen;
    private final Map<NodeId, OpcUaNodeMapping> byNode;

    Listener(long gen, Map<NodeId, OpcUaNodeMapping> byNode) {
      this.gen = gen;
      this.byNode = byNode;
    }

    @Override
    public void onDataReceived(OpcUaSubscription s, List<OpcUaMonitoredItem> items, List<DataValue> values) {
      for (int i = 0; i < items.size() && i < values.size(); i++) {
        OpcUaNodeMapping m = byNode.get(items.get(i).getReadValueId().getNodeId());
        if (m != null) {
          onValue(m, values.get(i));
        }
      }
    }

    @Override
    public void onWatchdogTimerElapsed(OpcUaSubscription s) {
      onWorker(() -> lost(gen, "subscription watchdog elapsed"));
    }

    @Override
    public void onTransferFailed(OpcUaSubscription s, StatusCode status) {
      onWorker(() -> lost(gen, "subscription transfer failed: " + status));
    }

    @Override
    public void onNotificationDataLost(OpcUaSubscription s) {
      onWorker(() -> lost(gen, "server could not republish missed notifications"));
    }

    @Override
    public void onStatusChanged(OpcUaSubscription s, StatusCode status) {
      if (status.isBad()) {
        onWorker(() -> lost(gen, "subscription status " + status));
      }
    }
  }
}
