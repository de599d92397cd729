package io.campusguard.gateway.dc09;

import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.EventKind;
import io.campusguard.devices.Rejection;
import io.campusguard.devices.body.LocalAlarm;
import io.campusguard.devices.body.PanicEvent;
import io.campusguard.gateway.connector.DeviceInbox;
import io.campusguard.gateway.dc09.Dc09Settings.AccountSettings;
import io.campusguard.gateway.dc09.Dc09Settings.ZoneSettings;
import io.campusguard.gateway.dc09.PanelEvent.Category;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The receiver's decisions, without any network: one frame in, the answer out once it may be given. A message is
 * ACKed only when everything it carries is durable in the outbox (the inbox's futures); a copy of a message
 * already received (same account, sequence number, id and content within {@code duplicateWindow}) is ACKed again
 * once the first is durable, and stored once. Thread-safe; never blocks; never throws on input.
 */
public final class PanelReceiver {
  /** Raw bytes kept with a dead letter: enough to see what it was. */
  static final int MAX_KEPT_BYTES = 512;
  private static final int MAX_REMEMBERED = 50_000;

  private final Dc09Settings settings;
  private final String campus;
  private final DeviceInbox inbox;
  private final Clock clock;
  private final FrameParser parser;
  private final PanelCodes codes;
  private final Map<String, Account> accounts = new LinkedHashMap<>();
  private final ConcurrentHashMap<String, Remembered> recent = new ConcurrentHashMap<>();
  private final PanelLinks links;

  private final LongAdder received = new LongAdder();
  private final LongAdder acked = new LongAdder();
  private final LongAdder naks = new LongAdder();
  private final LongAdder duhs = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder stored = new LongAdder();
  private final LongAdder unmapped = new LongAdder();
  private final LongAdder storeFailed = new LongAdder();
  private final Map<FrameFault, LongAdder> faults = new EnumMap<>(FrameFault.class);

  /** An account's settings with its cipher. */
  record Account(AccountSettings settings, Dc09Cipher cipher) {}

  private record Remembered(CompletableFuture<Void> stored, Instant at) {}

  public PanelReceiver(Dc09Settings settings, String campus, DeviceInbox inbox, Clock clock) {
    this.settings = settings;
    this.campus = campus;
    this.inbox = inbox;
    this.clock = clock;
    this.parser = new FrameParser(settings.maxFrameBytes());
    this.codes = new PanelCodes(settings.contactIdCategories(), settings.siaCategories());
    for (int i = 0; i < settings.accounts().size(); i++) {
      AccountSettings a = settings.accounts().get(i);
      accounts.put(a.account(), new Account(a, a.key() == null ? null : new Dc09Cipher(a.keyBytes())));
    }
    for (FrameFault f : FrameFault.values()) {
      faults.put(f, new LongAdder());
    }
    this.links = new PanelLinks(campus, settings.accounts(), inbox, clock);
  }

  /**
   * The answer to one frame (LF … CR): ACK, NAK or DUH, or null for no answer (the event could not be stored:
   * the panel's retry timer sends it again). The future never fails.
   *
   * @param source where it came from, kept with a refused frame ({@code dc09/tcp/10.0.3.7:4001})
   */
  public CompletableFuture<byte[]> receive(byte[] frame, String source) {
    received.increment();
    Instant now = clock.instant();
    FrameParser.Result result = parser.parse(frame);
    if (result instanceof FrameParser.Refused r) {
      return refuse(source, frame, r.fault(), r.detail(), Dc09Replies.nak(now));
    }
    Dc09Frame f = ((FrameParser.Parsed) result).frame();
    Account account = accounts.get(f.account());
    if (account == null || !matches(account.settings().receiver(), f.receiver()) || !matches(account.settings().line(), f.line())) {
      return refuse(source, frame, FrameFault.UNKNOWN_ACCOUNT, "account " + f.account() + " R" + f.receiver() + " L" + f.line() + " is not configured", Dc09Replies.duh(f));
    }
    String rest = f.rest();
    if (f.encrypted()) {
      if (account.cipher() == null) {
        return refuse(source, frame, FrameFault.BAD_ENCRYPTION, "encrypted, but account " + f.account() + " has no key", Dc09Replies.duh(f));
      }
      Optional<String> plain = account.cipher().decrypt(rest);
      if (plain.isEmpty()) {
        return refuse(source, frame, FrameFault.BAD_ENCRYPTION, "does not decrypt with account " + f.account() + "'s key", Dc09Replies.duh(f));
      }
      rest = plain.get();
    } else if (account.cipher() != null && !Dc09Frame.NULL.equals(f.id())) {
      return refuse(source, frame, FrameFault.BAD_ENCRYPTION, "unencrypted, but account " + f.account() + " has a key", Dc09Replies.duh(f));
    }
    Optional<Dc09Content> parsed = Dc09Content.parse(rest);
    if (parsed.isEmpty()) {
      FrameFault fault = f.encrypted() ? FrameFault.BAD_ENCRYPTION : FrameFault.BAD_CONTENT;
      return refuse(source, frame, fault, "data block does not read" + (f.encrypted() ? " after decryption (wrong key?)" : ""), Dc09Replies.duh(f));
    }
    Dc09Content content = parsed.get();
    if (f.encrypted() && !inWindow(content.timestamp(), now)) {
      return refuse(source, frame, FrameFault.STALE_TIMESTAMP,
          "timestamp " + (content.timestamp() == null ? "missing" : content.timestamp() + " outside -" + settings.timestampPast() + "/+" + settings.timestampFuture()),
          Dc09Replies.nak(now));
    }
    links.heard(account.settings(), now);
    byte[] ack = Dc09Replies.ack(f, account.cipher(), now);
    String key = f.account() + '|' + f.seq() + '|' + f.id() + '|' + content.data() + '|' + String.join("][", content.extended());
    Remembered fresh = new Remembered(new CompletableFuture<>(), now);
    Remembered earlier = recent.putIfAbsent(key, fresh);
    if (earlier != null && earlier.at().plus(settings.duplicateWindow()).isAfter(now)) {
      duplicates.increment();
      return answerWhenStored(earlier.stored(), ack);
    }
    if (earlier != null) {
      recent.put(key, fresh);
    }
    forgetOld(now);
    store(account, f, content, now).whenComplete((v, failure) -> {
      if (failure != null) {
        recent.remove(key, fresh); // not stored: the panel's copy must be stored, not merely acknowledged
        fresh.stored().completeExceptionally(failure);
      } else {
        fresh.stored().complete(null);
      }
    });
    return answerWhenStored(fresh.stored(), ack);
  }

  private CompletableFuture<byte[]> answerWhenStored(CompletableFuture<Void> stored, byte[] ack) {
    return stored.handle((v, failure) -> {
      if (failure != null) {
        storeFailed.increment();
        return null;
      }
      acked.increment();
      return ack;
    });
  }

  private CompletableFuture<Void> store(Account account, Dc09Frame f, Dc09Content content, Instant now) {
    Instant sourceTs = content.timestamp() != null && !content.timestamp().isAfter(now) ? content.timestamp() : now;
    List<DeviceMessage> messages = new ArrayList<>();
    for (PanelEvent e : codes.read(f.id(), content.data())) {
      messages.addAll(messagesFor(account.settings(), e, sourceTs));
    }
    if (messages.isEmpty()) {
      if (!Dc09Frame.NULL.equals(f.id())) {
        unmapped.increment();
      }
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<?>[] each = messages.stream().map(inbox::message).toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(each).thenRun(() -> stored.add(each.length));
  }

  /** What one panel event becomes: a panic press or its self-test, or a typed alarm raised or cleared. */
  List<DeviceMessage> messagesFor(AccountSettings account, PanelEvent e, Instant ts) {
    ZoneSettings zone = account.zones().get(e.zone());
    switch (e.category()) {
      case IGNORE -> {
        return List.of();
      }
      case PANIC -> {
        String device = zone != null ? zone.device() : account.device() + "-Z" + e.zone();
        return List.of(new DeviceMessage(campus, device, EventKind.PANIC, ts, new PanicEvent(e.restore() ? PanicEvent.Action.CLEARED : PanicEvent.Action.PRESSED)));
      }
      case TEST -> {
        return account.zones().values().stream().filter(ZoneSettings::panic)
            .map(z -> new DeviceMessage(campus, z.device(), EventKind.PANIC, ts, new PanicEvent(PanicEvent.Action.SELF_TEST))).toList();
      }
      default -> {
        String device = zone != null ? zone.device() : account.device();
        String where = zone != null && zone.room() != null ? " (" + zone.room() + ")" : "";
        String detail = "panel " + account.device() + " zone " + e.zone() + where + ", " + e.code();
        return List.of(new DeviceMessage(campus, device, EventKind.ALARM, ts,
            new LocalAlarm(e.category().alarmType(), e.restore() ? LocalAlarm.Transition.CLEARED : LocalAlarm.Transition.RAISED, null, detail)));
      }
    }
  }

  private CompletableFuture<byte[]> refuse(String source, byte[] frame, FrameFault fault, String detail, byte[] answer) {
    faults.get(fault).increment();
    if (answer[10] == 'N') { // LF, CRC, 0LLL, then "NAK" or "DUH"
      naks.increment();
    } else {
      duhs.increment();
    }
    byte[] kept = frame.length > MAX_KEPT_BYTES ? Arrays.copyOf(frame, MAX_KEPT_BYTES) : frame;
    Rejection.Reason reason = switch (fault) {
      case TOO_LARGE -> Rejection.Reason.TOO_LARGE;
      case STALE_TIMESTAMP -> Rejection.Reason.TIMESTAMP_TOO_OLD;
      case UNKNOWN_ACCOUNT -> Rejection.Reason.UNKNOWN_VALUE;
      case UNSUPPORTED_ID -> Rejection.Reason.UNKNOWN_VALUE;
      default -> Rejection.Reason.WRONG_SHAPE;
    };
    // The refusal is kept as a dead letter; the panel's answer does not wait for it (nothing of it is stored as an event).
    inbox.reject(source, kept, new Rejection("dc09." + fault.name().toLowerCase(java.util.Locale.ROOT), reason, detail));
    return CompletableFuture.completedFuture(answer);
  }

  /** A frame cut short by its connection's end, or by the next frame's LF: counted and kept, no answer. */
  public void cutFrame(byte[] partial, String source) {
    received.increment();
    faults.get(FrameFault.BAD_FRAMING).increment();
    byte[] kept = partial.length > MAX_KEPT_BYTES ? Arrays.copyOf(partial, MAX_KEPT_BYTES) : partial;
    inbox.reject(source, kept, new Rejection("dc09.bad_framing", Rejection.Reason.WRONG_SHAPE, "frame cut off before its CR"));
  }

  /** A line longer than the limit, refused before parsing: counted and kept (its start), answered NAK. */
  public byte[] tooLarge(byte[] start, String source) {
    received.increment();
    faults.get(FrameFault.TOO_LARGE).increment();
    naks.increment();
    byte[] kept = start.length > MAX_KEPT_BYTES ? Arrays.copyOf(start, MAX_KEPT_BYTES) : start;
    inbox.reject(source, kept, new Rejection("dc09.too_large", Rejection.Reason.TOO_LARGE, "more than " + settings.maxFrameBytes() + " bytes without CR"));
    return Dc09Replies.nak(clock.instant());
  }

  private boolean inWindow(Instant ts, Instant now) {
    return ts != null && !ts.isBefore(now.minus(settings.timestampPast())) && !ts.isAfter(now.plus(settings.timestampFuture()));
  }

  private static boolean matches(String configured, String sent) {
    return configured == null || configured.equalsIgnoreCase(sent);
  }

  private void forgetOld(Instant now) {
    if (recent.size() > MAX_REMEMBERED) {
      Instant horizon = now.minus(settings.duplicateWindow());
      recent.entrySet().removeIf(e -> e.getValue().at().isBefore(horizon) && e.getValue().stored().isDone());
    }
  }

  public PanelLinks links() {
    return links;
  }

  public int maxFrameBytes() {
    return settings.maxFrameBytes();
  }

  public Map<String, Long> counters() {
    Map<String, Long> c = new LinkedHashMap<>();
    c.put("received", received.sum());
    c.put("acked", acked.sum());
    c.put("nak", naks.sum());
    c.put("duh", duhs.sum());
    c.put("duplicates", duplicates.sum());
    c.put("stored", stored.sum());
    c.put("unmapped", unmapped.sum());
    c.put("store_failed", storeFailed.sum());
    faults.forEach((f, n) -> c.put(f.counterName(), n.sum()));
    c.put("links_lost", links.lost());
    return c;
  }
}
