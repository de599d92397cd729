package io.campusguard.gateway.dc09;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.EventKind;
import io.campusguard.devices.Rejection;
import io.campusguard.devices.body.LocalAlarm;
import io.campusguard.devices.body.PanicEvent;
import io.campusguard.gateway.connector.DeviceInbox;
import io.campusguard.gateway.connector.InboxFullException;
import io.campusguard.gateway.dc09.Dc09Settings.AccountSettings;
import io.campusguard.gateway.dc09.Dc09Settings.ZoneSettings;
import io.campusguard.gateway.ingest.IngestOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The receiver's decisions without a network: ACK only once stored, duplicates, NAK, DUH, mapping, link supervision. */
class PanelReceiverTest {
  static final String KEY = "000102030405060708090A0B0C0D0E0F";
  private final TestClock clock = new TestClock(Instant.parse("2026-12-08T08:00:00Z"));

  /** An inbox that records what it is handed; its futures complete at once, or when the test says. */
  static final class ScriptedInbox implements DeviceInbox {
    final List<DeviceMessage> messages = new CopyOnWriteArrayList<>();
    final List<Rejection> rejections = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<IngestOutcome>> pending = new CopyOnWriteArrayList<>();
    volatile boolean completeAtOnce;

    ScriptedInbox(boolean completeAtOnce) {
      this.completeAtOnce = completeAtOnce;
    }

    @Override
    public CompletableFuture<IngestOutcome> publish(String topic, byte[] payload) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<IngestOutcome> publishCopy(String topic, byte[] payload) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<IngestOutcome> message(DeviceMessage m) {
      messages.add(m);
      CompletableFuture<IngestOutcome> f = new CompletableFuture<>();
      if (completeAtOnce) {
        f.complete(new IngestOutcome.Stored(List.of()));
      } else {
        pending.add(f);
      }
      return f;
    }

    @Override
    public CompletableFuture<IngestOutcome> reject(String source, byte[] raw, Rejection rejection) {
      rejections.add(rejection);
      return CompletableFuture.completedFuture(null);
    }
  }

  static Dc09Settings settings() {
    return new Dc09Settings(null, 0, null, null, null, null, null, null, null, List.of(
        new AccountSettings("1234", null, null, null, "LP-017-AP-01", Duration.ofSeconds(30),
            Map.of("15", new ZoneSettings("LP-017-PB-15", "门卫室", true), "3", new ZoneSettings("LP-017-DR-03", "Library", null))),
        new AccountSettings("ABC9", "1", "2", KEY, "LP-017-AP-02", null, Map.of())));
  }

  private final ScriptedInbox inbox = new ScriptedInbox(false);
  private final PanelReceiver receiver = new PanelReceiver(settings(), "LP-017", inbox, clock);

  private static String text(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.ISO_8859_1);
  }

  /** Verifies that a panic press is stored as a P0 press of the zone's button and ACKed only once it is durable. */
  @Test
  void panicPressIsAckedOnlyWhenStored() {
    CompletableFuture<byte[]> answer = receiver.receive(Dc09Replies.frame("\"ADM-CID\"0007L0#1234[#1234|1120 01 015]"), "t");
    assertThat(inbox.messages).singleElement().satisfies(m -> {
      assertThat(m.device()).isEqualTo("LP-017-PB-15");
      assertThat(m.kind()).isEqualTo(EventKind.PANIC);
      assertThat(m.body()).isEqualTo(new PanicEvent(PanicEvent.Action.PRESSED));
    });
    assertThat(answer).isNotDone();
    inbox.pending.get(0).complete(new IngestOutcome.Stored(List.of()));
    assertThat(text(answer.join())).endsWith("\"ACK\"0007L0#1234[]\r");
  }

  /** Verifies that an event that could not be stored gets no answer, and its resend is stored (not just ACKed). */
  @Test
  void notStoredMeansNoAnswerAndTheResendIsStored() {
    byte[] frame = Dc09Replies.frame("\"SIA-DCS\"0008L0#1234[#1234|Nri1/PA15]");
    CompletableFuture<byte[]> first = receiver.receive(frame, "t");
    inbox.pending.get(0).completeExceptionally(new InboxFullException(10_000));
    assertThat(first.join()).isNull();
    CompletableFuture<byte[]> again = receiver.receive(frame, "t");
    assertThat(inbox.messages).hasSize(2);
    inbox.pending.get(1).complete(new IngestOutcome.Stored(List.of()));
    assertThat(text(again.join())).contains("\"ACK\"0008");
    assertThat(receiver.counters()).containsEntry("store_failed", 1L).containsEntry("duplicates", 0L);
  }

  /** Verifies that a replayed sequence number is ACKed again and stored once, even while the first is in flight. */
  @Test
  void replayIsAckedAndStoredOnce() {
    byte[] frame = Dc09Replies.frame("\"ADM-CID\"0009L0#1234[#1234|1130 01 003]");
    CompletableFuture<byte[]> first = receiver.receive(frame, "t");
    CompletableFuture<byte[]> copy = receiver.receive(frame, "t");
    assertThat(copy).isNotDone();
    inbox.pending.get(0).complete(new IngestOutcome.Stored(List.of()));
    assertThat(text(first.join())).contains("\"ACK\"0009");
    assertThat(text(copy.join())).contains("\"ACK\"0009");
    assertThat(text(receiver.receive(frame, "t").join())).contains("\"ACK\"0009");
    assertThat(inbox.messages).singleElement().satisfies(m -> {
      assertThat(m.device()).isEqualTo("LP-017-DR-03");
      assertThat(m.body()).isEqualTo(new LocalAlarm("burglary", LocalAlarm.Transition.RAISED, null, "panel LP-017-AP-01 zone 3 (Library), cid:1130"));
    });
    assertThat(receiver.counters()).containsEntry("duplicates", 2L);
    // past the window, the same sequence number is a new message
    clock.advance(Duration.ofMinutes(11));
    receiver.receive(frame, "t");
    assertThat(inbox.messages).hasSize(2);
  }

  /** Verifies restores, self-tests for panic zones, and events of unconfigured zones on the panel's device. */
  @Test
  void mapping() {
    inbox.completeAtOnce = true;
    receiver.receive(Dc09Replies.frame("\"ADM-CID\"0010L0#1234[#1234|3120 01 015]"), "t");
    receiver.receive(Dc09Replies.frame("\"ADM-CID\"0011L0#1234[#1234|1602 00 000]"), "t");
    receiver.receive(Dc09Replies.frame("\"SIA-DCS\"0012L0#1234[#1234|NFA9]"), "t");
    receiver.receive(Dc09Replies.frame("\"SIA-DCS\"0013L0#1234[#1234|NYR0]"), "t");
    assertThat(inbox.messages).extracting(DeviceMessage::device, DeviceMessage::body).containsExactly(
        org.assertj.core.groups.Tuple.tuple("LP-017-PB-15", new PanicEvent(PanicEvent.Action.CLEARED)),
        org.assertj.core.groups.Tuple.tuple("LP-017-PB-15", new PanicEvent(PanicEvent.Action.SELF_TEST)),
        org.assertj.core.groups.Tuple.tuple("LP-017-AP-01", new LocalAlarm("fire", LocalAlarm.Transition.RAISED, null, "panel LP-017-AP-01 zone 9, sia:FA")),
        org.assertj.core.groups.Tuple.tuple("LP-017-AP-01", new LocalAlarm("low_battery", LocalAlarm.Transition.CLEARED, null, "panel LP-017-AP-01 zone 0, sia:YR")));
  }

  /** Verifies encrypted messages: ACK encrypted, stale or missing timestamp NAKed with our time, wrong key DUH. */
  @Test
  void encrypted() {
    inbox.completeAtOnce = true;
    Dc09Cipher cipher = new Dc09Cipher(java.util.HexFormat.of().parseHex(KEY));
    String fresh = cipher.encrypt("#ABC9|1122 01 004]_" + Dc09Content.format(clock.instant().minusSeconds(30)));
    String ack = text(receiver.receive(Dc09Replies.frame("\"*ADM-CID\"0001R1L2#ABC9[" + fresh), "t").join());
    assertThat(ack).contains("\"*ACK\"0001R1L2#ABC9[");
    String hex = ack.substring(ack.indexOf('[') + 1, ack.length() - 1);
    assertThat(cipher.decrypt(hex)).contains("]_" + Dc09Content.format(clock.instant()));
    assertThat(inbox.messages).singleElement().satisfies(m -> assertThat(m.sourceTs()).isEqualTo(clock.instant().minusSeconds(30)));

    String stale = cipher.encrypt("#ABC9|1122 01 004]_" + Dc09Content.format(clock.instant().minusSeconds(41)));
    assertThat(text(receiver.receive(Dc09Replies.frame("\"*ADM-CID\"0002R1L2#ABC9[" + stale), "t").join()))
        .endsWith("\"NAK\"0000R0L0A0[]_" + Dc09Content.format(clock.instant()) + "\r");
    String ahead = cipher.encrypt("#ABC9|1122 01 004]_" + Dc09Content.format(clock.instant().plusSeconds(21)));
    assertThat(text(receiver.receive(Dc09Replies.frame("\"*ADM-CID\"0003R1L2#ABC9[" + ahead), "t").join())).contains("\"NAK\"");
    String none = cipher.encrypt("#ABC9|1122 01 004]");
    assertThat(text(receiver.receive(Dc09Replies.frame("\"*ADM-CID\"0004R1L2#ABC9[" + none), "t").join())).contains("\"NAK\"");
    String wrongKey = new Dc09Cipher(new byte[16]).encrypt("#ABC9|1122 01 004]_" + Dc09Content.format(clock.instant()));
    assertThat(text(receiver.receive(Dc09Replies.frame("\"*ADM-CID\"0005R1L2#ABC9[" + wrongKey), "t").join())).contains("\"DUH\"0005R1L2#ABC9[]");
    assertThat(text(receiver.receive(Dc09Replies.frame("\"ADM-CID\"0006R1L2#ABC9[#ABC9|1122 01 004]"), "t").join())).contains("\"DUH\"");
    assertThat(text(receiver.receive(Dc09Replies.frame("\"*ADM-CID\"0007R1L3#ABC9[" + fresh), "t").join())).contains("\"DUH\"");
    assertThat(inbox.messages).hasSize(1);
    assertThat(receiver.counters()).containsEntry("refused_stale_timestamp", 3L).containsEntry("refused_bad_encryption", 2L)
        .containsEntry("refused_unknown_account", 1L).containsEntry("nak", 3L).containsEntry("duh", 3L);
    assertThat(inbox.rejections).hasSize(6);
  }

  /** Verifies NULL messages: ACKed, nothing stored; and link supervision: one alarm after silence, cleared by the next message. */
  @Test
  void nullMessagesAndLinkSupervision() {
    inbox.completeAtOnce = true;
    assertThat(text(receiver.receive(Dc09Replies.frame("\"NULL\"0000L0#1234[]"), "t").join())).contains("\"ACK\"0000L0#1234[]");
    assertThat(inbox.messages).isEmpty();
    clock.advance(Duration.ofSeconds(29));
    receiver.links().check(clock.instant());
    assertThat(inbox.messages).isEmpty();
    clock.advance(Duration.ofSeconds(2));
    receiver.links().check(clock.instant());
    receiver.links().check(clock.instant());
    assertThat(inbox.messages).singleElement().satisfies(m -> {
      assertThat(m.device()).isEqualTo("LP-017-AP-01");
      assertThat(((LocalAlarm) m.body()).type()).isEqualTo(PanelLinks.ALARM_TYPE);
      assertThat(((LocalAlarm) m.body()).transition()).isEqualTo(LocalAlarm.Transition.RAISED);
    });
    receiver.receive(Dc09Replies.frame("\"NULL\"0000L0#1234[]"), "t");
    assertThat(inbox.messages).hasSize(2);
    assertThat(((LocalAlarm) inbox.messages.get(1).body()).transition()).isEqualTo(LocalAlarm.Transition.CLEARED);
    assertThat(receiver.counters()).containsEntry("links_lost", 1L);
  }

  /** Verifies that bad frames are NAKed, counted by reason and kept as dead letters. */
  @Test
  void badFramesAreCountedAndKept() {
    byte[] good = Dc09Replies.frame("\"ADM-CID\"0007L0#1234[#1234|1120 01 015]");
    byte[] badCrc = good.clone();
    badCrc[2] ^= 1;
    assertThat(text(receiver.receive(badCrc, "t").join())).contains("\"NAK\"");
    assertThat(text(receiver.receive(java.util.Arrays.copyOf(good, 20), "t").join())).contains("\"NAK\"");
    assertThat(text(receiver.receive(Dc09Replies.frame("\"ADM-CID\"0007L0#9999[#9999|1120 01 015]"), "t").join())).contains("\"DUH\"");
    assertThat(inbox.messages).isEmpty();
    assertThat(receiver.counters()).containsEntry("refused_bad_crc", 1L).containsEntry("refused_bad_framing", 1L).containsEntry("refused_unknown_account", 1L);
    assertThat(inbox.rejections).extracting(Rejection::field).containsExactly("dc09.bad_crc", "dc09.bad_framing", "dc09.unknown_account");
  }

}
