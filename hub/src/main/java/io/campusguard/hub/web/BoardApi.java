package io.campusguard.hub.web;

import io.campusguard.devices.Ids;
import io.campusguard.hub.alarms.PanicTestWindows;
import io.campusguard.hub.alarms.Quarter;
import io.campusguard.hub.board.CameraState;
import io.campusguard.hub.board.FourHundredPercent;
import io.campusguard.hub.board.Ratio;
import io.campusguard.hub.store.BoardStore;
import io.campusguard.hub.store.PanicTestStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The safety centre's standing views (issue 5): the "four 100%" board, test mode for one-touch alarms with its
 * quarterly ledger (opened for a time, or ended early by an operator), and the cameras page. Mounted after the body handler.
 */
public final class BoardApi {
  /** The longest test window an operator may open: a drill, not a way to silence a campus for the day. */
  static final int MAX_TEST_MINUTES = 240;

  private final BoardStore store;
  private final PanicTestStore tests;
  private final PanicTestWindows windows;
  private final FourHundredPercent board;
  private final Clock clock;

  public BoardApi(BoardStore store, PanicTestStore tests, PanicTestWindows windows, FourHundredPercent board, Clock clock) {
    this.store = store;
    this.tests = tests;
    this.windows = windows;
    this.board = board;
    this.clock = clock;
  }

  public void mount(Router r, BiConsumer<RoutingContext, Future<?>> reply) {
    r.get("/api/board").handler(ctx -> reply.accept(ctx, board(ctx)));
    r.get("/api/cameras").handler(ctx -> reply.accept(ctx, cameras(ctx)));
    r.get("/api/campuses/:id/test-mode").handler(ctx -> reply.accept(ctx, testMode(id(ctx))));
    r.post("/api/campuses/:id/test-mode").handler(ctx -> reply.accept(ctx, startTestMode(ctx)));
    r.post("/api/campuses/:id/test-mode/end").handler(ctx -> reply.accept(ctx, endTestMode(ctx)));
  }

  private Future<JsonObject> board(RoutingContext ctx) {
    Instant now = clock.instant();
    Quarter quarter = Quarter.of(now);
    return store.facts(campusParam(ctx), quarter).map(facts -> {
      FourHundredPercent.Board b = board.compute(facts, now);
      JsonArray campuses = new JsonArray();
      for (FourHundredPercent.CampusScore s : b.campuses()) {
        campuses.add(new JsonObject()
            .put("id", s.campus()).put("name", s.name()).put("town", s.town()).put("linkUp", s.linkUp())
            .put("panicLinked", ratio(s.panicLinked())).put("videoOnline", ratio(s.videoOnline())).put("panicTested", ratio(s.panicTested()))
            .put("allMet", s.allMet())
            .put("panicNotLinked", new JsonArray(s.panicNotLinked())).put("panicUntested", new JsonArray(s.panicUntested()))
            .put("testModeUntil", windows.openAt(s.campus(), now).map(w -> w.until().toString()).orElse(null)));
      }
      return new JsonObject().put("at", now.toString()).put("quarter", quarter.toString())
          .put("county", new JsonObject().put("panicLinked", ratio(b.panicLinked())).put("videoOnline", ratio(b.videoOnline()))
              .put("panicTested", ratio(b.panicTested())).put("campuses", b.campuses().size()).put("campusesAllMet", b.campusesAllMet()))
          .put("campuses", campuses);
    });
  }

  private Future<JsonObject> cameras(RoutingContext ctx) {
    Instant now = clock.instant();
    return store.facts(campusParam(ctx), Quarter.of(now)).map(facts -> {
      FourHundredPercent.Board b = board.compute(facts, now);
      JsonArray campuses = new JsonArray();
      for (FourHundredPercent.CampusScore s : b.campuses()) {
        JsonArray offline = new JsonArray();
        JsonArray videoLoss = new JsonArray();
        JsonArray nvrs = new JsonArray();
        for (String nvr : s.nvrsDown()) {
          JsonArray under = new JsonArray();
          s.cameras().forEach((cam, st) -> {
            if (st == CameraState.NVR_DOWN && nvr.equals(cameraNvr(facts, s.campus(), cam))) {
              under.add(cam);
            }
          });
          nvrs.add(new JsonObject().put("nvr", nvr).put("cameras", under));
        }
        for (Map.Entry<String, CameraState> e : s.cameras().entrySet()) {
          if (e.getValue() == CameraState.OFFLINE) {
            offline.add(e.getKey());
          } else if (e.getValue() == CameraState.VIDEO_LOSS) {
            videoLoss.add(e.getKey());
          }
        }
        if (s.videoOnline().total() == 0 && s.nvrsDown().isEmpty()) {
          continue;
        }
        campuses.add(new JsonObject().put("id", s.campus()).put("name", s.name()).put("town", s.town())
            .put("online", ratio(s.videoOnline())).put("offline", offline).put("videoLoss", videoLoss).put("nvrsDown", nvrs));
      }
      return new JsonObject().put("at", now.toString()).put("county", ratio(b.videoOnline())).put("campuses", campuses);
    });
  }

  private static String cameraNvr(List<io.campusguard.hub.board.CampusFacts> facts, String campus, String camera) {
    return facts.stream().filter(f -> f.campus().equals(campus)).flatMap(f -> f.cameras().stream())
        .filter(d -> d.id().equals(camera)).map(io.campusguard.hub.board.DeviceFacts::nvr).findFirst().orElse(null);
  }

  private Future<JsonObject> testMode(String campus) {
    Instant now = clock.instant();
    Quarter quarter = Quarter.of(now);
    return tests.ledger(quarter, campus).compose(ledger -> tests.lastEndedEarly(campus, now.minus(Duration.ofDays(1))).map(ended -> {
      JsonArray entries = new JsonArray();
      ledger.values().stream().sorted((a, b) -> a.device().compareTo(b.device())).forEach(e -> entries.add(new JsonObject()
          .put("device", e.device()).put("tests", e.tests()).put("lastTestAt", e.lastTestAt().toString())));
      JsonObject out = new JsonObject().put("campus", campus).put("quarter", quarter.toString()).put("ledger", entries);
      windows.openAt(campus, now).ifPresentOrElse(
          w -> out.put("active", true).put("from", w.from().toString()).put("until", w.until().toString()).put("startedBy", w.startedBy()),
          () -> out.put("active", false));
      ended.ifPresent(e -> out.put("endedEarly", new JsonObject().put("by", e.by()).put("at", e.at().toString())));
      return out;
    }));
  }

  /** Ends the campus's open test window now: from this moment a press raises a real alarm again. 409 when none is open. */
  private Future<JsonObject> endTestMode(RoutingContext ctx) {
    String campus = id(ctx);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return tests.end(campus, Actor.of(ctx).id(), now).compose(ended -> {
      if (ended.isEmpty()) {
        return Future.failedFuture(new ApiError(409, "campus " + campus + " has no test window open"));
      }
      windows.endAt(campus, now);
      return testMode(campus);
    });
  }

  private Future<JsonObject> startTestMode(RoutingContext ctx) {
    String campus = id(ctx);
    int minutes = minutes(ctx);
    // As PostgreSQL keeps it, so the window this hub holds is the one every hub reloads.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    PanicTestWindows.Window w = new PanicTestWindows.Window(campus, now, now.plus(Duration.ofMinutes(minutes)), Actor.of(ctx).id());
    return tests.open(w).compose(stored -> {
      windows.add(stored);
      return testMode(campus);
    });
  }

  private static int minutes(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    Object v;
    try {
      v = body == null || body.length() == 0 ? null : body.toJsonObject().getValue("minutes");
    } catch (DecodeException | ClassCastException e) {
      throw new ApiError(400, "body: not a JSON object");
    }
    if (!(v instanceof Integer m) || m < 1 || m > MAX_TEST_MINUTES) {
      throw new ApiError(400, "minutes: a whole number 1.." + MAX_TEST_MINUTES);
    }
    return m;
  }

  private static JsonObject ratio(Ratio r) {
    return new JsonObject().put("ok", r.ok()).put("total", r.total()).put("ratio", r.ratio()).put("met", r.met());
  }

  private static String id(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!Ids.isValid(id)) {
      throw new ApiError(400, "id: not an allowed id");
    }
    return id;
  }

  private static String campusParam(RoutingContext ctx) {
    String v = ctx.request().getParam("campus");
    if (v != null && !Ids.isValid(v)) {
      throw new ApiError(400, "campus: not an allowed id");
    }
    return v;
  }
}
