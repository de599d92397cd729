package io.campusguard.gateway.dc09;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.gateway.config.GatewayConfig;
import io.campusguard.gateway.connector.ConnectorContext;
import io.campusguard.runtime.config.ConfigLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our receiver beside an independent one (iobroker.sia 2.0.4): the test panel sends every frame to both, over TCP
 * and UDP, plain and encrypted; both must accept and refuse the same frames and answer equivalent ACKs (same
 * sequence number, receiver, line and account; encrypted when the message was, holding the receiver's time).
 * A refusal is the peer's NAK, and ours NAK, DUH or no answer (a frame cut short gets none from us).
 */
@Timeout(120)
class Dc09PeerTest {
  static final String KEY = "2B7E151628AED2A6ABF7158809CF4F3C";
  static final String KEY256 = "603DEB1015CA71BE2B73AEF0857D77811F352C073B6108D72D9810A30914DFF4";
  static final String WRONG_KEY = "00000000000000000000000000000001";
  @TempDir static Path dir;
  private static SiaPeer peer;
  private static TestPanel panel;
  private static Dc09Connector ours;
  private static PanelReceiverTest.ScriptedInbox inbox;
  private static final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @BeforeAll
  static void start() throws Exception {
    peer = new SiaPeer("[{\"accountnumber\":\"1234\",\"aes\":false},{\"accountnumber\":\"ABC9\",\"aes\":true,\"hex\":true,\"password\":\"" + KEY
        + "\"},{\"accountnumber\":\"BEEF\",\"aes\":true,\"hex\":true,\"password\":\"" + KEY256 + "\"}]");
    panel = new TestPanel(peer);
    inbox = new PanelReceiverTest.ScriptedInbox(true);
    ours = new Dc09Connector(new ConnectorContext("dc09", config(), inbox, Clock.systemUTC(), Runnable::run, scheduler).settings(Dc09Settings.class).orElseThrow(),
        new ConnectorContext("dc09", config(), inbox, Clock.systemUTC(), Runnable::run, scheduler));
    ours.start();
  }

  static GatewayConfig config() {
    String yaml = String.join("\n",
        "campus: LP-017",
        "campusBroker: { url: \"tcp://127.0.0.1:1\" }",
        "countyBroker: { url: \"tcp://127.0.0.1:1\" }",
        "outbox: { file: \"" + dir.resolve("outbox.db") + "\" }",
        "connectors:",
        "  dc09:",
        "    bindAddress: 127.0.0.1",
        "    tcpPort: 0",
        "    udpPort: 0",
        "    accounts:",
        "      - { account: \"1234\", device: LP-017-AP-01, zones: { \"15\": { device: LP-017-PB-15, room: 门卫室, panic: true } } }",
        "      - { account: ABC9, device: LP-017-AP-02, key: " + KEY + " }",
        "      - { account: BEEF, device: LP-017-AP-03, key: " + KEY256 + " }",
        "");
    return new ConfigLoader().parse(yaml, GatewayConfig.ENV_PREFIX, Map.of(), GatewayConfig.class);
  }

  @AfterAll
  static void stop() throws Exception {
    if (ours != null) {
      ours.close();
    }
    if (peer != null) {
      peer.close();
    }
    scheduler.shutdownNow();
  }

  /** A frame the test sends, and whether the standard says a receiver accepts it. */
  record Case(String name, byte[] frame, boolean accepted, boolean halfClose) {}

  private static List<Case> cases() throws Exception {
    Instant now = Instant.now();
    String fresh = TestPanel.timestamp(now);
    String stale = TestPanel.timestamp(now.minusSeconds(120));
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("contact id panic", TestPanel.plain("ADM-CID", 1, null, "0", "1234", "#1234|1120 01 015", ""), true, false));
    cases.add(new Case("sia burglary with receiver and timestamp", TestPanel.plain("SIA-DCS", 2, "1", "0", "1234", "#1234|Nri1/BA3", fresh), true, false));
    cases.add(new Case("contact id with an extended block", TestPanel.plain("ADM-CID", 3, "12", "3", "1234", "#1234|1301 00 000", "[X100E200]" + fresh), true, false));
    cases.add(new Case("encrypted AES-128", panel.encrypted("ADM-CID", 4, "1", "0", "ABC9", KEY, "#ABC9|1122 01 004", fresh), true, false));
    cases.add(new Case("encrypted AES-256", panel.encrypted("SIA-DCS", 5, null, "7", "BEEF", KEY256, "#BEEF|NPA2", fresh), true, false));
    cases.add(new Case("encrypted, stale timestamp", panel.encrypted("ADM-CID", 6, "1", "0", "ABC9", KEY, "#ABC9|1122 01 004", stale), false, false));
    cases.add(new Case("plain to an account with a key", TestPanel.plain("ADM-CID", 7, null, "0", "ABC9", "#ABC9|1120 01 001", fresh), false, false));
    cases.add(new Case("encrypted to an account without one", panel.encrypted("ADM-CID", 8, null, "0", "1234", KEY, "#1234|1120 01 001", fresh), false, false));
    cases.add(new Case("unknown account", TestPanel.plain("ADM-CID", 9, null, "0", "9999", "#9999|1120 01 001", ""), false, false));
    byte[] badCrc = TestPanel.plain("ADM-CID", 10, null, "0", "1234", "#1234|1120 01 015", "");
    badCrc[1] = (byte) (badCrc[1] == '0' ? '1' : '0');
    cases.add(new Case("bad CRC", badCrc, false, false));
    byte[] badLength = TestPanel.plain("ADM-CID", 11, null, "0", "1234", "#1234|1120 01 015", "");
    badLength[8] = (byte) (badLength[8] == '0' ? '1' : '0');
    cases.add(new Case("bad length", badLength, false, false));
    byte[] whole = TestPanel.plain("ADM-CID", 12, null, "0", "1234", "#1234|1120 01 015", "");
    cases.add(new Case("frame cut in half", Arrays.copyOf(whole, whole.length / 2), false, true));
    byte[] line = new byte[64 * 1024];
    Arrays.fill(line, (byte) 'A');
    line[0] = '\n';
    cases.add(new Case("64 KiB line", line, false, false));
    return cases;
  }

  /** Verifies that over TCP both receivers accept and refuse the same frames, with equivalent answers. */
  @Test
  void tcpSameDecisionsAsTheIndependentReceiver() throws Exception {
    long refusedBefore = refusedCount();
    int refusals = 0;
    for (Case c : cases()) {
      String theirs = TestPanel.sendTcp(peer.tcpPort, c.frame(), c.halfClose());
      String mine = TestPanel.sendTcp(ours.tcpPort(), c.frame(), c.halfClose());
      assertEquivalent(c, theirs, mine);
      refusals += c.accepted() ? 0 : 1;
    }
    // every refused frame counted by reason; the receiver still serves
    assertThat(refusedCount() - refusedBefore).isEqualTo(refusals);
    assertThat(TestPanel.sendTcp(ours.tcpPort(), TestPanel.plain("ADM-CID", 20, null, "0", "1234", "#1234|1120 01 015", ""), false)).contains("\"ACK\"0020");
  }

  /** Verifies the same over UDP, one frame a datagram. */
  @Test
  void udpSameDecisionsAsTheIndependentReceiver() throws Exception {
    for (Case c : cases()) {
      if (c.halfClose() || c.frame().length > 1500) {
        continue; // TCP-only cases: no half-close in UDP; a 64 KiB datagram does not exist
      }
      String theirs = TestPanel.sendUdp(peer.udpPort, c.frame());
      String mine = TestPanel.sendUdp(ours.udpPort(), c.frame());
      assertEquivalent(c, theirs, mine);
    }
  }

  private long refusedCount() {
    return ours.counters().entrySet().stream().filter(e -> e.getKey().startsWith("refused_")).mapToLong(Map.Entry::getValue).sum();
  }

  private static void assertEquivalent(Case c, String theirs, String mine) throws Exception {
    Answer t = Answer.read(theirs, true);
    Answer m = Answer.read(mine, false);
    assertThat(t.accepted()).as("%s: iobroker.sia answered %s", c.name(), theirs).isEqualTo(c.accepted());
    assertThat(m.accepted()).as("%s: we answered %s", c.name(), mine).isEqualTo(c.accepted());
    if (c.accepted()) {
      assertThat(m.header()).as(c.name()).isEqualTo(t.header());
      String id = new String(c.frame(), StandardCharsets.ISO_8859_1).substring(10, 11);
      if (id.equals("*")) {
        String key = m.header().contains("#ABC9") ? KEY : KEY256;
        assertThat(m.encryptedTimestamp(key)).as(c.name()).isBetween(Instant.now().minusSeconds(10), Instant.now().plusSeconds(1));
        assertThat(t.encryptedTimestamp(key)).as(c.name()).isBetween(Instant.now().minusSeconds(10), Instant.now().plusSeconds(1));
      }
    } else {
      assertThat(t.type()).as(c.name()).isIn("NAK", null);
      assertThat(m.type()).as(c.name()).isIn("NAK", "DUH", null);
    }
  }

  /** An answer as the panel reads it: CRC and length checked with the panel's own code. */
  record Answer(String type, String header, String rest) {
    /** @param peer the peer's NAK to a frame it cannot recognise has no CRC field ({@code LF 0LLL "NAK"…}): tolerated */
    static Answer read(String frame, boolean peer) {
      if (frame == null) {
        return new Answer(null, null, null);
      }
      assertThat(frame).startsWith("\n").endsWith("\r");
      if (peer && frame.startsWith("\n0") && frame.charAt(5) == '"') {
        frame = "\n" + String.format("%04X", TestPanel.crc(frame.substring(5, frame.length() - 1).getBytes(StandardCharsets.ISO_8859_1))) + frame.substring(1);
      }
      String body = frame.substring(9, frame.length() - 1);
      assertThat(Integer.parseInt(frame.substring(1, 5), 16)).as("answer CRC").isEqualTo(TestPanel.crc(body.getBytes(StandardCharsets.ISO_8859_1)));
      assertThat(Integer.parseInt(frame.substring(5, 9), 16)).as("answer length").isEqualTo(body.length());
      int close = body.indexOf('"', 1);
      String type = body.substring(1, close);
      int open = body.indexOf('[');
      return new Answer(type.replace("*", ""), body.substring(0, open), body.substring(open + 1));
    }

    boolean accepted() {
      return "ACK".equals(type);
    }

    /** The timestamp inside an encrypted ACK (pad, {@code |]_timestamp}, and whatever padding the sender added). */
    Instant encryptedTimestamp(String keyHex) throws Exception {
      Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(HexFormat.of().parseHex(keyHex), "AES"), new IvParameterSpec(new byte[16]));
      String plain = new String(c.doFinal(HexFormat.of().parseHex(rest)), StandardCharsets.ISO_8859_1);
      String ts = plain.substring(plain.indexOf("|]_") + 3, plain.indexOf("|]_") + 3 + 19);
      return java.time.LocalDateTime.parse(ts, java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss,MM-dd-yyyy")).toInstant(java.time.ZoneOffset.UTC);
    }
  }
}
