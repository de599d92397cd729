package io.campusguard.gateway.modbus;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The port 4G data modems dial in to. Each connection gets a thread of its own (a campus has a handful of modems):
 * its first bytes must be a configured modem's registration packet, within the registration timeout; then the
 * connection is that modem's ({@link ModemRtuTransport}), replacing any it had. Anything else is refused (closed)
 * and counted.
 */
final class DialInListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DialInListener.class);

  private final ModbusSettings.DialIn settings;
  /** Each modem's transport by its registration bytes (hex). */
  private final Map<String, ModemRtuTransport> byRegistration;
  private final RegistrationMatcher matcher;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong replaced = new AtomicLong();
  private volatile ServerSocket server;
  private volatile boolean closed;

  DialInListener(ModbusSettings.DialIn settings, Map<String, ModemRtuTransport> byRegistration) {
    this.settings = settings;
    this.byRegistration = Map.copyOf(byRegistration);
    this.matcher = new RegistrationMatcher(settings.modems());
  }

  /** Binds the port (an address that cannot be bound fails the start) and accepts on a thread of its own. */
  void start() throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(settings.bindAddress(), settings.port()));
    server = s;
    Thread t = new Thread(this::acceptLoop, "modbus-dial-in-" + s.getLocalPort());
    t.setDaemon(true);
    t.start();
  }

  /** The port bound (the configured one, or the free one port 0 picked). */
  int port() {
    return server.getLocalPort();
  }

  long accepted() {
    return accepted.get();
  }

  long refused() {
    return refused.get();
  }

  long replaced() {
    return replaced.get();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = server.accept();
        Thread t = new Thread(() -> serve(s), "modbus-modem-" + s.getRemoteSocketAddress());
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("modbus dial-in: accept failed: {}", e.toString());
        }
      }
    }
  }

  private void serve(Socket s) {
    String peer = String.valueOf(s.getRemoteSocketAddress());
    try {
      s.setTcpNoDelay(true);
      s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, settings.registrationTimeout().toMillis()));
      InputStream in = s.getInputStream();
      byte[] got = new byte[0];
      byte[] buf = new byte[256];
      while (true) {
        int n = in.read(buf);
        if (n < 0) {
          refuse(s, peer, "closed before registering");
          return;
        }
        got = concat(got, buf, n);
        RegistrationMatcher.Decision d = matcher.decide(got);
        if (d instanceof RegistrationMatcher.Registered r) {
          s.setSoTimeout(0);
          accepted.incrementAndGet();
          ModemRtuTransport transport = byRegistration.get(HexFormat.of().formatHex(r.modem().registrationBytes()));
          if (transport.isConnected()) {
            replaced.incrementAndGet();
            LOG.info("modbus dial-in: modem {} connected again from {}; its old connection is closed", r.modem().id(), peer);
          }
          transport.attachAndRead(s, in, r.leftover());
          return;
        }
        if (d instanceof RegistrationMatcher.Refuse) {
          refuse(s, peer, "unknown registration " + printable(got));
          return;
        }
      }
    } catch (SocketTimeoutException e) {
      refuse(s, peer, "no registration within " + settings.registrationTimeout());
    } catch (IOException e) {
      refuse(s, peer, e.toString());
    }
  }

  private void refuse(Socket s, String peer, String why) {
    refused.incrementAndGet();
    LOG.warn("modbus dial-in: {} refused: {}", peer, why);
    try {
      s.close();
    } catch (IOException ignored) {
      // refused anyway
    }
  }

  private static byte[] concat(byte[] a, byte[] b, int n) {
    byte[] out = Arrays.copyOf(a, a.length + n);
    System.arraycopy(b, 0, out, a.length, n);
    return out;
  }

  private static String printable(byte[] b) {
    String hex = HexFormat.of().formatHex(b, 0, Math.min(b.length, 32));
    return "hex:" + hex + (b.length > 32 ? "…" : "");
  }

  @Override
  public void close() {
    closed = true;
    ServerSocket s = server;
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing
      }
    }
  }
}
