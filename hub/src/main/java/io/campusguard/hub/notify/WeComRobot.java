package io.campusguard.hub.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A WeCom (企业微信) group robot: {@code POST <url>?key=<key>} with a text message, mentioning the recipient by
 * mobile number so their phone rings in the group. WeCom takes at most 2048 bytes of text.
 */
public final class WeComRobot implements NotificationChannel {
  public static final String NAME = "wecom";
  static final int MAX_TEXT_BYTES = 2048;

  private final NotifyConfig.WeCom config;
  private final HttpClient http;
  private final Duration timeout;

  public WeComRobot(Vertx vertx, NotifyConfig.WeCom config, Duration timeout, int poolSize) {
    this.config = config;
    this.timeout = timeout;
    this.http = HttpAnswers.client(vertx, timeout, poolSize);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Future<Void> send(Recipient to, Notice notice) {
    JsonObject text = new JsonObject().put("content", Utf8.cut(NoticeText.body(notice), MAX_TEXT_BYTES));
    if (to.mobile() != null) {
      text.put("mentioned_mobile_list", new JsonArray().add(to.mobile()));
    }
    JsonObject body = new JsonObject().put("msgtype", "text").put("text", text);
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setTimeout(timeout.toMillis())
        .setAbsoluteURI(config.url() + "?key=" + URLEncoder.encode(config.key(), StandardCharsets.UTF_8))
        .putHeader("Content-Type", "application/json; charset=utf-8");
    return HttpAnswers.send(http, options, body.toBuffer()).compose(a -> HttpAnswers.errcodeZero("WeCom", a));
  }

  @Override
  public Future<Void> close() {
    return http.close();
  }
}
