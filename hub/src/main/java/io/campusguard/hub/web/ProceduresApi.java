package io.campusguard.hub.web;

import io.campusguard.hub.alarms.Procedure;
import io.campusguard.hub.store.ProcedureStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The operators' procedures per alarm type: listed, read, and replaced by an operator (who is taken from
 * {@link Actor} only, so authentication changes nothing here). Mounted after the body handler.
 */
public final class ProceduresApi {
  static final String ZH = "zh-CN";
  static final String EN = "en";

  private final ProcedureStore store;
  private final Clock clock;

  public ProceduresApi(ProcedureStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public void mount(Router r, BiConsumer<RoutingContext, Future<?>> reply) {
    r.get("/api/procedures").handler(ctx -> reply.accept(ctx, store.list().map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(p -> out.add(json(p)));
      return new JsonObject().put("procedures", out);
    })));
    r.get("/api/procedures/:type").handler(ctx -> {
      String type = type(ctx);
      reply.accept(ctx, store.get(type).map(p -> json(p.orElseThrow(() -> new ApiError(404, "no procedure for " + type)))));
    });
    r.put("/api/procedures/:type").handler(ctx -> reply.accept(ctx, save(ctx)));
  }

  private Future<JsonObject> save(RoutingContext ctx) {
    String type = type(ctx);
    JsonObject body = body(ctx);
    Object steps = body.getValue("steps");
    if (!(steps instanceof JsonObject byLang)) {
      throw new ApiError(400, "steps: an object with \"" + ZH + "\" and \"" + EN + "\" lists");
    }
    Object version = body.getValue("version");
    if (version != null && !(version instanceof Integer)) {
      throw new ApiError(400, "version: a whole number");
    }
    String actor = Actor.of(ctx).id();
    // Built only to validate: the constructor is where a procedure's rules live.
    Procedure p = new Procedure(type, strings(byLang, ZH), strings(byLang, EN), 0, clock.instant(), actor);
    return store.save(type, p.stepsZh(), p.stepsEn(), (Integer) version, actor, clock.instant())
        .recover(e -> Future.failedFuture(e instanceof ProcedureStore.StaleProcedure ? new ApiError(409, e.getMessage()) : e))
        .map(ProceduresApi::json);
  }

  private static List<String> strings(JsonObject byLang, String lang) {
    Object v = byLang.getValue(lang);
    if (!(v instanceof JsonArray list)) {
      throw new ApiError(400, "steps." + lang + ": a list of texts");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.getValue(i) instanceof String s)) {
        throw new ApiError(400, "steps." + lang + "[" + i + "]: not a text");
      }
      out.add(s);
    }
    return out;
  }

  static JsonObject json(Procedure p) {
    return new JsonObject().put("type", p.alarmType())
        .put("steps", new JsonObject().put(ZH, new JsonArray(p.stepsZh())).put(EN, new JsonArray(p.stepsEn())))
        .put("version", p.version()).put("updatedAt", p.updatedAt().toString()).put("updatedBy", p.updatedBy());
  }

  private static String type(RoutingContext ctx) {
    try {
      return Procedure.requireType(ctx.pathParam("type"));
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, e.getMessage());
    }
  }

  private static JsonObject body(RoutingContext ctx) {
    Buffer b = ctx.body().buffer();
    try {
      if (b == null || b.length() == 0) {
        throw new ApiError(400, "body: missing");
      }
      return b.toJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw new ApiError(400, "body: not a JSON object");
    }
  }
}
