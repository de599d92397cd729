package io.campusguard.hub.upstream;

import io.campusguard.hub.store.SqlTime;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts queued P0 alarm changes to the upstream platform with retries. A delivery is claimed by moving its next
 * attempt a lease into the future (so several hubs never post it at once, and a hub that dies mid-post leaves it
 * to be retried after the lease), then posted with its {@code Idempotency-Key}; 2xx marks it delivered, anything
 * else schedules the next attempt, until the schedule gives up and marks it failed. Every attempt is counted.
 * With a shared secret each request is signed ({@link WebhookSignature}).
 */
public final class WebhookSender {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
  static final Duration LEASE = Duration.ofSeconds(30);
  static final int PAGE = 20;

  private static final String CLAIM =
      "UPDATE webhook_deliveries SET next_attempt_at = $2, attempts = attempts + 1 WHERE id IN ("
          + " SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)"
          + " RETURNING id, url, idempotency_key, payload::text AS payload, attempts";

  private final Vertx vertx;
  private final Pool pool;
  private final HttpClient http;
  private final RetrySchedule schedule;
  private final Clock clock;
  private final Duration every;
  private final Duration timeout;
  private final WebhookSignature signature;
  private long timer = -1;
  private boolean running;

  public WebhookSender(Vertx vertx, Pool pool, RetrySchedule schedule, Clock clock, Duration every, Duration timeout) {
    this(vertx, pool, schedule, clock, every, timeout, null);
  }

  /** With {@code signature} null, requests go unsigned (a warning at start says so). */
  public WebhookSender(Vertx vertx, Pool pool, RetrySchedule schedule, Clock clock, Duration every, Duration timeout,
      WebhookSignature signature) {
    this.signature = signature;
    this.vertx = vertx;
    this.pool = pool;
    this.schedule = schedule;
    this.clock = clock;
    this.every = every;
    this.timeout = timeout;
    this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) timeout.toMillis()));
  }

  public void start() {
    timer = vertx.setPeriodic(every.toMillis(), id -> tick());
  }

  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return http.close();
  }

  /** One pass over the deliveries due now. */
  public Future<Void> tick() {
    if (running) {
      return Future.succeededFuture();
    }
    running = true;
    Instant now = clock.instant();
    return pool.preparedQuery(CLAIM).execute(Tuple.of(SqlTime.odt(now), SqlTime.odt(now.plus(LEASE)), PAGE))
        .compose(rows -> {
          Future<Void> chain = Future.succeededFuture();
          for (Row r : rows) {
            chain = chain.compose(v -> deliver(r.getLong("id"), r.getString("url"), r.getString("idempotency_key"),
                r.getString("payload"), r.getInteger("attempts")));
          }
          return chain;
        })
        .onFailure(err -> LOG.warn("webhook pass failed: {}", err.toString()))
        .onComplete(v -> running = false);
  }

  private Future<Void> deliver(long id, String url, String key, String payload, int attempts) {
    RequestOptions options = new RequestOptions().setAbsoluteURI(url).setMethod(HttpMethod.POST)
        .setTimeout(timeout.toMillis())
        .putHeader("Content-Type", "application/json")
        .putHeader("Idempotency-Key", key);
    Buffer sent = Buffer.buffer(payload);
    if (signature != null) {
      // Signed at each attempt, with the attempt's time: a receiver refusing old timestamps refuses replays.
      long at = clock.instant().getEpochSecond();
      options.putHeader(WebhookSignature.TIMESTAMP_HEADER, Long.toString(at))
          .putHeader(WebhookSignature.SIGNATURE_HEADER, signature.sign(at, sent.getBytes()));
    }
    return http.request(options)
        .compose(req -> req.send(sent))
        .compose(res -> res.body().map(body -> res.statusCode()))
        .transform(done -> {
          Instant now = clock.instant();
          if (done.succeeded() && done.result() / 100 == 2) {
            return pool.preparedQuery("UPDATE webhook_deliveries SET status = 'delivered', delivered_at = $2, last_error = NULL WHERE id = $1")
                .execute(Tuple.of(id, SqlTime.odt(now))).<Void>mapEmpty();
          }
          String error = done.succeeded() ? "HTTP " + done.result() : String.valueOf(done.cause());
          boolean giveUp = schedule.exhausted(attempts);
          if (giveUp) {
            LOG.error("webhook delivery {} failed for good after {} attempts: {}", key, attempts, error);
          }
          return pool.preparedQuery("UPDATE webhook_deliveries SET status = $2, next_attempt_at = $3, last_error = $4 WHERE id = $1")
              .execute(Tuple.of(id, giveUp ? "failed" : "pending", SqlTime.odt(now.plus(schedule.delayAfter(attempts))), error))
              .<Void>mapEmpty();
        });
  }
}
