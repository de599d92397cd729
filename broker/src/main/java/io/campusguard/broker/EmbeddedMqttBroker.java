package io.campusguard.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.embedded.EmbeddedHiveMQBuilder;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ServerInitiatedDisconnectInput;
import com.hivemq.extension.sdk.api.packets.general.DisconnectedReasonCode;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import io.campusguard.broker.access.BrokerAccessExtension;
import io.campusguard.runtime.tls.TlsMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * An MQTT 5 broker in this process (HiveMQ Community Edition, embedded): the campus broker of a one-process
 * gateway, or the county broker of a one-box hub.
 *
 * <p>It never uses the configuration inside HiveMQ's jar (0.0.0.0:1883, usage statistics on, 1000-message
 * queues that discard): it writes its own {@code config.xml} under {@code dataDir/conf} at start. An
 * {@link ExtensionMain} given to the constructor is registered as an embedded extension, which is how callers
 * add interceptors. With {@link BrokerSettings#access()} set it also authenticates every client and authorizes
 * every publish and subscription ({@link BrokerAccessExtension}); without, it accepts anyone. With
 * {@link BrokerSettings#tls()} it also serves a TLS listener (TLS 1.3/1.2): the PEM files are copied into key
 * stores under {@code dataDir/conf} (mode 0700) at each start, with a fresh random store password. Several
 * brokers can run in one JVM, each with its own folder and port.
 *
 * <p>A packet above {@link BrokerSettings#maxPacketSize()} is refused by HiveMQ itself: it disconnects the
 * client (an MQTT 5 client gets reason "packet too large"; the limit is also announced in CONNACK) and the
 * payload never reaches an interceptor, so our codecs' TOO_LARGE counters do not see it.
 */
public final class EmbeddedMqttBroker {
  private final BrokerSettings settings;
  private final ExtensionMain extension;
  private final String name;
  private volatile int port;
  private volatile int tlsPort;
  private EmbeddedHiveMQ hivemq;

  /**
   * @param name a short id, used for the embedded extension's id
   * @param extension interceptors and authenticators to register; null for none
   */
  public EmbeddedMqttBroker(String name, BrokerSettings settings, ExtensionMain extension) {
    this.name = name;
    this.settings = settings;
    this.extension = extension;
  }

  /** Writes the configuration and starts the broker; completes when it accepts connections. */
  public synchronized CompletableFuture<EmbeddedMqttBroker> start() {
    if (hivemq != null) {
      return CompletableFuture.failedFuture(new IllegalStateException("broker " + name + " already started"));
    }
    try {
      port = settings.port() == 0 ? freePort(settings.bindAddress()) : settings.port();
      Path root = settings.dataDir().toAbsolutePath();
      Path conf = Files.createDirectories(root.resolve("conf"));
      // The TLS key store and its password are written here.
      Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rwx------"));
      Path data = Files.createDirectories(root.resolve("data"));
      Path extensions = Files.createDirectories(root.resolve("extensions"));
      String tlsListener = "";
      if (settings.tls() != null) {
        tlsPort = settings.tls().port() == 0 ? freePort(settings.tls().bindAddress()) : settings.tls().port();
        tlsListener = tlsListenerXml(conf);
      }
      Files.writeString(conf.resolve("config.xml"), configXml(tlsListener), StandardCharsets.UTF_8);
      EmbeddedHiveMQBuilder builder = EmbeddedHiveMQ.builder()
          .withConfigurationFolder(conf)
          .withDataFolder(data)
          .withExtensionsFolder(extensions)
          // Logging stays with the host application's SLF4J binding.
          .withoutLoggingBootstrap();
      ExtensionMain main = withOversizeCounter(withAccess(extension));
      builder.withEmbeddedExtension(EmbeddedExtension.builder()
          .withId("campusguard-" + name)
          .withName("CampusGuard " + name)
          .withVersion("1")
          .withPriority(1000)
          .withStartPriority(1000)
          .withExtensionMain(main)
          .build());
      hivemq = builder.build();
    } catch (IOException e) {
      return CompletableFuture.failedFuture(new UncheckedIOException("broker " + name + ": cannot write its folders", e));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("tls." + e.getMessage(), e));
    }
    return hivemq.start().thenApply(v -> this);
  }

  /** Stops the broker and releases its resources; completes when done. */
  public synchronized CompletableFuture<Void> stop() {
    EmbeddedHiveMQ running = hivemq;
    hivemq = null;
    if (running == null) {
      return CompletableFuture.completedFuture(null);
    }
    // close() stops and releases; it waits for HiveMQ's own state-change thread, so it must run on a thread
    // of ours (calling it from a callback of stop() deadlocks on that very thread).
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread closer = new Thread(() -> {
      try {
        running.close();
        done.complete(null);
      } catch (Exception e) {
        done.completeExceptionally(e);
      }
    }, "broker-stop-" + name);
    closer.setDaemon(true);
    closer.start();
    return done;
  }

  /** The port it listens on (the one picked when configured with 0). */
  public int port() {
    return port;
  }

  /** {@code tcp://address:port}, for MQTT clients. */
  public String url() {
    return "tcp://" + settings.bindAddress() + ":" + port;
  }

  /** The TLS listener's port, or 0 without one. */
  public int tlsPort() {
    return tlsPort;
  }

  /** {@code ssl://host:port} of the TLS listener, for a host name the certificate names; null without one. */
  public String tlsUrl(String host) {
    return settings.tls() == null ? null : "ssl://" + host + ":" + tlsPort;
  }

  /**
   * Clients the broker disconnected for a packet above {@link BrokerSettings#maxPacketSize()} since start
   * (HiveMQ reports the disconnect's reason to extensions; the packet itself never reaches one).
   */
  public long oversizedPackets() {
    return oversizedPackets.sum();
  }

  private final LongAdder oversizedPackets = new LongAdder();

  private ExtensionMain withOversizeCounter(ExtensionMain inner) {
    ClientLifecycleEventListener listener = new ClientLifecycleEventListener() {
      @Override
      public void onMqttConnectionStart(ConnectionStartInput in) {}

      @Override
      public void onAuthenticationSuccessful(AuthenticationSuccessfulInput in) {}

      @Override
      public void onDisconnect(DisconnectEventInput in) {}

      @Override
      public void onServerInitiatedDisconnect(ServerInitiatedDisconnectInput in) {
        if (in.getReasonCode().filter(c -> c == DisconnectedReasonCode.PACKET_TOO_LARGE).isPresent()) {
          oversizedPackets.increment();
        }
      }
    };
    return new ExtensionMain() {
      @Override
      public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
        Services.eventRegistry().setClientLifecycleEventListener(provider -> listener);
        if (inner != null) {
          inner.extensionStart(in, out);
        }
      }

      @Override
      public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {
        if (inner != null) {
          inner.extensionStop(in, out);
        }
      }
    };
  }

  // HiveMQ takes one embedded extension: the access control and the caller's interceptors share it.
  private ExtensionMain withAccess(ExtensionMain callers) {
    if (settings.access() == null) {
      return callers;
    }
    ExtensionMain access = new BrokerAccessExtension(settings.access());
    return new ExtensionMain() {
      @Override
      public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
        access.extensionStart(in, out);
        if (callers != null) {
          callers.extensionStart(in, out);
        }
      }

      @Override
      public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {
        if (callers != null) {
          callers.extensionStop(in, out);
        }
        access.extensionStop(in, out);
      }
    };
  }

  /** Key stores from the listener's files, and the listener's XML naming them. */
  private String tlsListenerXml(Path conf) {
    TlsListener tls = settings.tls();
    byte[] secret = new byte[18];
    new SecureRandom().nextBytes(secret);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Path keystore = conf.resolve("tls-keystore.p12");
    TlsMaterial.write(TlsMaterial.keyStore(tls.files(), password.toCharArray()), password.toCharArray(), keystore);
    StringBuilder xml = new StringBuilder()
        .append("    <tls-tcp-listener>\n")
        .append("      <port>").append(tlsPort).append("</port>\n")
        .append("      <bind-address>").append(tls.bindAddress()).append("</bind-address>\n")
        .append("      <tls>\n")
        .append("        <keystore><path>").append(keystore).append("</path><password>").append(password)
        .append("</password><private-key-password>").append(password).append("</private-key-password></keystore>\n");
    if (tls.files().caFile() != null) {
      Path truststore = conf.resolve("tls-truststore.p12");
      TlsMaterial.write(TlsMaterial.trustStore(Path.of(tls.files().caFile())), password.toCharArray(), truststore);
      xml.append("        <truststore><path>").append(truststore).append("</path><password>").append(password).append("</password></truststore>\n");
    }
    xml.append("        <protocols>");
    TlsMaterial.PROTOCOLS.forEach(p -> xml.append("<protocol>").append(p).append("</protocol>"));
    xml.append("</protocols>\n")
        .append("        <client-authentication-mode>").append(tls.clientAuth().name()).append("</client-authentication-mode>\n")
        .append("      </tls>\n")
        .append("    </tls-tcp-listener>");
    return xml.toString();
  }

  private String configXml(String tlsListener) {
    return String.join("\n",
        "<?xml version=\"1.0\"?>",
        "<hivemq>",
        "  <listeners>",
        "    <tcp-listener>",
        "      <port>" + port + "</port>",
        "      <bind-address>" + settings.bindAddress() + "</bind-address>",
        "    </tcp-listener>",
        tlsListener,
        "  </listeners>",
        "  <mqtt>",
        "    <queued-messages>",
        "      <max-queue-size>" + settings.maxQueueSize() + "</max-queue-size>",
        "      <strategy>discard</strategy>",
        "    </queued-messages>",
        "    <receive-maximum>",
        "      <server-receive-maximum>" + settings.serverReceiveMaximum() + "</server-receive-maximum>",
        "    </receive-maximum>",
        "    <packets>",
        "      <max-packet-size>" + settings.maxPacketSize() + "</max-packet-size>",
        "    </packets>",
        "  </mqtt>",
        "  <persistence>",
        "    <mode>" + (settings.persistent() ? "file" : "in-memory") + "</mode>",
        "  </persistence>",
        "  <anonymous-usage-statistics>",
        "    <enabled>false</enabled>",
        "  </anonymous-usage-statistics>",
        "</hivemq>",
        "");
  }

  private static int freePort(String address) throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
      return socket.getLocalPort();
    }
  }
}
