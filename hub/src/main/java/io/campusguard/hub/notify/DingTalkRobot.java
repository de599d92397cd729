package io.campusguard.hub.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * A DingTalk (钉钉) custom robot: {@code POST <url>?access_token=…&timestamp=…&sign=…} with a text message that
 * mentions the recipient's mobile. As DingTalk documents signing: the string {@code timestamp + "\n" + secret}
 * (timestamp in epoch milliseconds, within an hour of DingTalk's clock) is signed with HMAC-SHA256 keyed by the
 * secret, Base64-encoded, then URL-encoded into {@code sign}.
 */
public final class DingTalkRobot implements NotificationChannel {
  public static final String NAME = "dingtalk";

  private final NotifyConfig.DingTalk config;
  private final HttpClient http;
  private final Duration timeout;
  private final Clock clock;

  public DingTalkRobot(Vertx vertx, NotifyConfig.DingTalk config, Duration timeout, int poolSize, Clock clock) {
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
    JsonObject at = new JsonObject().put("isAtAll", false);
    String content = NoticeText.body(notice);
    if (to.mobile() != null) {
      at.put("atMobiles", new JsonArray().add(to.mobile()));
      // DingTalk rings the mentioned person only when the text carries "@<mobile>" too.
      content = content + "\n@" + to.mobile();
    }
    JsonObject body = new JsonObject().put("msgtype", "text").put("text", new JsonObject().put("content", content)).put("at", at);
    StringBuilder uri = new StringBuilder(config.url()).append("?access_token=")
        .append(URLEncoder.encode(config.accessToken(), StandardCharsets.UTF_8));
    if (config.secret() != null) {
      long timestamp = clock.millis();
      uri.append("&timestamp=").append(timestamp).append("&sign=")
          .append(URLEncoder.encode(sign(timestamp, config.secret()), StandardCharsets.UTF_8));
    }
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setTimeout(timeout.toMillis())
        .setAbsoluteURI(uri.toString())
        .putHeader("Content-Type", "application/json; charset=utf-8");
    return HttpAnswers.send(http, options, body.toBuffer()).compose(a -> HttpAnswers.errcodeZero("DingTalk", a));
  }

  /** The Base64 HMAC-SHA256 of {@code timestamp + "\n" + secret} keyed by {@code secret} (before URL encoding). */
  static String sign(long timestamp, String secret) {
    return Base64.getEncoder().encodeToString(Hmac.sha256(secret, timestamp + "\n" + secret));
  }

  @Override
  public Future<Void> close() {
    return http.close();
  }
}
