package io.campusguard.hub.web;

import io.campusguard.devices.Ids;
import io.campusguard.devices.WireNames;
import io.campusguard.devices.asset.Asset;
import io.campusguard.devices.asset.AssetCategory;
import io.campusguard.hub.assets.AssetCsv;
import io.campusguard.hub.assets.AssetImport;
import io.campusguard.hub.assets.Repair;
import io.campusguard.hub.assets.ReportedLocation;
import io.campusguard.hub.replacement.Candidate;
import io.campusguard.hub.replacement.DeviceHealth;
import io.campusguard.hub.replacement.FiveYearPlan;
import io.campusguard.hub.replacement.FiveYearPlanner;
import io.campusguard.hub.replacement.HealthScoring;
import io.campusguard.hub.replacement.HealthTrend;
import io.campusguard.hub.replacement.QueueEntry;
import io.campusguard.hub.replacement.Reason;
import io.campusguard.hub.replacement.ReplacementPolicy;
import io.campusguard.hub.replacement.ReplacementState;
import io.campusguard.hub.store.AssetStore;
import io.campusguard.hub.telemetry.Measurement;
import io.campusguard.hub.telemetry.TimeSeriesStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * IT staff's part of the API: the asset register (CSV import with a per-row error report, export), the
 * replacement queue ranked with its reasons in words, the workflow steps, and the five-year plan. Mounted by
 * {@link HubApi} before its own body handler, because an asset file is larger than an alarm note.
 */
public final class AssetsApi {
  public static final int MAX_IMPORT_BYTES = 16 * 1024 * 1024;
  static final int NEVER_SEEN_DAYS = 30;
  static final String FLAG_NOT_SEEN = "not_seen_30_days";
  static final String FLAG_OTHER_ROOM = "other_room";
  static final int TREND_POINTS = 400;
  static final int MAX_FAULTS = 100;

  private final AssetStore assets;
  private final TimeSeriesStore timeSeries;
  private final ReplacementPolicy policy;
  private final Clock clock;

  /** Without a time-series store the device page has no health trend (503). */
  public AssetsApi(AssetStore assets, ReplacementPolicy policy, Clock clock) {
    this(assets, null, policy, clock);
  }

  public AssetsApi(AssetStore assets, TimeSeriesStore timeSeries, ReplacementPolicy policy, Clock clock) {
    this.assets = assets;
    this.timeSeries = timeSeries;
    this.policy = policy;
    this.clock = clock;
  }

  /** Registers the routes without a check of their bodies against the document (tests of the handlers' own checks). */
  public void mount(Router r, java.util.function.BiConsumer<RoutingContext, Future<?>> reply) {
    mount(r, reply, RoutingContext::next);
  }

  /**
   * Registers the routes; call before the generic {@code /api/*} body handler. {@code checkBody} runs once each
   * route's own body handler has read the body ({@link OpenApiValidation#withBody}): a JSON body outside the
   * document's schema is refused with 400 naming the field; the handlers then check what a schema cannot (dates
   * against today and the purchase date, years, control characters) and answer 400 or 422 naming the field.
   */
  public void mount(Router r, java.util.function.BiConsumer<RoutingContext, Future<?>> reply, io.vertx.core.Handler<RoutingContext> checkBody) {
    r.post("/api/assets/import").handler(RequestBodies.bounded(MAX_IMPORT_BYTES));
    // The CSV itself is checked row by row by its parser; the document checks the query (partial).
    r.post("/api/assets/import").handler(checkBody);
    r.post("/api/assets/import").handler(this::importCsv);
    r.get("/api/assets/export").handler(this::exportCsv);
    r.get("/api/assets/:assetId").handler(ctx -> reply.accept(ctx, device(ctx)));
    r.post("/api/assets/:assetId/repairs").handler(RequestBodies.bounded(16 * 1024));
    r.post("/api/assets/:assetId/repairs").handler(checkBody);
    r.post("/api/assets/:assetId/repairs").handler(ctx -> recordRepair(ctx).onComplete(done -> {
      if (done.failed()) {
        ctx.fail(done.cause());
      } else {
        ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json; charset=utf-8").end(done.result().encode());
      }
    }));
    r.get("/api/assets/:assetId/repairs").handler(ctx -> reply.accept(ctx, repairs(ctx)));
    r.get("/api/assets/:assetId/trend").handler(ctx -> reply.accept(ctx, trend(ctx)));
    r.get("/api/replacement/queue").handler(ctx -> {
      if ("csv".equals(ctx.request().getParam("format"))) {
        queueCsv(ctx);
      } else {
        reply.accept(ctx, queue(ctx).map(rows -> new JsonObject().put("queue", rows)));
      }
    });
    r.post("/api/replacement/plan").handler(RequestBodies.bounded(64 * 1024));
    r.post("/api/replacement/plan").handler(checkBody);
    r.post("/api/replacement/plan").handler(ctx -> reply.accept(ctx, plan(ctx)));
    r.post("/api/replacement/:assetId/state").handler(RequestBodies.bounded(16 * 1024));
    r.post("/api/replacement/:assetId/state").handler(checkBody);
    r.post("/api/replacement/:assetId/state").handler(ctx -> reply.accept(ctx, move(ctx)));
  }

  /**
   * Answers 200 with {@code {imported, rowsRead, errors}}, or 422 with the same report and nothing imported when
   * the file has bad rows and {@code partial=true} was not asked for.
   */
  private void importCsv(RoutingContext ctx) {
    boolean partial = "true".equals(ctx.request().getParam("partial"));
    String body = ctx.body().asString();
    if (body == null || body.isBlank()) {
      ctx.fail(new ApiError(400, "body: expected a CSV file with header " + String.join(",", AssetCsv.COLUMNS)));
      return;
    }
    // Parsing a register of many thousand rows is CPU work: a worker does it, the answer comes back here.
    ctx.vertx().executeBlocking(() -> AssetCsv.read(new StringReader(body), partial), false).onComplete(parsed -> {
      if (parsed.failed()) {
        ctx.fail(parsed.cause());
      } else {
        answerImport(ctx, parsed.result(), partial);
      }
    });
  }

  private void answerImport(RoutingContext ctx, AssetImport result, boolean partial) {
    JsonArray errors = new JsonArray();
    result.errors().forEach(e -> errors.add(new JsonObject().put("row", e.row()).put("field", e.field()).put("message", e.message())));
    JsonObject report = new JsonObject().put("rowsRead", result.rowsRead()).put("errors", errors);
    if (!result.clean() && !partial) {
      report.put("imported", 0).put("error", "the file has " + errors.size() + " bad row(s); nothing was imported (add partial=true to import the good rows)");
      ctx.response().setStatusCode(422).putHeader("Content-Type", "application/json").end(report.encode());
      return;
    }
    assets.upsert(result.accepted()).onComplete(done -> {
      if (done.failed()) {
        ctx.fail(done.cause());
      } else {
        ctx.response().putHeader("Content-Type", "application/json").end(report.put("imported", done.result()).encode());
      }
    });
  }

  private void exportCsv(RoutingContext ctx) {
    assets.list(null, null, null).onComplete(done -> {
      if (done.failed()) {
        ctx.fail(done.cause());
        return;
      }
      StringBuilder out = new StringBuilder();
      AssetCsv.write(done.result().stream().map(AssetStore.Listed::asset).toList(), out);
      ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
          .putHeader("Content-Disposition", "attachment; filename=\"assets.csv\"").end(out.toString());
    });
  }

  /** The queue, worst first, filtered by campus, category and town; each row with its reasons in words. */
  Future<JsonArray> queue(RoutingContext ctx) {
    String campus = id(ctx, "campus");
    AssetCategory category = category(ctx.request().getParam("category"));
    String town = ctx.request().getParam("town");
    String flag = ctx.request().getParam("flag");
    if (flag != null && !flag.equals(FLAG_NOT_SEEN) && !flag.equals(FLAG_OTHER_ROOM)) {
      throw new ApiError(400, "flag: one of " + FLAG_NOT_SEEN + ", " + FLAG_OTHER_ROOM);
    }
    Locale locale = locale(ctx);
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
    // Ranking the whole register is CPU work (tens of thousands of scores and sentences): a worker does it.
    return Future.all(assets.list(campus, category, town), assets.reported(now, null), assets.entries(), assets.repairCounts(null))
        .compose(all -> ctx.vertx().executeBlocking(() -> {
      List<AssetStore.Listed> listed = all.resultAt(0);
      Map<String, AssetStore.Reported> reported = all.resultAt(1);
      Map<String, QueueEntry> entries = all.resultAt(2);
      Map<String, Integer> repairs = all.resultAt(3);
      Map<String, AssetStore.Listed> byId = new TreeMap<>();
      List<Candidate> candidates = new ArrayList<>();
      for (AssetStore.Listed l : listed) {
        byId.put(l.asset().assetId(), l);
        AssetStore.Reported r = reported.get(l.asset().assetId());
        candidates.add(new Candidate(l.asset(), health(r == null ? null : r.health(), repairs, l.asset().assetId()), null));
      }
      JsonArray rows = new JsonArray();
      int rank = 0;
      for (ReplacementPolicy.Scored s : policy.rank(candidates, today)) {
        Asset a = s.candidate().asset();
        AssetStore.Listed l = byId.get(a.assetId());
        QueueEntry entry = entries.get(a.assetId());
        JsonArray reasons = new JsonArray();
        s.factors().stream().filter(r -> r.points() > 0 || r.code().equals("health.no_telemetry")).forEach(r -> reasons.add(r.text(locale)));
        AssetStore.Reported rep = reported.get(a.assetId());
        JsonArray flags = flags(l, rep, now);
        if (flag != null && !flags.contains(flag)) {
          continue;
        }
        rows.add(new JsonObject()
            .put("rank", ++rank)
            .put("assetId", a.assetId())
            .put("campus", a.campus())
            .put("campusName", l.campusName())
            .put("town", l.town())
            .put("room", a.room())
            .put("category", WireNames.of(a.category()))
            .put("make", a.make())
            .put("model", a.model())
            .put("purchaseDate", a.purchaseDate().toString())
            .put("ageYears", a.ageYears(today))
            .put("score", s.score())
            .put("health", s.health())
            .put("atRisk", s.atRisk())
            .put("state", WireNames.of(entry == null ? ReplacementState.CANDIDATE : entry.state()))
            .put("stateBy", entry == null || entry.history().isEmpty() ? null : entry.history().get(entry.history().size() - 1).by())
            .put("stateAt", entry == null || entry.history().isEmpty() ? null : entry.history().get(entry.history().size() - 1).at().toString())
            .put("reasons", reasons)
            .put("flags", flags)
            .put("reportedCampus", rep == null ? null : rep.campus())
            .put("reportedRoom", rep == null ? null : rep.room()));
      }
      return rows;
    }, false));
  }

  /** {@value #FLAG_NOT_SEEN}: not heard from for 30 days or never; {@value #FLAG_OTHER_ROOM}: telemetry puts it elsewhere. */
  static JsonArray flags(AssetStore.Listed l, AssetStore.Reported reported, Instant now) {
    JsonArray flags = new JsonArray();
    if (l.lastSeen() == null || l.lastSeen().isBefore(now.minus(NEVER_SEEN_DAYS, ChronoUnit.DAYS))) {
      flags.add(FLAG_NOT_SEEN);
    }
    if (reported != null && new ReportedLocation(reported.campus(), reported.room()).differsFrom(l.asset())) {
      flags.add(FLAG_OTHER_ROOM);
    }
    return flags;
  }

  /**
   * The device page: the asset record, where telemetry puts it, its health score with the reasons that lowered it,
   * its telemetry facts, its replacement score and workflow history, and its faults. 404 for an unknown asset.
   */
  private Future<JsonObject> device(RoutingContext ctx) {
    String assetId = assetId(ctx);
    Locale locale = locale(ctx);
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
    return Future.all(List.of(assets.find(assetId), assets.reported(now, assetId), assets.entries(), assets.faults(assetId, MAX_FAULTS),
        assets.repairs(assetId))).map(all -> {
      java.util.Optional<AssetStore.Listed> found = all.resultAt(0);
      AssetStore.Listed l = found.orElseThrow(() -> new ApiError(404, "assetId: no asset " + assetId));
      Map<String, AssetStore.Reported> reported = all.resultAt(1);
      AssetStore.Reported rep = reported.get(assetId);
      QueueEntry entry = ((Map<String, QueueEntry>) all.resultAt(2)).get(assetId);
      List<AssetStore.Fault> faults = all.resultAt(3);
      List<Repair> repairs = all.resultAt(4);
      DeviceHealth h = health(rep == null ? null : rep.health(), Map.of(assetId, repairs.size()), assetId);
      Asset a = l.asset();
      HealthScoring.HealthScore health = HealthScoring.score(h);
      ReplacementPolicy.Scored scored = policy.score(new Candidate(a, h, null), today);
      JsonArray healthReasons = new JsonArray();
      health.reasons().forEach(r -> healthReasons.add(new JsonObject().put("code", r.code()).put("points", r.points()).put("text", r.text(locale))));
      JsonArray factors = new JsonArray();
      scored.factors().stream().filter(r -> r.points() > 0 || r.code().equals("health.no_telemetry")).forEach(r -> factors.add(r.text(locale)));
      JsonArray history = new JsonArray();
      if (entry != null) {
        entry.history().forEach(s -> history.add(new JsonObject().put("from", WireNames.of(s.from())).put("to", WireNames.of(s.to()))
            .put("by", s.by()).put("at", s.at().toString()).put("note", s.note())));
      }
      JsonArray faultRows = new JsonArray();
      faults.forEach(f -> faultRows.add(new JsonObject().put("id", f.id()).put("type", f.type()).put("severity", f.severity()).put("state", f.state())
          .put("openedAt", String.valueOf(f.openedAt())).put("resolvedAt", f.resolvedAt() == null ? null : f.resolvedAt().toString()).put("detail", f.detail())));
      return new JsonObject()
          .put("asset", new JsonObject()
              .put("assetId", a.assetId()).put("campus", a.campus()).put("campusName", l.campusName()).put("town", l.town())
              .put("room", a.room()).put("category", WireNames.of(a.category())).put("make", a.make()).put("model", a.model())
              .put("purchaseDate", a.purchaseDate().toString()).put("price", a.price().toPlainString())
              .put("warrantyEnd", a.warrantyEnd() == null ? null : a.warrantyEnd().toString()).put("ageYears", a.ageYears(today)))
          .put("lastSeen", l.lastSeen() == null ? null : l.lastSeen().toString())
          .put("reportedCampus", rep == null ? null : rep.campus())
          .put("reportedRoom", rep == null ? null : rep.room())
          .put("flags", flags(l, rep, now))
          .put("health", new JsonObject().put("score", health.score()).put("reasons", healthReasons))
          .put("facts", new JsonObject()
              .put("powerOnHours", h.powerOnHours()).put("lampHours", h.lampHours()).put("panelHours", h.panelHours())
              .put("diskHealth", h.diskHealthPercent()).put("bootFailures", h.bootFailures()).put("crashes", h.crashes())
              .put("temperature", h.temperatureC()).put("daysOffline", h.daysOffline())
              .put("openFaults", h.openFaults()).put("pastFaults", h.pastFaults()).put("repairs", h.repairs()))
          .put("replacement", new JsonObject().put("score", scored.score()).put("atRisk", scored.atRisk())
              .put("state", WireNames.of(entry == null ? ReplacementState.CANDIDATE : entry.state()))
              .put("reasons", factors).put("history", history))
          .put("faults", faultRows)
          .put("repairs", repairRows(repairs));
    });
  }

  /** What telemetry says of an asset's device (null: nothing) with the repairs IT staff recorded for it. */
  static DeviceHealth health(DeviceHealth reported, Map<String, Integer> repairCounts, String assetId) {
    return (reported == null ? DeviceHealth.UNKNOWN : reported).withRepairs(repairCounts.getOrDefault(assetId, 0));
  }

  /** Body: {"repairedOn": "2025-03-01", "note": "…", "cost": 350}; the repair, or 404/422 naming the field. */
  private Future<JsonObject> recordRepair(RoutingContext ctx) {
    String assetId = assetId(ctx);
    JsonObject body = body(ctx);
    LocalDate repairedOn;
    try {
      String d = body.getValue("repairedOn") instanceof String v ? v : null;
      repairedOn = d == null ? null : LocalDate.parse(d);
    } catch (java.time.format.DateTimeParseException e) {
      throw new ApiError(422, "repairedOn: not a date like 2025-03-01");
    }
    Object noteValue = body.getValue("note");
    if (noteValue != null && !(noteValue instanceof String)) {
      throw new ApiError(422, "note: expected text");
    }
    Object costValue = body.getValue("cost");
    BigDecimal cost;
    try {
      cost = costValue == null ? null : new BigDecimal(String.valueOf(costValue));
    } catch (NumberFormatException e) {
      throw new ApiError(422, "cost: not an amount in yuan");
    }
    Instant now = clock.instant();
    return assets.recordRepair(assetId, repairedOn, (String) noteValue, cost, Actor.of(ctx).id(), now, LocalDate.ofInstant(now, java.time.ZoneOffset.UTC))
        .recover(e -> Future.failedFuture(
            e instanceof IllegalArgumentException ? new ApiError(422, e.getMessage())
                : e instanceof java.util.NoSuchElementException ? new ApiError(404, e.getMessage()) : e))
        .map(AssetsApi::repairJson);
  }

  /** An asset's repairs, latest first; 404 for an unknown asset. */
  private Future<JsonObject> repairs(RoutingContext ctx) {
    String assetId = assetId(ctx);
    return Future.all(assets.find(assetId), assets.repairs(assetId)).map(all -> {
      java.util.Optional<AssetStore.Listed> found = all.resultAt(0);
      found.orElseThrow(() -> new ApiError(404, "assetId: no asset " + assetId));
      return new JsonObject().put("assetId", assetId).put("repairs", repairRows(all.resultAt(1)));
    });
  }

  private static JsonArray repairRows(List<Repair> repairs) {
    JsonArray rows = new JsonArray();
    repairs.forEach(r -> rows.add(repairJson(r)));
    return rows;
  }

  private static JsonObject repairJson(Repair r) {
    return new JsonObject().put("id", r.id()).put("repairedOn", r.repairedOn().toString()).put("note", r.note())
        .put("cost", r.cost() == null ? null : r.cost().toPlainString()).put("recordedBy", r.recordedBy()).put("recordedAt", r.recordedAt().toString());
  }

  /** The health trend over the last {@code days} (1..3650, default 365), from the time-series store. */
  private Future<JsonObject> trend(RoutingContext ctx) {
    String assetId = assetId(ctx);
    int days = intParam(ctx, "days", 365, 1, 3650);
    if (timeSeries == null) {
      throw new ApiError(503, "no time-series store configured");
    }
    Instant since = clock.instant().minus(days, ChronoUnit.DAYS);
    return timeSeries.queryDevice(Measurement.CLASSROOM, assetId, since)
        .compose(samples -> ctx.vertx().executeBlocking(() -> {
          JsonArray points = new JsonArray();
          for (HealthTrend.Point p : HealthTrend.of(samples, TREND_POINTS)) {
            points.add(new JsonObject().put("ts", p.ts().toString()).put("health", p.health()).put("powerOnHours", p.powerOnHours())
                .put("diskHealth", p.diskHealth()).put("bootFailures", p.bootFailures()).put("crashes", p.crashes()).put("temperature", p.temperature()));
          }
          return new JsonObject().put("assetId", assetId).put("since", since.toString()).put("samples", samples.size()).put("points", points);
        }, false));
  }

  private static String assetId(RoutingContext ctx) {
    String assetId = ctx.pathParam("assetId");
    if (!Ids.isValid(assetId)) {
      throw new ApiError(400, "assetId: not an allowed id");
    }
    return assetId;
  }

  private static int intParam(RoutingContext ctx, String name, int fallback, int min, int max) {
    String v = ctx.request().getParam(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ApiError(400, name + ": a whole number in " + min + ".." + max);
  }

  private void queueCsv(RoutingContext ctx) {
    queue(ctx).onComplete(done -> {
      if (done.failed()) {
        ctx.fail(done.cause());
        return;
      }
      StringBuilder out = new StringBuilder("rank,asset_id,campus,town,room,category,purchase_date,score,health,state,reasons\n");
      for (Object o : done.result()) {
        JsonObject row = (JsonObject) o;
        List<String> cells = List.of(
            String.valueOf(row.getInteger("rank")), row.getString("assetId"), row.getString("campus"), String.valueOf(row.getString("town")),
            row.getString("room"), row.getString("category"), row.getString("purchaseDate"), String.valueOf(row.getDouble("score")),
            String.valueOf(row.getInteger("health")), row.getString("state"), String.join("; ", row.getJsonArray("reasons").getList()));
        out.append(String.join(",", cells.stream().map(AssetsApi::csvCell).toList())).append('\n');
      }
      ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
          .putHeader("Content-Disposition", "attachment; filename=\"replacement-queue.csv\"").end(out.toString());
    });
  }

  private Future<JsonObject> move(RoutingContext ctx) {
    String assetId = ctx.pathParam("assetId");
    if (!Ids.isValid(assetId)) {
      throw new ApiError(400, "assetId: not an allowed id");
    }
    JsonObject body = body(ctx);
    ReplacementState to = WireNames.parse(ReplacementState.class, body.getString("to"))
        .orElseThrow(() -> new ApiError(400, "to: one of " + WireNames.allowed(ReplacementState.class)));
    String note = body.getString("note");
    if (note != null && note.length() > 2000) {
      throw new ApiError(400, "note: longer than 2000 characters");
    }
    String by = Actor.of(ctx).id();
    return assets.move(assetId, to, by, clock.instant(), note)
        .recover(e -> Future.failedFuture(
            e instanceof IllegalStateException ? new ApiError(409, e.getMessage())
                : e instanceof java.util.NoSuchElementException ? new ApiError(404, e.getMessage()) : e))
        .map(entry -> {
          JsonArray history = new JsonArray();
          entry.history().forEach(s -> history.add(new JsonObject().put("from", WireNames.of(s.from())).put("to", WireNames.of(s.to()))
              .put("by", s.by()).put("at", s.at().toString()).put("note", s.note())));
          return new JsonObject().put("assetId", assetId).put("state", WireNames.of(entry.state())).put("history", history);
        });
  }

  /** Body: {"budgets": {"2025": 5000000, …}, "prices": {"multimedia_platform": 12800, …}}. */
  private Future<JsonObject> plan(RoutingContext ctx) {
    JsonObject body = body(ctx);
    Map<Integer, BigDecimal> budgets = new TreeMap<>();
    JsonObject b = body.getJsonObject("budgets", new JsonObject());
    for (String year : b.fieldNames()) {
      int y;
      try {
        y = Integer.parseInt(year);
      } catch (NumberFormatException e) {
        throw new ApiError(400, "budgets." + year + ": not a year");
      }
      if (y < 2000 || y > 2100) {
        throw new ApiError(400, "budgets." + year + ": outside 2000..2100");
      }
      budgets.put(y, money("budgets." + year, b.getValue(year)));
    }
    if (budgets.isEmpty() || budgets.size() > 10) {
      throw new ApiError(400, "budgets: give one to ten years, e.g. {\"2025\": 5000000}");
    }
    Map<AssetCategory, BigDecimal> prices = new EnumMap<>(AssetCategory.class);
    JsonObject p = body.getJsonObject("prices", new JsonObject());
    for (String c : p.fieldNames()) {
      prices.put(category(c), money("prices." + c, p.getValue(c)));
    }
    Locale locale = locale(ctx);
    Instant now = clock.instant();
    return Future.all(assets.list(null, null, null), assets.health(now), assets.repairCounts(null)).compose(all -> ctx.vertx().executeBlocking(() -> {
      List<AssetStore.Listed> listed = all.resultAt(0);
      Map<String, DeviceHealth> health = all.resultAt(1);
      Map<String, Integer> repairs = all.resultAt(2);
      List<Candidate> fleet = listed.stream()
          .filter(l -> prices.isEmpty() || prices.containsKey(l.asset().category()))
          .map(l -> new Candidate(l.asset(), health(health.get(l.asset().assetId()), repairs, l.asset().assetId()), null)).toList();
      FiveYearPlan plan = new FiveYearPlanner(policy).plan(fleet, budgets, prices);
      return planJson(plan, locale);
    }, false));
  }

  static JsonObject planJson(FiveYearPlan plan, Locale locale) {
    JsonArray years = new JsonArray();
    for (FiveYearPlan.Year y : plan.years()) {
      Map<String, Integer> counts = new TreeMap<>();
      JsonArray items = new JsonArray();
      for (FiveYearPlan.Item i : y.items()) {
        counts.merge(WireNames.of(i.category()), i.assetIds().size(), Integer::sum);
        items.add(new JsonObject().put("unit", i.unit()).put("campus", i.campus()).put("category", WireNames.of(i.category()))
            .put("assets", i.assetIds().size()).put("cost", i.cost().toPlainString()).put("score", i.score()));
      }
      JsonObject risk = new JsonObject();
      y.atRiskByCategory().forEach((c, n) -> risk.put(WireNames.of(c), n));
      years.add(new JsonObject().put("year", y.year()).put("budget", y.budget().toPlainString()).put("spent", y.spent().toPlainString())
          .put("replaced", new JsonObject(new java.util.LinkedHashMap<>(counts))).put("atRiskAtEnd", y.atRiskAtEnd()).put("atRiskByCategory", risk)
          .put("items", items));
    }
    JsonObject byCampus = new JsonObject();
    plan.byCampus().forEach((c, t) -> byCampus.put(c, new JsonObject().put("assets", t.assets()).put("cost", t.cost().toPlainString())));
    JsonObject byCategory = new JsonObject();
    plan.byCategory().forEach((c, t) -> byCategory.put(WireNames.of(c), new JsonObject().put("assets", t.assets()).put("cost", t.cost().toPlainString())));
    JsonArray notes = new JsonArray();
    plan.notes().forEach((Reason n) -> notes.add(n.text(locale)));
    return new JsonObject().put("years", years).put("byCampus", byCampus).put("byCategory", byCategory).put("notes", notes);
  }

  private static BigDecimal money(String field, Object v) {
    try {
      BigDecimal m = new BigDecimal(String.valueOf(v));
      if (m.signum() < 0 || m.compareTo(new BigDecimal("10000000000")) > 0) {
        throw new ApiError(400, field + ": outside 0..10,000,000,000");
      }
      return m;
    } catch (NumberFormatException e) {
      throw new ApiError(400, field + ": not an amount in yuan");
    }
  }

  private static AssetCategory category(String wire) {
    if (wire == null) {
      return null;
    }
    return WireNames.parse(AssetCategory.class, wire)
        .orElseThrow(() -> new ApiError(400, "category: one of " + WireNames.allowed(AssetCategory.class)));
  }

  private static String id(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    if (v != null && !Ids.isValid(v)) {
      throw new ApiError(400, name + ": not an allowed id");
    }
    return v;
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject b = ctx.body().asJsonObject();
      return b == null ? new JsonObject() : b;
    } catch (RuntimeException e) {
      throw new ApiError(400, "body: not a JSON object");
    }
  }

  static Locale locale(RoutingContext ctx) {
    String lang = ctx.request().getParam("lang");
    return lang != null && lang.startsWith("en") ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
  }

  private static String csvCell(String s) {
    String v = AssetCsv.safe(s == null ? "" : s);
    return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }
}
