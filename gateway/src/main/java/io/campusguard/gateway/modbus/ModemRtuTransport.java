package io.campusguard.gateway.modbus;

import com.digitalpetri.modbus.ModbusRtuFrame;
import com.digitalpetri.modbus.ModbusRtuResponseFrameParser;
import com.digitalpetri.modbus.client.ModbusRtuClientTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Modbus RTU over the TCP connection a 4G modem dialled in with: the transport digitalpetri's RTU client sends
 * its frames through. The gateway is the Modbus master but the TCP server, so the connection is not opened here:
 * {@link #attach} takes the modem's socket once it has registered, replacing (and closing) the one it had. Heartbeat
 * packets are dropped between answers; the rest goes through the library's RTU response parser.
 */
final class ModemRtuTransport implements ModbusRtuClientTransport {
  private static final Logger LOG = LoggerFactory.getLogger(ModemRtuTransport.class);

  private final String modemId;
  private final byte[] heartbeat;
  private final ModbusRtuResponseFrameParser parser = new ModbusRtuResponseFrameParser();
  private final AtomicLong heartbeats = new AtomicLong();
  private final AtomicLong badFrames = new AtomicLong();
  private volatile Socket socket;
  private volatile Consumer<ModbusRtuFrame> frames = f -> {};
  private volatile String lastLoss = "waiting for the modem to dial in";

  ModemRtuTransport(String modemId, byte[] heartbeat) {
    this.modemId = modemId;
    this.heartbeat = heartbeat.clone();
  }

  /** Takes the modem's new connection; the one it had is closed. Then reads it on the calling thread until it ends. */
  void attachAndRead(Socket fresh, InputStream in, byte[] leftover) {
    Socket old;
    synchronized (this) {
      old = socket;
      socket = fresh;
      parser.reset();
    }
    closeQuietly(old);
    try {
      if (leftover.length > 0) {
        take(leftover);
      }
      byte[] buf = new byte[512];
      for (int n; (n = in.read(buf)) >= 0; ) {
        if (n > 0) {
          take(Arrays.copyOf(buf, n));
        }
      }
      lost(fresh, "the modem closed the connection");
    } catch (IOException e) {
      lost(fresh, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  /** Whether {@code old} was replaced by a newer connection of the same modem. */
  boolean replaced(Socket old) {
    return socket != old;
  }

  private void lost(Socket s, String why) {
    synchronized (this) {
      if (socket == s) {
        socket = null;
        lastLoss = why;
      }
    }
    closeQuietly(s);
  }

  private void take(byte[] chunk) {
    byte[] data = withoutHeartbeats(chunk);
    if (data.length == 0) {
      return;
    }
    ModbusRtuResponseFrameParser.ParserState state;
    synchronized (this) {
      state = parser.parse(data);
      if (state instanceof ModbusRtuResponseFrameParser.Accumulated || state instanceof ModbusRtuResponseFrameParser.ParseError) {
        parser.reset();
      }
    }
    if (state instanceof ModbusRtuResponseFrameParser.Accumulated a) {
      frames.accept(a.frame());
    } else if (state instanceof ModbusRtuResponseFrameParser.ParseError e) {
      badFrames.incrementAndGet();
      LOG.warn("modem {}: unreadable RTU answer dropped: {}", modemId, e.error());
    }
  }

  /** The chunk without heartbeat packets at its start or end (a modem sends them between answers, never inside one). */
  private byte[] withoutHeartbeats(byte[] chunk) {
    if (heartbeat.length == 0) {
      return chunk;
    }
    int from = 0;
    int to = chunk.length;
    while (to - from >= heartbeat.length && Arrays.equals(chunk, from, from + heartbeat.length, heartbeat, 0, heartbeat.length)) {
      from += heartbeat.length;
      heartbeats.incrementAndGet();
    }
    while (to - from >= heartbeat.length && Arrays.equals(chunk, to - heartbeat.length, to, heartbeat, 0, heartbeat.length)) {
      to -= heartbeat.length;
      heartbeats.incrementAndGet();
    }
    return Arrays.copyOfRange(chunk, from, to);
  }

  long heartbeats() {
    return heartbeats.get();
  }

  long badFrames() {
    return badFrames.get();
  }

  /** Why the modem is not connected, or null when it is. */
  String notConnectedBecause() {
    return socket == null ? lastLoss : null;
  }

  @Override
  public CompletionStage<Void> connect() {
    return CompletableFuture.completedFuture(null); // the modem connects to us
  }

  @Override
  public CompletionStage<Void> disconnect() {
    Socket s;
    synchronized (this) {
      s = socket;
      socket = null;
      lastLoss = "closed";
    }
    closeQuietly(s);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public boolean isConnected() {
    return socket != null;
  }

  @Override
  public CompletionStage<Void> send(ModbusRtuFrame frame) {
    Socket s = socket;
    if (s == null) {
      return CompletableFuture.failedFuture(new IOException("modem " + modemId + " not connected: " + lastLoss));
    }
    byte[] pdu = new byte[frame.pdu().remaining()];
    frame.pdu().duplicate().get(pdu);
    byte[] crc = new byte[frame.crc().remaining()];
    frame.crc().duplicate().get(crc);
    byte[] out = new byte[1 + pdu.length + crc.length];
    out[0] = (byte) frame.unitId();
    System.arraycopy(pdu, 0, out, 1, pdu.length);
    System.arraycopy(crc, 0, out, 1 + pdu.length, crc.length);
    try {
      // A request is a few bytes, well inside the socket's send buffer: the write does not wait on the modem.
      OutputStream o = s.getOutputStream();
      synchronized (s) {
        o.write(out);
        o.flush();
      }
      return CompletableFuture.completedFuture(null);
    } catch (IOException e) {
      lost(s, e.getMessage());
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public void receive(Consumer<ModbusRtuFrame> consumer) {
    frames = consumer;
  }

  @Override
  public void resetFrameParser() {
    synchronized (this) {
      parser.reset();
    }
  }

  private static void closeQuietly(Socket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing a socket that is going away anyway
      }
    }
  }
}
