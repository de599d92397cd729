package io.campusguard.hub.web;

import io.campusguard.hub.store.ChangeFeed;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Server-Sent Events stream {@code /api/events}: every alarm and campus-status change, with the change-feed id
 * as the event id. A client that reconnects with {@code Last-Event-ID} first gets what it missed from the
 * database, then goes live; ids only grow, so it never gets one twice. The feed is polled (and nudged whenever this
 * hub writes a change), so changes made by other hub instances reach this hub's clients too. One context.
 */
public final class ChangeStream {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeStream.class);
  static final int PAGE = 500;
  static final Duration POLL = Duration.ofMillis(500);
  static final Duration KEEPALIVE = Duration.ofSeconds(15);

  private final Vertx vertx;
  private final ChangeFeed feed;
  private final Set<Client> clients = new LinkedHashSet<>();
  private long head;
  private boolean polling;
  private boolean pollAgain;
  private final List<Long> timers = new ArrayList<>();

  public ChangeStream(Vertx vertx, ChangeFeed feed) {
    this.vertx = vertx;
    this.feed = feed;
  }

  /** Learns the feed's head and starts polling; call on the hub's context. */
  public Future<Void> start() {
    return feed.head().map(h -> {
      head = h;
      timers.add(vertx.setPeriodic(POLL.toMillis(), id -> poll()));
      timers.add(vertx.setPeriodic(KEEPALIVE.toMillis(), id -> clients.forEach(c -> c.write(": keepalive\n\n"))));
      return null;
    });
  }

  public void stop() {
    timers.forEach(vertx::cancelTimer);
    clients.forEach(c -> c.response.end());
    clients.clear();
  }

  public int clients() {
    return clients.size();
  }

  /** Something changed: look now instead of at the next poll. */
  public void nudge() {
    poll();
  }

  void connect(RoutingContext ctx) {
    long from;
    String last = ctx.request().getHeader("Last-Event-ID");
    if (last == null) {
      last = ctx.request().getParam("lastEventId");
    }
    try {
      from = last == null || last.isBlank() ? head : Long.parseLong(last.trim());
    } catch (NumberFormatException e) {
      throw new ApiError(400, "Last-Event-ID: not a number");
    }
    if (from < 0) {
      throw new ApiError(400, "Last-Event-ID: negative");
    }
    HttpServerResponse res = ctx.response();
    res.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no");
    // A principal's stream carries its own campus's changes only.
    Client c = new Client(res, from, Actor.of(ctx).campus());
    clients.add(c);
    res.closeHandler(v -> clients.remove(c));
    c.write("retry: 2000\n\n");
    catchUp(c);
  }

  private void catchUp(Client c) {
    feed.since(c.lastId, PAGE).onComplete(done -> {
      if (!clients.contains(c)) {
        return;
      }
      if (done.failed()) {
        LOG.warn("SSE catch-up failed: {}", done.cause().toString());
        c.response.end();
        clients.remove(c);
        return;
      }
      done.result().forEach(c::send);
      if (done.result().size() == PAGE || c.lastId < head) {
        catchUp(c);
      } else {
        c.live = true;
      }
    });
  }

  private void poll() {
    if (polling) {
      pollAgain = true;
      return;
    }
    polling = true;
    feed.since(head, PAGE).onComplete(done -> {
      polling = false;
      if (done.succeeded()) {
        for (ChangeFeed.Change change : done.result()) {
          head = Math.max(head, change.id());
          for (Client c : clients) {
            if (c.live) {
              c.send(change);
            }
          }
        }
        if (done.result().size() == PAGE) {
          pollAgain = true;
        }
      } else {
        LOG.warn("change feed poll failed: {}", done.cause().toString());
      }
      if (pollAgain) {
        pollAgain = false;
        poll();
      }
    });
  }

  private static final class Client {
    final HttpServerResponse response;
    long lastId;
    final String onlyCampus;
    boolean live;

    Client(HttpServerResponse response, long lastId, String onlyCampus) {
      this.response = response;
      this.lastId = lastId;
      this.onlyCampus = onlyCampus;
    }

    void send(ChangeFeed.Change change) {
      if (change.id() <= lastId) {
        return;
      }
      lastId = change.id();
      if (onlyCampus != null && !onlyCampus.equals(change.campus())) {
        return;
      }
      write("id: " + change.id() + "\nevent: " + change.kind() + "\ndata: " + change.payload().encode() + "\n\n");
    }

    void write(String text) {
      if (response.closed() || response.ended()) {
        return;
      }
      if (response.writeQueueFull()) {
        // A client that cannot keep up is cut off rather than buffered without bound; it reconnects with
        // Last-Event-ID and catches up from the database.
        response.end();
        return;
      }
      response.write(text);
    }
  }
}
