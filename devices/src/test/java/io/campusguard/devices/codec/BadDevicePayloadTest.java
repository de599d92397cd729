package io.campusguard.devices.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.Decoded;
import io.campusguard.devices.DeviceMessage;
import io.campusguard.devices.Rejection;
import io.campusguard.devices.Rejection.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The foundation issue's list of bad input, one case each: every one comes back as a typed rejection naming
 * the field, and none throws.
 */
class BadDevicePayloadTest {
  private static final String PANIC = "campus/LP-017/panic/LP-017-PB-03";
  private static final String CANTEEN = "campus/LP-017/canteen/LP-017-CS-01";
  private static final String CLASSROOM = "campus/LP-017/classroom/LP-017-MMP-101";
  private static final String OK_TS = "\"ts\":\"2026-11-28T07:59:00Z\"";

  private final EventCodec codec = Fixtures.codec();

  static Stream<Arguments> badPayloads() {
    byte[] tenMegabytes = new byte[10 * 1024 * 1024];
    Arrays.fill(tenMegabytes, (byte) ' ');
    return Stream.of(
        bad("empty payload", PANIC, "", "payload", Reason.EMPTY),
        bad("not JSON", PANIC, "pressed!", "payload", Reason.NOT_JSON),
        bad("truncated JSON", PANIC, "{\"ts\":", "payload", Reason.NOT_JSON),
        bad("JSON array, not an object", PANIC, "[1,2,3]", "payload", Reason.WRONG_SHAPE),
        bad("JSON string, not an object", PANIC, "\"pressed\"", "payload", Reason.WRONG_SHAPE),
        bad("duplicate keys", PANIC, "{" + OK_TS + ",\"action\":\"cleared\",\"action\":\"pressed\"}", "payload", Reason.NOT_JSON),
        bad("trailing garbage", PANIC, "{" + OK_TS + ",\"action\":\"pressed\"} x", "payload", Reason.NOT_JSON),
        bad("wrong type: action a number", PANIC, "{" + OK_TS + ",\"action\":1}", "action", Reason.WRONG_TYPE),
        bad("wrong type: value a string", CANTEEN,
            "{" + OK_TS + ",\"quantity\":\"cold_store_temperature\",\"value\":\"4.2\",\"unit\":\"degC\"}", "value", Reason.WRONG_TYPE),
        bad("wrong type: ts a boolean", PANIC, "{\"ts\":true,\"action\":\"pressed\"}", "ts", Reason.WRONG_TYPE),
        bad("missing ts", PANIC, "{\"action\":\"pressed\"}", "ts", Reason.MISSING),
        bad("missing action", PANIC, "{" + OK_TS + "}", "action", Reason.MISSING),
        bad("null action", PANIC, "{" + OK_TS + ",\"action\":null}", "action", Reason.MISSING),
        bad("unknown action", PANIC, "{" + OK_TS + ",\"action\":\"explode\"}", "action", Reason.UNKNOWN_VALUE),
        bad("unknown kind in topic", "campus/LP-017/toaster/LP-017-T-1", "{" + OK_TS + "}", "topic.kind", Reason.UNKNOWN_VALUE),
        bad("gateway kind is not a device kind", "campus/LP-017/gateway/LP-017-GW", "{" + OK_TS + "}", "topic.kind", Reason.UNKNOWN_VALUE),
        bad("device id with +", "campus/LP-017/panic/PB+1", "{}", "topic.device", Reason.INVALID_ID),
        bad("device id with #", "campus/LP-017/panic/PB#1", "{}", "topic.device", Reason.INVALID_ID),
        bad("device id with NUL", "campus/LP-017/panic/PB\u00001", "{}", "topic.device", Reason.INVALID_ID),
        bad("device id ..", "campus/LP-017/panic/..", "{}", "topic.device", Reason.INVALID_ID),
        bad("device id with a space", "campus/LP-017/panic/PB 1", "{}", "topic.device", Reason.INVALID_ID),
        bad("device id of 10,000 chars", "campus/LP-017/panic/" + "A".repeat(10_000), "{}", "topic", Reason.BAD_TOPIC),
        bad("device id with / (extra level)", "campus/LP-017/panic/PB/1", "{}", "topic", Reason.BAD_TOPIC),
        bad("campus id with a quote", "campus/LP'017/panic/PB-1", "{}", "topic.campus", Reason.INVALID_ID),
        bad("nvr id with /", "campus/LP-017/camera/CAM-1",
            "{" + OK_TS + ",\"state\":\"online\",\"nvr\":\"NVR/1\"}", "nvr", Reason.INVALID_ID),
        bad("ts far in the future", PANIC, "{\"ts\":\"2027-11-28T08:00:00Z\",\"action\":\"pressed\"}", "ts", Reason.TIMESTAMP_IN_FUTURE),
        bad("ts far in the past", PANIC, "{\"ts\":\"1970-01-01T00:00:00Z\",\"action\":\"pressed\"}", "ts", Reason.TIMESTAMP_TOO_OLD),
        bad("ts year 10000", PANIC, "{\"ts\":\"+10000-01-01T00:00:00Z\",\"action\":\"pressed\"}", "ts", Reason.TIMESTAMP_IN_FUTURE),
        bad("ts epoch millis overflow", PANIC, "{\"ts\":9223372036854775807,\"action\":\"pressed\"}", "ts", Reason.TIMESTAMP_IN_FUTURE),
        bad("ts not a time", PANIC, "{\"ts\":\"yesterday\",\"action\":\"pressed\"}", "ts", Reason.WRONG_TYPE),
        bad("NaN literal", CANTEEN, "{" + OK_TS + ",\"quantity\":\"cold_store_temperature\",\"value\":NaN}", "payload", Reason.NOT_JSON),
        bad("Infinity literal", CANTEEN, "{" + OK_TS + ",\"quantity\":\"cold_store_temperature\",\"value\":Infinity}", "payload", Reason.NOT_JSON),
        bad("number overflowing to infinity", CANTEEN,
            "{" + OK_TS + ",\"quantity\":\"cold_store_temperature\",\"value\":1e400}", "value", Reason.NOT_FINITE),
        bad("temperature out of range", CANTEEN,
            "{" + OK_TS + ",\"quantity\":\"cold_store_temperature\",\"value\":400}", "value", Reason.OUT_OF_RANGE),
        bad("wrong unit", CANTEEN,
            "{" + OK_TS + ",\"quantity\":\"cold_store_temperature\",\"value\":4,\"unit\":\"degF\"}", "unit", Reason.UNKNOWN_VALUE),
        bad("negative duration: power-on hours", CLASSROOM,
            "{" + OK_TS + ",\"deviceType\":\"teacher_pc\",\"powerOnHours\":-5}", "powerOnHours", Reason.OUT_OF_RANGE),
        bad("negative duration: lamp hours", CLASSROOM,
            "{" + OK_TS + ",\"deviceType\":\"multimedia_platform\",\"powerOnHours\":5,\"lampHours\":-1}", "lampHours", Reason.OUT_OF_RANGE),
        bad("fractional hours", CLASSROOM,
            "{" + OK_TS + ",\"deviceType\":\"teacher_pc\",\"powerOnHours\":1.5}", "powerOnHours", Reason.WRONG_TYPE),
        bad("disk health over 100", CLASSROOM,
            "{" + OK_TS + ",\"deviceType\":\"teacher_pc\",\"powerOnHours\":1,\"diskHealth\":101}", "diskHealth", Reason.OUT_OF_RANGE),
        bad("fault text forging a log line", CLASSROOM,
            "{" + OK_TS + ",\"deviceType\":\"teacher_pc\",\"powerOnHours\":1,\"lastFault\":\"ok\\nERROR forged\"}", "lastFault", Reason.OUT_OF_RANGE),
        bad("blank room", CLASSROOM,
            "{" + OK_TS + ",\"deviceType\":\"teacher_pc\",\"powerOnHours\":1,\"room\":\"  \"}", "room", Reason.MISSING),
        bad("room with a line break", CLASSROOM,
            "{" + OK_TS + ",\"deviceType\":\"teacher_pc\",\"powerOnHours\":1,\"room\":\"a\\nb\"}", "room", Reason.OUT_OF_RANGE),
        bad("deep nesting", PANIC, "{\"x\":" + "[".repeat(100) + "]".repeat(100) + "}", "payload", Reason.NOT_JSON),
        bad("invalid UTF-8", PANIC, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}, "payload", Reason.NOT_JSON),
        bad("10 MB payload", PANIC, tenMegabytes, "payload", Reason.TOO_LARGE));
  }

  private static Arguments bad(String name, String topic, String payload, String field, Reason reason) {
    return bad(name, topic, payload.getBytes(StandardCharsets.UTF_8), field, reason);
  }

  private static Arguments bad(String name, String topic, byte[] payload, String field, Reason reason) {
    return Arguments.of(name, topic, payload, field, reason);
  }

  /** Verifies that each bad input is refused with the expected field and reason, without throwing. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("badPayloads")
  void isRefusedNamingTheField(String name, String topic, byte[] payload, String field, Reason reason) {
    Decoded<DeviceMessage> decoded = codec.decodeDevice(topic, payload);

    assertThat(decoded.isOk()).as("%s must be refused", name).isFalse();
    Rejection r = decoded.rejection();
    assertThat(r.field()).as("field for %s (%s)", name, r).isEqualTo(field);
    assertThat(r.reason()).as("reason for %s (%s)", name, r).isEqualTo(reason);
    assertThat(r.detail()).isNotBlank().hasSizeLessThan(400);
  }
}
