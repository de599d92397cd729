package io.campusguard.devices.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.campusguard.devices.CodecLimits;
import io.campusguard.devices.CommitAck;
import io.campusguard.devices.DecodedBatch;
import io.campusguard.devices.Decoded;
import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.EventEnvelope;
import io.campusguard.devices.EventIds;
import io.campusguard.devices.EventKind;
import io.campusguard.devices.GatewayStatus;
import io.campusguard.devices.Priority;
import io.campusguard.devices.Rejection;
import io.campusguard.devices.Rejection.Reason;
import io.campusguard.devices.Topics;
import io.campusguard.devices.UplinkBatch;
import io.campusguard.devices.body.EventBody;
import io.campusguard.devices.body.GatewayHealth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Decodes untrusted bytes (device payloads, uplink batches, acks, status) into typed, validated records, and
 * encodes them. Decoding never throws: every refusal comes back as a {@link Decoded.Rejected} that names the
 * field and the reason. Sizes are checked before parsing. Thread-safe.
 */
public final class EventCodec {
  public static final int MAX_BATCH_EVENTS = 10_000;
  private static final int MAX_RAW_KEPT = 2_000;

  private final CodecLimits limits;
  private final int maxBatchBytes;
  private final Clock clock;
  private final ObjectMapper mapper;

  public EventCodec(CodecLimits limits, int maxBatchBytes, Clock clock) {
    this.limits = limits;
    this.maxBatchBytes = maxBatchBytes;
    this.clock = clock;
    JsonFactory factory =
        new JsonFactoryBuilder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(16)
                    .maxNumberLength(64)
                    .maxStringLength(Math.max(limits.maxPayloadBytes(), maxBatchBytes))
                    .build())
            .build();
    this.mapper =
        new ObjectMapper(factory)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  public EventCodec(Clock clock) {
    this(CodecLimits.DEFAULTS, CodecLimits.DEFAULT_MAX_BATCH_BYTES, clock);
  }

  public static EventCodec withDefaults() {
    return new EventCodec(Clock.systemUTC());
  }

  public CodecLimits limits() {
    return limits;
  }

  // ---- device payloads (campus broker) ----

  /**
   * A device's publish: the topic says which campus, kind and device; the payload is a JSON object with
   * {@code ts} and the body's fields, e.g. {@code {"ts":"2026-11-28T08:00:00Z","action":"pressed"}}.
   */
  public Decoded<DeviceMessage> decodeDevice(String topic, byte[] payload) {
    Decoded<Topics.CampusTopic> t = Topics.parseCampus(topic);
    if (!t.isOk()) {
      return Decoded.rejected(t.rejection());
    }
    Topics.CampusTopic where = t.orElseThrow();
    return guarded(
        payload,
        limits.maxPayloadBytes(),
        root -> {
          FieldReader r = FieldReader.of(root, "");
          Instant ts = r.timestamp("ts", clock, limits);
          EventBody body = BodyJson.read(where.kind(), r);
          return new DeviceMessage(where.campus(), where.device(), where.kind(), ts, body);
        });
  }

  public byte[] encodeDevice(Instant ts, EventBody body) {
    ObjectNode out = mapper.createObjectNode();
    out.put("ts", ts.toString());
    return bytes(BodyJson.write(body, out));
  }

  /** An event's body alone as JSON text, as the envelope's {@code body} field carries it (the hub stores it so). */
  public String encodeBody(EventBody body) {
    try {
      return mapper.writeValueAsString(BodyJson.write(body));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- envelopes and uplink batches (county broker) ----

  public byte[] encodeEnvelope(EventEnvelope e) {
    return bytes(envelopeNode(e));
  }

  public Decoded<EventEnvelope> decodeEnvelope(byte[] payload) {
    return guarded(payload, limits.maxPayloadBytes(), root -> readEnvelope(FieldReader.of(root, "")));
  }

  public byte[] encodeBatch(UplinkBatch batch) {
    ObjectNode out = mapper.createObjectNode();
    out.put("v", EventEnvelope.VERSION);
    out.put("campus", batch.campus());
    out.put("batchId", batch.batchId());
    if (batch.outboxId() != null) {
      out.put("outboxId", batch.outboxId());
    }
    ArrayNode events = out.putArray("events");
    batch.events().forEach(e -> events.add(envelopeNode(e)));
    return bytes(out);
  }

  /**
   * Decodes a batch. The batch as a whole is refused only when its frame is wrong; each bad event inside it
   * is listed in {@link DecodedBatch#rejected()} with its raw text, and the good ones are kept. An event for
   * another campus than the batch's is refused with {@link Reason#CAMPUS_MISMATCH}.
   */
  public Decoded<DecodedBatch> decodeBatch(byte[] payload) {
    return guarded(
        payload,
        maxBatchBytes,
        root -> {
          FieldReader r = FieldReader.of(root, "");
          readVersion(r);
          String campus = r.id("campus");
          String batchId = r.text("batchId");
          if (!EventIds.isValid(batchId)) {
            throw new RejectedInput("batchId", Reason.INVALID_ID, "not a canonical UUID " + FieldReader.preview(batchId));
          }
          // Optional (older gateways send none), but when present it must be an outbox id, never free text.
          String outboxId = r.has("outboxId") ? r.text("outboxId") : null;
          if (outboxId != null && !EventIds.isValid(outboxId)) {
            throw new RejectedInput("outboxId", Reason.INVALID_ID, "not a canonical UUID " + FieldReader.preview(outboxId));
          }
          JsonNode events = r.required("events");
          if (!events.isArray()) {
            throw r.wrongType("events", "an array", events);
          }
          if (events.isEmpty() || events.size() > MAX_BATCH_EVENTS) {
            throw new RejectedInput("events", Reason.OUT_OF_RANGE, events.size() + " events, expected 1.." + MAX_BATCH_EVENTS);
          }
          List<EventEnvelope> ok = new ArrayList<>(events.size());
          List<DecodedBatch.RejectedItem> bad = new ArrayList<>();
          for (int i = 0; i < events.size(); i++) {
            JsonNode item = events.get(i);
            String path = "events[" + i + "]";
            try {
              EventEnvelope e = readEnvelope(FieldReader.of(item, path));
              if (!e.campus().equals(campus)) {
                throw new RejectedInput(
                    path + ".campus", Reason.CAMPUS_MISMATCH, e.campus() + " in a batch of " + campus);
              }
              ok.add(e);
            } catch (RejectedInput rejected) {
              bad.add(new DecodedBatch.RejectedItem(i, truncate(item.toString()), rejected.rejection()));
            } catch (IllegalArgumentException invalid) {
              bad.add(new DecodedBatch.RejectedItem(i, truncate(item.toString()), fromInvalid(path, invalid)));
            }
          }
          return new DecodedBatch(campus, batchId, ok, bad, outboxId);
        });
  }

  // ---- acks and status ----

  public byte[] encodeAck(CommitAck ack) {
    ObjectNode out = mapper.createObjectNode();
    out.put("campus", ack.campus());
    out.put("committedUpTo", ack.committedUpTo());
    if (ack.hubTs() != null) {
      out.put("hubTs", ack.hubTs().toString());
    }
    if (ack.outboxId() != null) {
      out.put("outboxId", ack.outboxId());
    }
    ArrayNode ids = out.putArray("eventIds");
    ack.eventIds().forEach(ids::add);
    return bytes(out);
  }

  public Decoded<CommitAck> decodeAck(byte[] payload) {
    return guarded(
        payload,
        maxBatchBytes,
        root -> {
          FieldReader r = FieldReader.of(root, "");
          String campus = r.id("campus");
          long upTo = r.has("committedUpTo") ? r.nonNegative("committedUpTo") : 0;
          List<String> ids = new ArrayList<>();
          if (r.has("eventIds")) {
            JsonNode arr = r.required("eventIds");
            if (!arr.isArray()) {
              throw r.wrongType("eventIds", "an array", arr);
            }
            if (arr.size() > CommitAck.MAX_IDS) {
              throw new RejectedInput("eventIds", Reason.OUT_OF_RANGE, "more than " + CommitAck.MAX_IDS);
            }
            for (int i = 0; i < arr.size(); i++) {
              JsonNode id = arr.get(i);
              if (!id.isTextual() || !EventIds.isValid(id.textValue())) {
                throw new RejectedInput("eventIds[" + i + "]", Reason.INVALID_ID, "not a canonical UUID");
              }
              ids.add(id.textValue());
            }
          }
          // Absent in acks from older hubs; not held to our clock's window, since measuring the skew is its use.
          Instant hubTs = r.has("hubTs") ? r.instant("hubTs") : null;
          String outboxId = r.has("outboxId") ? r.text("outboxId") : null;
          if (outboxId != null && !EventIds.isValid(outboxId)) {
            throw new RejectedInput("outboxId", Reason.INVALID_ID, "not a canonical UUID " + FieldReader.preview(outboxId));
          }
          return new CommitAck(campus, ids, upTo, hubTs, outboxId);
        });
  }

  public byte[] encodeStatus(GatewayStatus status) {
    ObjectNode out = mapper.createObjectNode();
    out.put("v", EventEnvelope.VERSION);
    out.put("campus", status.campus());
    out.put("gateway", status.gateway());
    out.put("ts", status.ts().toString());
    out.set("health", BodyJson.write(status.health()));
    return bytes(out);
  }

  public Decoded<GatewayStatus> decodeStatus(byte[] payload) {
    return guarded(
        payload,
        limits.maxPayloadBytes(),
        root -> {
          FieldReader r = FieldReader.of(root, "");
          readVersion(r);
          return new GatewayStatus(
              r.id("campus"),
              r.id("gateway"),
              r.timestamp("ts", clock, limits),
              (GatewayHealth) BodyJson.read(EventKind.GATEWAY, r.object("health")));
        });
  }

  // ---- internals ----

  private EventEnvelope readEnvelope(FieldReader r) {
    int v = readVersion(r);
    String id = r.text("id");
    if (!EventIds.isValid(id)) {
      throw new RejectedInput(r.path("id"), Reason.INVALID_ID, "not a canonical UUID " + FieldReader.preview(id));
    }
    String campus = r.id("campus");
    String device = r.id("device");
    EventKind kind = r.enumValue("kind", EventKind.class);
    String p = r.text("priority");
    Priority priority;
    try {
      priority = Priority.valueOf(p);
    } catch (IllegalArgumentException e) {
      throw new RejectedInput(r.path("priority"), Reason.UNKNOWN_VALUE, FieldReader.preview(p) + " is not one of P0, P1, P2, P3");
    }
    long seq = r.integerInRange("seq", 1, Long.MAX_VALUE);
    Instant sourceTs = r.timestamp("sourceTs", clock, limits);
    Instant gatewayTs = r.timestamp("gatewayTs", clock, limits);
    EventBody body = BodyJson.read(kind, r.object("body"));
    return new EventEnvelope(v, id, campus, device, kind, priority, seq, sourceTs, gatewayTs, body);
  }

  private static int readVersion(FieldReader r) {
    long v = r.integer("v");
    if (v > EventEnvelope.VERSION) {
      throw new RejectedInput(
          r.path("v"), Reason.UNSUPPORTED_VERSION, "version " + v + " is newer than " + EventEnvelope.VERSION);
    }
    if (v < 1) {
      throw new RejectedInput(r.path("v"), Reason.OUT_OF_RANGE, "version " + v + " is below 1");
    }
    return (int) v;
  }

  private ObjectNode envelopeNode(EventEnvelope e) {
    ObjectNode out = mapper.createObjectNode();
    out.put("v", e.v());
    out.put("id", e.id());
    out.put("campus", e.campus());
    out.put("device", e.device());
    out.put("kind", e.kind().wireName());
    out.put("priority", e.priority().name());
    out.put("seq", e.seq());
    out.put("sourceTs", e.sourceTs().toString());
    out.put("gatewayTs", e.gatewayTs().toString());
    out.set("body", BodyJson.write(e.body()));
    return out;
  }

  private <T> Decoded<T> guarded(byte[] payload, int maxBytes, Function<JsonNode, T> read) {
    if (payload == null || payload.length == 0) {
      return Decoded.rejected(new Rejection("payload", Reason.EMPTY, "empty payload"));
    }
    if (payload.length > maxBytes) {
      return Decoded.rejected(
          new Rejection("payload", Reason.TOO_LARGE, payload.length + " bytes, the limit is " + maxBytes));
    }
    JsonNode root;
    try {
      root = mapper.readTree(payload);
    } catch (JsonProcessingException e) {
      return Decoded.rejected(new Rejection("payload", Reason.NOT_JSON, firstLine(e.getOriginalMessage())));
    } catch (IOException e) {
      return Decoded.rejected(new Rejection("payload", Reason.NOT_JSON, firstLine(e.getMessage())));
    }
    if (root == null || root.isMissingNode()) {
      return Decoded.rejected(new Rejection("payload", Reason.NOT_JSON, "no JSON value"));
    }
    try {
      return Decoded.ok(read.apply(root));
    } catch (RejectedInput rejected) {
      return Decoded.rejected(rejected.rejection());
    } catch (IllegalArgumentException invalid) {
      // A record's own invariant caught what the reader did not: still a refusal, never a crash.
      return Decoded.rejected(fromInvalid("payload", invalid));
    }
  }

  private static Rejection fromInvalid(String path, IllegalArgumentException e) {
    String msg = String.valueOf(e.getMessage());
    int colon = msg.indexOf(':');
    String field = colon > 0 ? path + "." + msg.substring(0, colon) : path;
    return new Rejection(field, Reason.OUT_OF_RANGE, msg);
  }

  private byte[] bytes(JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String truncate(String raw) {
    return raw.length() <= MAX_RAW_KEPT ? raw : raw.substring(0, MAX_RAW_KEPT) + "…";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "not JSON";
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) : line;
  }
}
