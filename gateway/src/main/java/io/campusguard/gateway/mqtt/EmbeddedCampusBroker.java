package io.campusguard.gateway.mqtt;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import io.campusguard.broker.BrokerSettings;
import io.campusguard.broker.EmbeddedMqttBroker;
import io.campusguard.devices.body.GatewayHealth.ConnectorState;
import io.campusguard.gateway.ingest.IngestPipeline;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The campus broker run by the gateway itself (HiveMQ CE embedded). Devices connect to it; every publish on
 * {@code campus/...} is ingested by an inbound-publish interceptor that holds the device's PUBACK until the
 * event is durable in the outbox. In this mode that interceptor is the only ingest path: the gateway has no
 * MQTT subscription of its own on the campus broker, so nothing is ingested twice.
 *
 * <p>Limit: HiveMQ's extension services are static, so one JVM runs at most one embedded campus broker.
 */
public final class EmbeddedCampusBroker implements CampusConnector {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCampusBroker.class);
  private static final long START_TIMEOUT_S = 120;

  private final EmbeddedMqttBroker broker;
  private volatile ConnectorState state = ConnectorState.DOWN;

  public EmbeddedCampusBroker(String campus, String bindAddress, int port, Path dataDir, IngestPipeline pipeline) {
    IngestingPublishInterceptor interceptor = new IngestingPublishInterceptor(pipeline);
    ExtensionMain extension = new ExtensionMain() {
      @Override
      public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
        Services.initializerRegistry().setClientInitializer((init, client) -> client.addPublishInboundInterceptor(interceptor));
      }

      @Override
      public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {}
    };
    BrokerSettings settings = new BrokerSettings(
        bindAddress, port, dataDir, BrokerSettings.DEFAULT_MAX_QUEUE_SIZE, BrokerSettings.DEFAULT_SERVER_RECEIVE_MAXIMUM, true);
    this.broker = new EmbeddedMqttBroker("campus-" + campus, settings, extension);
  }

  /** Starts the broker and waits until it accepts connections; call from a worker thread. */
  @Override
  public void start() throws Exception {
    state = ConnectorState.CONNECTING;
    broker.start().get(START_TIMEOUT_S, TimeUnit.SECONDS);
    state = ConnectorState.UP;
    LOG.info("embedded campus broker listening on {}", broker.url());
  }

  @Override
  public ConnectorState state() {
    return state;
  }

  /** Where devices connect. */
  public String url() {
    return broker.url();
  }

  @Override
  public void close() {
    state = ConnectorState.DOWN;
    try {
      broker.stop().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("embedded campus broker did not stop cleanly: {}", e.toString());
    }
  }
}
