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
 *
 * <p>A stream lives no longer than its session: at each keepalive the session is checked again (without counting
 * as activity) and a stream whose session ended (logout, timeout, a user disabled) is closed. A session has at
 * most {@value #MAX_STREAMS_PER_SESSION} streams, and a reconnect replays at most {@value #MAX_REPLAY} changes.
 */
public final class ChangeStream {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeStream.class);
  static final int PAGE = 500;
  static final Duration POLL = Duration.ofMillis(500);
  static final Duration KEEPALIVE = Duration.ofSeconds(15);
  /** A few console tabs; past that a session is opening streams to hold the hub's connections. */
  static final int MAX_STREAMS_PER_SESSION = 8;
  /** How far back {@code Last-Event-ID} may reach: older changes are not replayed (the page reloads its lists). */
  static final long MAX_REPLAY = 10_000;

  /** Whether the session with this cookie value is still live. */
  public interface SessionCheck {
    Future<Boolean> live(String sessionId);
  }

  private final Vertx vertx;
  private final ChangeFeed feed;
  private final Duration keepalive;
  private SessionCheck sessions;
  private final Set<Client> clients = new LinkedHashSet<>();
  private long head;
  private boolean polling;
  private boolean pollAgain;
  private final List<Long> timers = new ArrayList<>();

  public ChangeStream(Vertx vertx, ChangeFeed feed) {
    this(vertx, feed, KEEPALIVE);
  }

  public ChangeStream(Vertx vertx, ChangeFeed feed, Duration keepalive) {
    this.vertx = vertx;
    this.feed = feed;
    this.keepalive = keepalive;
  }

  /** Checks each stream's session at every keepalive; without it (tests of the stream alone) streams are not re-checked. */
  public ChangeStream withSessionCheck(SessionCheck sessions) {
    this.sessions = sessions;
    return this;
  }

  /** Learns the feed's head and starts polling; call on the hub's context. */
  public Future<Void> start() {
    return feed.head().map(h -> {
      head = h;
      timers.add(vertx.setPeriodic(POLL.toMillis(), id -> poll()));
      timers.add(vertx.setPeriodic(keepalive.toMillis(), id -> keepalive()));
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

  private void keepalive() {
    for (Client c : List.copyOf(clients)) {
      if (sessions == null || c.sessionId == null) {
        c.write(": keepalive\n\n");
        continue;
      }
      sessions.live(c.sessionId).onComplete(live -> {
        if (live.succeeded() && !live.result()) {
          // Signed out, timed out or disabled: not one more change for this stream.
          close(c);
        } else {
          // A failed check (database away) keeps the stream: the session was live at its last check.
          c.write(": keepalive\n\n");
        }
      });
    }
  }

  private void close(Client c) {
    clients.remove(c);
    if (!c.response.ended() && !c.response.closed()) {
      c.response.end();
    }
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
    // Never ahead of the feed (nothing would ever be sent), never more than MAX_REPLAY behind (a reconnect from 0
    // would page the whole table out of the database).
    from = Math.max(Math.min(from, head), head - MAX_REPLAY);
    io.vertx.core.http.Cookie cookie = ctx.request().getCookie(SessionAuth.COOKIE);
    String sessionId = cookie == null ? null : cookie.getValue();
    if (sessionId != null && clients.stream().filter(c -> sessionId.equals(c.sessionId)).count() >= MAX_STREAMS_PER_SESSION) {
      throw new ApiError(429, "live streams: at most " + MAX_STREAMS_PER_SESSION + " per session", 5);
    }
    HttpServerResponse res = ctx.response();
    res.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no");
    // A principal's stream carries its own campus's changes only.
    Client c = new Client(res, from, Actor.of(ctx).campus(), sessionId);
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
    final String sessionId;
    boolean live;

    Client(HttpServerResponse response, long lastId, String onlyCampus, String sessionId) {
      this.response = response;
      this.lastId = lastId;
      this.onlyCampus = onlyCampus;
      this.sessionId = sessionId;
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
