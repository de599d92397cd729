package io.campusguard.hub.web;

import io.campusguard.devices.Ids;
import io.campusguard.devices.WireNames;
import io.campusguard.devices.asset.Asset;
import io.campusguard.devices.asset.AssetCategory;
import io.campusguard.hub.assets.AssetCsv;
import io.campusguard.hub.assets.AssetImport;
import io.campusguard.hub.replacement.Candidate;
import io.campusguard.hub.replacement.DeviceHealth;
import io.campusguard.hub.replacement.FiveYearPlan;
import io.campusguard.hub.replacement.FiveYearPlanner;
import io.campusguard.hub.replacement.QueueEntry;
import io.campusguard.hub.replacement.Reason;
import io.campusguard.hub.replacement.ReplacementPolicy;
import io.campusguard.hub.replacement.ReplacementState;
import io.campusguard.hub.store.AssetStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
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

  private final AssetStore assets;
  private final ReplacementPolicy policy;
  private final Clock clock;

  public AssetsApi(AssetStore assets, ReplacementPolicy policy, Clock clock) {
    this.assets = assets;
    this.policy = policy;
    this.clock = clock;
  }

  /** Registers the routes; call before the generic {@code /api/*} body handler. */
  public void mount(Router r, java.util.function.BiConsumer<RoutingContext, Future<?>> reply) {
    r.post("/api/assets/import").handler(BodyHandler.create().setBodyLimit(MAX_IMPORT_BYTES));
    r.post("/api/assets/import").handler(this::importCsv);
    r.get("/api/assets/export").handler(this::exportCsv);
    r.get("/api/replacement/queue").handler(ctx -> {
      if ("csv".equals(ctx.request().getParam("format"))) {
        queueCsv(ctx);
      } else {
        reply.accept(ctx, queue(ctx).map(rows -> new JsonObject().put("queue", rows)));
      }
    });
    r.post("/api/replacement/plan").handler(BodyHandler.create().setBodyLimit(64 * 1024));
    r.post("/api/replacement/plan").handler(ctx -> reply.accept(ctx, plan(ctx)));
    r.post("/api/replacement/:assetId/state").handler(BodyHandler.create().setBodyLimit(16 * 1024));
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
    Locale locale = locale(ctx);
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
    // Ranking the whole register is CPU work (tens of thousands of scores and sentences): a worker does it.
    return Future.all(assets.list(campus, category, town), assets.health(now), assets.entries()).compose(all -> ctx.vertx().executeBlocking(() -> {
      List<AssetStore.Listed> listed = all.resultAt(0);
      Map<String, DeviceHealth> health = all.resultAt(1);
      Map<String, QueueEntry> entries = all.resultAt(2);
      Map<String, AssetStore.Listed> byId = new TreeMap<>();
      List<Candidate> candidates = new ArrayList<>();
      for (AssetStore.Listed l : listed) {
        byId.put(l.asset().assetId(), l);
        candidates.add(new Candidate(l.asset(), health.get(l.asset().assetId()), null));
      }
      JsonArray rows = new JsonArray();
      int rank = 0;
      for (ReplacementPolicy.Scored s : policy.rank(candidates, today)) {
        Asset a = s.candidate().asset();
        AssetStore.Listed l = byId.get(a.assetId());
        QueueEntry entry = entries.get(a.assetId());
        JsonArray reasons = new JsonArray();
        s.factors().stream().filter(r -> r.points() > 0 || r.code().equals("health.no_telemetry")).forEach(r -> reasons.add(r.text(locale)));
        JsonArray flags = new JsonArray();
        if (l.lastSeen() == null || l.lastSeen().isBefore(now.minus(NEVER_SEEN_DAYS, ChronoUnit.DAYS))) {
          flags.add("not_seen_30_days");
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
            .put("reasons", reasons)
            .put("flags", flags));
      }
      return rows;
    }, false));
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
    return Future.all(assets.list(null, null, null), assets.health(now)).compose(all -> ctx.vertx().executeBlocking(() -> {
      List<AssetStore.Listed> listed = all.resultAt(0);
      Map<String, DeviceHealth> health = all.resultAt(1);
      List<Candidate> fleet = listed.stream()
          .filter(l -> prices.isEmpty() || prices.containsKey(l.asset().category()))
          .map(l -> new Candidate(l.asset(), health.get(l.asset().assetId()), null)).toList();
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
