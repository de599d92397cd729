package io.campusguard.hub.notify;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** The HTTP part the robot and SMS channels share: one request with a deadline, its answer as status and body. */
final class HttpAnswers {
  /** Bodies we read back are tiny JSON answers; anything larger is not what the service says. */
  static final int MAX_ANSWER = 64 * 1024;

  private HttpAnswers() {}

  /** A client of its own per channel, so a slow service's connections never hold another channel's requests. */
  static HttpClient client(Vertx vertx, Duration timeout, int poolSize) {
    return vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) timeout.toMillis()),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(poolSize));
  }

  record Answer(int status, Buffer body) {
    boolean ok() {
      return status / 100 == 2;
    }
  }

  static Future<Answer> send(HttpClient http, RequestOptions options, Buffer body) {
    return http.request(options)
        .compose(req -> body == null ? req.send() : req.send(body))
        .compose(res -> res.body().map(b -> new Answer(res.statusCode(), b)))
        .recover(err -> Future.failedFuture(new NotificationChannel.DeliveryFailure(describe(err))));
  }

  /**
   * WeCom and DingTalk answer HTTP 200 even when they refuse: {@code {"errcode": 0, "errmsg": "ok"}} means
   * accepted, any other errcode is a refusal with its reason.
   */
  static Future<Void> errcodeZero(String service, Answer a) {
    if (!a.ok()) {
      return Future.failedFuture(new NotificationChannel.DeliveryFailure(service + " answered HTTP " + a.status()));
    }
    if (a.body().length() > MAX_ANSWER) {
      return Future.failedFuture(new NotificationChannel.DeliveryFailure(service + " answered " + a.body().length() + " bytes, not its JSON"));
    }
    try {
      JsonObject o = a.body().toJsonObject();
      Integer code = o.getInteger("errcode");
      if (code == null) {
        return Future.failedFuture(new NotificationChannel.DeliveryFailure(service + " answered without errcode"));
      }
      if (code != 0) {
        return Future.failedFuture(new NotificationChannel.DeliveryFailure(service + " refused: errcode " + code + " " + o.getString("errmsg", "")));
      }
      return Future.succeededFuture();
    } catch (DecodeException | ClassCastException e) {
      return Future.failedFuture(new NotificationChannel.DeliveryFailure(service + " answered something other than JSON"));
    }
  }

  static String describe(Throwable err) {
    String name = err.getClass().getSimpleName();
    String msg = err.getMessage();
    if (err instanceof NotificationChannel.DeliveryFailure) {
      return msg;
    }
    if (name.contains("Timeout") || (msg != null && msg.toLowerCase(java.util.Locale.ROOT).contains("timeout"))) {
      return "timed out";
    }
    return msg == null ? name : name + ": " + msg;
  }
}
