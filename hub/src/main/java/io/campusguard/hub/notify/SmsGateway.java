package io.campusguard.hub.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * SMS through the county's provider, whose HTTP API is described by a template in the config rather than by a
 * class per vendor: the URL and body get the recipient's mobile and the text filled in, escaped for where they go
 * (JSON string, form field, URL query), and the request is optionally signed. A 2xx answer counts as delivered
 * to the provider.
 */
public final class SmsGateway implements NotificationChannel {
  public static final String NAME = "sms";
  /** Long enough for the whole notice; providers split it into concatenated SMS parts. */
  static final int MAX_TEXT_BYTES = 1_000;

  private final NotifyConfig.Sms config;
  private final HttpClient http;
  private final Duration timeout;
  private final Clock clock;

  public SmsGateway(Vertx vertx, NotifyConfig.Sms config, Duration timeout, int poolSize, Clock clock) {
    this.config = config;
    this.timeout = timeout;
    this.clock = clock;
    this.http = HttpAnswers.client(vertx, timeout, poolSize);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Future<Void> send(Recipient to, Notice notice) {
    String timestamp = Long.toString(clock.millis());
    Map<String, String> values = Map.of(
        "mobile", to.mobile(),
        "text", Utf8.cut(NoticeText.body(notice), MAX_TEXT_BYTES),
        "timestamp", timestamp,
        "nonce", UUID.randomUUID().toString());
    boolean json = config.contentType().startsWith("application/json");
    String body = config.bodyTemplate() == null ? null : fill(config.bodyTemplate(), values, json ? SmsGateway::jsonEscape : SmsGateway::formEscape);
    String url = fill(config.url(), values, SmsGateway::formEscape);
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(config.method())).setTimeout(timeout.toMillis())
        .setAbsoluteURI(url);
    config.headers().forEach(options::putHeader);
    if (body != null) {
      options.putHeader("Content-Type", config.contentType());
    }
    if (config.signature() != null) {
      options.putHeader(config.signature().timestampHeader(), timestamp);
      options.putHeader(config.signature().header(), sign(config.signature().secret(), timestamp, body == null ? "" : body));
    }
    return HttpAnswers.send(http, options, body == null ? null : Buffer.buffer(body)).compose(a -> a.ok()
        ? Future.<Void>succeededFuture()
        : Future.failedFuture(new DeliveryFailure("SMS provider answered HTTP " + a.status())));
  }

  /** Replaces each {@code ${name}} of {@code template} by its escaped value; unknown names stay as they are. */
  static String fill(String template, Map<String, String> values, java.util.function.UnaryOperator<String> escape) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      int start = template.indexOf("${", i);
      int end = start < 0 ? -1 : template.indexOf('}', start);
      if (start < 0 || end < 0) {
        out.append(template, i, template.length());
        break;
      }
      String name = template.substring(start + 2, end);
      String value = values.get(name);
      out.append(template, i, start).append(value == null ? template.substring(start, end + 1) : escape.apply(value));
      i = end + 1;
    }
    return out.toString();
  }

  /** The inside of a JSON string (the template supplies the quotes). */
  static String jsonEscape(String s) {
    String quoted = new JsonObject().put("s", s).encode(); // {"s":"…"}
    return quoted.substring(6, quoted.length() - 2);
  }

  static String formEscape(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Hex HMAC-SHA256 of {@code timestamp + "\n" + body}. */
  static String sign(String secret, String timestamp, String body) {
    return HexFormat.of().formatHex(Hmac.sha256(secret, timestamp + "\n" + body));
  }

  @Override
  public Future<Void> close() {
    return http.close();
  }
}
