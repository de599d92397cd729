package io.campusguard.devices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.campusguard.devices.body.CameraStatus;
import io.campusguard.devices.body.CanteenReading;
import io.campusguard.devices.body.ClassroomHealth;
import io.campusguard.devices.body.PanicEvent;
import io.campusguard.devices.codec.EventCodec;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Holds each published device schema ({@link DeviceSchemas}) to what {@link EventCodec#decodeDevice} accepts:
 * the schema's enums, ranges and lengths are the code's own constants; every example in a schema validates
 * and decodes; thousands of generated payloads get the same answer from both; and the few differences a
 * schema cannot express are pinned here as they are listed in the guide (docs/en/device-messages.md), so a
 * change to either side shows.
 */
class DeviceSchemasAgreementTest {
  /** The examples' times are 2026-11-28T08:00Z and shortly after; the codec's window is around this clock. */
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T08:10:00Z"), ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final int GENERATED_PER_KIND = 4_000;

  private final EventCodec codec = new EventCodec(CLOCK);
  private final Map<EventKind, Schema> schemas = loadSchemas();

  private static Map<EventKind, Schema> loadSchemas() {
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    Map<EventKind, Schema> out = new EnumMap<>(EventKind.class);
    for (EventKind kind : DeviceSchemas.kinds()) {
      out.put(kind, registry.getSchema(new ByteArrayInputStream(DeviceSchemas.of(kind))));
    }
    return out;
  }

  private static JsonNode tree(EventKind kind) throws Exception {
    return JSON.readTree(DeviceSchemas.of(kind));
  }

  private boolean codecAccepts(EventKind kind, byte[] payload) {
    return codec.decodeDevice("campus/LP-017/" + kind.wireName() + "/LP-017-DEV-01", payload).isOk();
  }

  private boolean schemaAccepts(EventKind kind, byte[] payload) throws Exception {
    List<Error> errors = schemas.get(kind).validate(JSON.readTree(payload));
    return errors.isEmpty();
  }

  /** Verifies that every example a schema shows validates against it and decodes. */
  @ParameterizedTest
  @EnumSource(value = EventKind.class, names = {"PANIC", "CAMERA", "CANTEEN", "CLASSROOM"})
  void everyExampleValidatesAndDecodes(EventKind kind) throws Exception {
    JsonNode examples = tree(kind).get("examples");
    assertThat(examples).as("examples in %s", DeviceSchemas.fileName(kind)).isNotEmpty();
    for (JsonNode example : examples) {
      byte[] payload = JSON.writeValueAsBytes(example);
      assertThat(schemas.get(kind).validate(example)).as("schema errors for %s", example).isEmpty();
      assertThat(codec.decodeDevice("campus/LP-017/" + kind.wireName() + "/LP-017-DEV-01", payload).isOk())
          .as("codec decodes %s", example)
          .isTrue();
    }
  }

  /** Verifies that the schemas state the codec's own enums, ranges, lengths, id rule and topic. */
  @Test
  void schemasStateTheCodecsOwnLimits() throws Exception {
    JsonNode panic = tree(EventKind.PANIC);
    assertThat(enumOf(event(panic).at("/properties/action"))).containsExactlyElementsOf(wire(PanicEvent.Action.class));

    JsonNode camera = tree(EventKind.CAMERA);
    assertThat(enumOf(event(camera).at("/properties/state"))).containsExactlyElementsOf(wire(CameraStatus.State.class));
    assertThat(enumOf(event(camera).at("/properties/role"))).containsExactlyElementsOf(wire(CameraStatus.Role.class));
    assertThat(event(camera).at("/properties/nvr/pattern").asText()).isEqualTo("^" + Ids.pattern().pattern() + "$");

    JsonNode canteen = tree(EventKind.CANTEEN);
    assertThat(enumOf(event(canteen).at("/properties/quantity")))
        .containsExactlyElementsOf(wire(CanteenReading.Quantity.class));
    JsonNode rules = event(canteen).get("allOf");
    assertThat(rules).hasSize(CanteenReading.Quantity.values().length);
    for (CanteenReading.Quantity q : CanteenReading.Quantity.values()) {
      JsonNode then = StreamSupport.stream(rules.spliterator(), false)
          .filter(r -> r.at("/if/properties/quantity/const").asText().equals(WireNames.of(q)))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no rule for " + q))
          .get("then");
      JsonNode value = then.at("/properties/value");
      JsonNode range = value.has("anyOf") ? value.at("/anyOf/1") : value;
      assertThat(range.get("minimum").asDouble()).as("%s minimum", q).isEqualTo(q.min());
      assertThat(range.get("maximum").asDouble()).as("%s maximum", q).isEqualTo(q.max());
      assertThat(enumOf(then.at("/properties/unit"))).as("%s unit", q).containsExactly(q.unit());
    }

    JsonNode classroom = tree(EventKind.CLASSROOM);
    assertThat(enumOf(event(classroom).at("/properties/deviceType")))
        .containsExactlyElementsOf(wire(ClassroomHealth.DeviceType.class));
    assertThat(event(classroom).at("/properties/lastFault/maxLength").asInt()).isEqualTo(ClassroomHealth.MAX_FAULT_LENGTH);
    assertThat(event(classroom).at("/properties/room/maxLength").asInt()).isEqualTo(ClassroomHealth.MAX_ROOM_LENGTH);

    for (EventKind kind : DeviceSchemas.kinds()) {
      assertThat(tree(kind).get("description").asText())
          .as("topic in %s", DeviceSchemas.fileName(kind))
          .contains("campus/{campusId}/" + kind.wireName() + "/{deviceId}");
    }
  }

  /**
   * Verifies that generated payloads, valid and invalid in every field, get the same answer from the schema
   * and the codec (a fixed seed per kind, so a failure replays).
   */
  @ParameterizedTest
  @EnumSource(value = EventKind.class, names = {"PANIC", "CAMERA", "CANTEEN", "CLASSROOM"})
  void generatedPayloadsGetTheSameAnswer(EventKind kind) throws Exception {
    Random random = new Random(kind.ordinal() * 7919L + 25);
    List<String> disagreements = new ArrayList<>();
    int accepted = 0;
    for (int i = 0; i < GENERATED_PER_KIND; i++) {
      ObjectNode payload = generate(kind, random);
      byte[] bytes = JSON.writeValueAsBytes(payload);
      boolean byCodec = codecAccepts(kind, bytes);
      boolean bySchema = schemaAccepts(kind, bytes);
      if (byCodec != bySchema && disagreements.size() < 10) {
        disagreements.add((byCodec ? "codec accepts, schema refuses: " : "codec refuses, schema accepts: ") + payload);
      }
      accepted += byCodec ? 1 : 0;
    }
    assertThat(disagreements).isEmpty();
    // Control: the generator exercises both answers, not only one.
    assertThat(accepted).as("accepted of %d", GENERATED_PER_KIND).isBetween(GENERATED_PER_KIND / 20, GENERATED_PER_KIND * 19 / 20);
  }

  /**
   * Verifies the listed differences (docs/en/device-messages.md, "What the schema cannot say"): each is still a
   * difference, in the stated direction. When one side changes, this fails and the list must change with it.
   */
  @Test
  void theListedDifferencesAreExactlyThose() throws Exception {
    String press = "\"action\":\"pressed\"";
    // 1. The time window (5 min ahead, 30 days old) is relative to the gateway's clock.
    assertDifference(EventKind.PANIC, "{\"ts\":\"2026-10-01T00:00:00Z\"," + press + "}", false, true);
    assertDifference(EventKind.PANIC, "{\"ts\":\"2026-11-28T09:00:00Z\"," + press + "}", false, true);
    // 2. java.time reads a time without seconds; RFC 3339 requires them.
    assertDifference(EventKind.PANIC, "{\"ts\":\"2026-11-28T08:00Z\"," + press + "}", true, false);
    // 3. The payload's size, 64 KiB at most.
    String padding = "x".repeat(CodecLimits.DEFAULT_MAX_PAYLOAD_BYTES);
    assertDifference(EventKind.PANIC, "{\"ts\":\"2026-11-28T08:00:00Z\"," + press + ",\"note\":\"" + padding + "\"}", false, true);
    // 4. A key given twice is refused; a schema validator sees only one of them.
    assertDifference(EventKind.PANIC, "{\"ts\":\"2026-11-28T08:00:00Z\"," + press + "," + press + "}", false, true);
    // 5. Nesting deeper than 16 and numbers longer than 64 characters, even in fields nobody reads.
    assertDifference(EventKind.PANIC, "{\"ts\":\"2026-11-28T08:00:00Z\"," + press + ",\"x\":" + "[".repeat(17) + "]".repeat(17) + "}", false, true);
    assertDifference(EventKind.PANIC, "{\"ts\":\"2026-11-28T08:00:00Z\"," + press + ",\"x\":" + "1".repeat(65) + "}", false, true);
    // 6. Lengths count UTF-16 units in the codec, characters in the schema: an emoji counts twice.
    String emojis = "\uD83D\uDD25".repeat(ClassroomHealth.MAX_FAULT_LENGTH / 2 + 1);
    assertDifference(
        EventKind.CLASSROOM,
        "{\"ts\":\"2026-11-28T08:00:00Z\",\"deviceType\":\"teacher_pc\",\"powerOnHours\":1,\"lastFault\":\"" + emojis + "\"}",
        false,
        true);
    // 7. An integer field given a float beyond 2^63-1: the schema's maximum refuses it, but this validator
    //    (networknt) lets such a float through (it refuses the same number written as an integer).
    String pc = "{\"ts\":\"2026-11-28T08:00:00Z\",\"deviceType\":\"teacher_pc\",\"powerOnHours\":";
    assertDifference(EventKind.CLASSROOM, pc + "1e20}", false, true);
    assertDifference(EventKind.CLASSROOM, pc + "100000000000000000000}", false, false);
    assertDifference(EventKind.CLASSROOM, pc + "1e300}", false, true);
  }

  private void assertDifference(EventKind kind, String payload, boolean codecAnswer, boolean schemaAnswer) throws Exception {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    assertThat(codecAccepts(kind, bytes)).as("codec accepts %s", abbreviate(payload)).isEqualTo(codecAnswer);
    assertThat(schemaAccepts(kind, bytes)).as("schema accepts %s", abbreviate(payload)).isEqualTo(schemaAnswer);
  }

  // ---- the generator ----

  private static final List<JsonNode> TIMES = List.of(
      F.textNode("2026-11-28T08:00:00Z"), F.textNode("2026-11-28T16:00:00.25+08:00"), F.numberNode(1795852800000L),
      F.numberNode(1795852800000.0), F.textNode("2026-11-28"), F.textNode("yesterday"), F.textNode(""),
      F.numberNode(1.5), F.booleanNode(true), F.nullNode(), F.arrayNode());

  /** Values any field may get: wrong types, edges of every range, ids and texts good and bad. */
  private static final List<JsonNode> ANY = List.of(
      F.nullNode(), F.booleanNode(true), F.booleanNode(false), F.numberNode(0), F.numberNode(-1), F.numberNode(1),
      F.numberNode(0.5), F.numberNode(5.0), F.numberNode(100), F.numberNode(101), F.numberNode(-40), F.numberNode(-40.5),
      F.numberNode(-60), F.numberNode(-61), F.numberNode(60), F.numberNode(60.5), F.numberNode(150), F.numberNode(150.5),
      F.numberNode(2147483647), F.numberNode(2147483648L), F.numberNode(Long.MAX_VALUE),
      F.numberNode(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE)), 
      F.textNode(""), F.textNode("x"), F.textNode("LP-017-NVR-01"), F.textNode("bad id"), F.textNode("-x"),
      F.textNode("a".repeat(65)), F.textNode("a".repeat(64)), F.textNode("line\nbreak"), F.textNode("   "),
      F.textNode("\u3000"), F.textNode("\u00a0"), F.textNode("教学楼 3F 301"), F.textNode("r".repeat(100)),
      F.textNode("r".repeat(101)), F.textNode("f".repeat(200)), F.textNode("f".repeat(201)), F.textNode("tab\there"),
      F.textNode("\u0085"), F.textNode("degC"), F.textNode("%LEL"), F.textNode("%RH"), F.textNode("bool"),
      F.textNode("°C"), F.textNode("PRESSED"), F.arrayNode(), F.objectNode());

  private static final Map<String, List<JsonNode>> GOOD = Map.ofEntries(
      Map.entry("action", texts(wire(PanicEvent.Action.class))),
      Map.entry("role", texts(wire(CameraStatus.Role.class))),
      Map.entry("state", texts(wire(CameraStatus.State.class))),
      Map.entry("nvr", List.of(F.textNode("LP-017-NVR-01"), F.textNode("N1"))),
      Map.entry("quantity", texts(wire(CanteenReading.Quantity.class))),
      Map.entry("value", List.of(F.numberNode(3.5), F.numberNode(0), F.numberNode(1), F.numberNode(-20),
          F.numberNode(45), F.booleanNode(true), F.booleanNode(false))),
      Map.entry("unit", texts(List.of("degC", "%LEL", "%RH", "bool"))),
      Map.entry("deviceType", texts(wire(ClassroomHealth.DeviceType.class))),
      Map.entry("powerOnHours", List.of(F.numberNode(0), F.numberNode(8123), F.numberNode(Long.MAX_VALUE))),
      Map.entry("lampHours", List.of(F.numberNode(3120))),
      Map.entry("panelHours", List.of(F.numberNode(20000))),
      Map.entry("diskHealth", List.of(F.numberNode(0), F.numberNode(87), F.numberNode(100))),
      Map.entry("bootFailures", List.of(F.numberNode(0), F.numberNode(3))),
      Map.entry("crashes", List.of(F.numberNode(2))),
      Map.entry("temperature", List.of(F.numberNode(41.5), F.numberNode(-40), F.numberNode(150))),
      Map.entry("lastFault", List.of(F.textNode("disk SMART warning"), F.textNode(""))),
      Map.entry("room", List.of(F.textNode("教学楼 3F 301"), F.textNode(" 301 "))),
      Map.entry("heartbeat", List.of(F.booleanNode(true))));

  private static final Map<EventKind, List<String>> FIELDS = Map.of(
      EventKind.PANIC, List.of("action"),
      EventKind.CAMERA, List.of("role", "state", "nvr"),
      EventKind.CANTEEN, List.of("quantity", "value", "unit"),
      EventKind.CLASSROOM, List.of("deviceType", "powerOnHours", "lampHours", "panelHours", "diskHealth",
          "bootFailures", "crashes", "temperature", "lastFault", "room"));

  private static ObjectNode generate(EventKind kind, Random random) {
    ObjectNode out = F.objectNode();
    if (random.nextInt(20) != 0) {
      out.set("ts", random.nextInt(4) != 0 ? TIMES.get(random.nextInt(2)) : pick(TIMES, random));
    }
    List<String> fields = new ArrayList<>(FIELDS.get(kind));
    fields.add("heartbeat");
    fields.add("note");
    for (String field : fields) {
      int roll = random.nextInt(10);
      boolean required = !"heartbeat".equals(field) && !"note".equals(field);
      // Fields of the kind are mostly present and mostly good, so that many payloads pass and each fails
      // for one reason at a time; the heartbeat and an unknown field come now and then.
      if (roll < (required ? 2 : 7)) {
        continue;
      }
      List<JsonNode> good = GOOD.getOrDefault(field, ANY);
      out.set(field, random.nextInt(10) < 8 ? pick(good, random) : pick(ANY, random));
    }
    return out;
  }

  private static JsonNode pick(List<JsonNode> values, Random random) {
    return values.get(random.nextInt(values.size()));
  }

  private static List<JsonNode> texts(List<String> values) {
    return values.stream().map(v -> (JsonNode) F.textNode(v)).toList();
  }

  private static List<String> wire(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants()).map(WireNames::of).toList();
  }

  /** The values of an {@code enum}, without the {@code null} that stands for "absent". */
  private static List<String> enumOf(JsonNode property) {
    assertThat(property.has("enum")).as("enum in %s", property).isTrue();
    return StreamSupport.stream(property.get("enum").spliterator(), false).filter(n -> !n.isNull()).map(JsonNode::asText).toList();
  }

  private static JsonNode event(JsonNode schema) {
    return schema.at("/$defs/event");
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }
}
