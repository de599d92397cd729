package io.campusguard.hub.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks API requests against the document served at {@code /openapi.yaml} (Vert.x OpenAPI's
 * {@link RequestValidator}): path and query parameters, headers and JSON bodies. A request that does not match is
 * answered 400 {@code {"error": "<field>: <why>"}} before any handler, store or query sees it. A request for a
 * route the document does not describe passes (the route guard answers those).
 *
 * <p>Mounted before the routes that read their own bodies (the asset import and the IT staff's routes):
 * {@link #withoutBody} checks every request that carries no body; {@link #withBody} runs after a body handler, the
 * generic one or a route's own, and checks the rest, body included. The asset import's CSV is left to its parser
 * (422 naming the row and field); only its query is checked here.
 */
public final class OpenApiValidation {
  private static final String CHECKED = "campusguard.openapi.checked";

  private final Future<Checker> checker;

  private record Checker(OpenAPIContract contract, RequestValidator validator) {}

  private OpenApiValidation(Future<Checker> checker) {
    this.checker = checker;
  }

  /** Reads the document; a document the validator cannot read fails the hub's start (through the first request's 500 in tests). */
  public static OpenApiValidation of(Vertx vertx, Buffer yaml) {
    Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml.toString());
    return new OpenApiValidation(OpenAPIContract.from(vertx, forValidator(new JsonObject(doc)))
        .map(contract -> new Checker(contract, RequestValidator.create(vertx, contract))));
  }

  /**
   * The validator's copy of the document: every operation named (the validator finds operations by id; the
   * document leaves ids out), responses left out (answers are not checked), and request bodies in media types it
   * cannot read (the asset import's text/csv, which its own parser checks row by row) left to their handlers.
   */
  static JsonObject forValidator(JsonObject doc) {
    JsonObject copy = doc.copy();
    JsonObject paths = copy.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : List.of("get", "put", "post", "delete", "patch", "head", "options")) {
        JsonObject operation = item.getJsonObject(method);
        if (operation == null) {
          continue;
        }
        if (operation.getString("operationId") == null) {
          operation.put("operationId", method + " " + path);
        }
        // Only requests are checked here; the answers' media types (CSV, event streams) are the served document's business.
        operation.put("responses", new JsonObject().put("default", new JsonObject().put("description", "see /openapi.yaml")));
        JsonObject content = operation.getJsonObject("requestBody", new JsonObject()).getJsonObject("content");
        if (content != null && !content.containsKey("application/json")) {
          operation.remove("requestBody");
        }
      }
    }
    return copy;
  }

  /** Completes when the document is read; fails when the validator refuses it. */
  public Future<Void> ready() {
    return checker.mapEmpty();
  }

  /** Checks a request that carries no body; one with a body is left to {@link #withBody}. */
  public void withoutBody(RoutingContext ctx) {
    if (hasBody(ctx)) {
      ctx.next();
      return;
    }
    check(ctx, Buffer.buffer());
  }

  /** Checks a request not checked yet, with the body the body handler read. */
  public void withBody(RoutingContext ctx) {
    check(ctx, ctx.body() == null || ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer());
  }

  private void check(RoutingContext ctx, Buffer body) {
    if (ctx.get(CHECKED) != null) {
      ctx.next();
      return;
    }
    ctx.put(CHECKED, true);
    // Paused, as during the session check, so no body arrives before a body handler is there to read it.
    boolean pause = !ctx.request().isEnded();
    if (pause) {
      ctx.request().pause();
    }
    checker.compose(ready -> {
      Operation operation = ready.contract().findOperation(ctx.request().path(), ctx.request().method());
      if (operation == null) {
        return Future.<Void>succeededFuture();
      }
      return RequestUtils.extract(ctx.request(), operation, () -> Future.succeededFuture(body))
          .compose(request -> ready.validator().validate(request, operation.getOperationId()))
          .<Void>mapEmpty();
    }).onComplete(done -> {
      if (pause) {
        ctx.request().resume();
      }
      if (done.succeeded()) {
        ctx.next();
      } else if (done.cause() instanceof ValidatorException refused) {
        ctx.fail(new ApiError(400, reason(refused, body)));
      } else {
        ctx.fail(done.cause());
      }
    });
  }

  private static final Pattern PARAMETER = Pattern.compile("parameter (\\S+?)[ .:]");
  private static final Pattern REQUIRED = Pattern.compile("required property \"([^\"]+)\"");

  /**
   * "field: why", the field named as the hub's own checks name it ({@code limit}, {@code steps.en[0]}, {@code body}),
   * then the validator's words.
   */
  static String reason(ValidatorException e) {
    return reason(e, Buffer.buffer());
  }

  /** As {@link #reason(ValidatorException)}, telling a body's array indexes ({@code en[0]}) from numeric keys ({@code budgets.2025}). */
  static String reason(ValidatorException e, Buffer body) {
    String message = String.valueOf(e.getMessage());
    if (e instanceof SchemaValidationException s && s.getOutputUnit() != null && !message.contains("parameter")) {
      OutputUnit unit = deepest(s.getOutputUnit());
      String field = fieldOf(unit.getInstanceLocation(), parsed(body));
      String why = unit.getError() == null ? message : unit.getError();
      Matcher required = REQUIRED.matcher(why);
      if (required.find()) {
        field = field.isEmpty() ? required.group(1) : field + "." + required.group(1);
      }
      return (field.isEmpty() ? "body" : field) + ": " + why;
    }
    Matcher parameter = PARAMETER.matcher(message + " ");
    if (parameter.find()) {
      return parameter.group(1) + ": " + message;
    }
    return message.toLowerCase(java.util.Locale.ROOT).contains("body") ? "body: " + message : message;
  }

  /** A JSON pointer ({@code /steps/en/0}, maybe after {@code #}) as a field path ({@code steps.en[0]}). */
  static String fieldOf(String pointer) {
    return fieldOf(pointer, null);
  }

  /**
   * As {@link #fieldOf(String)}; a number is an array index ({@code en[0]}) where {@code body} has an array there, and
   * a key ({@code budgets.2025}) where it has an object. Without the body (null), every number is taken as an index.
   */
  static String fieldOf(String pointer, Object body) {
    if (pointer == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    Object at = body;
    for (String part : pointer.replaceFirst("^#", "").split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      String name = part.replace("~1", "/").replace("~0", "~");
      boolean index = at instanceof JsonArray || (at == null && !name.isEmpty() && name.chars().allMatch(Character::isDigit));
      if (index) {
        out.append('[').append(name).append(']');
      } else {
        out.append(out.length() == 0 ? "" : ".").append(name);
      }
      at = step(at, name);
    }
    return out.toString();
  }

  private static Object step(Object at, String name) {
    if (at instanceof JsonObject o) {
      return o.getValue(name);
    }
    if (at instanceof JsonArray a && name.chars().allMatch(Character::isDigit) && name.length() < 10 && Integer.parseInt(name) < a.size()) {
      return a.getValue(Integer.parseInt(name));
    }
    return null;
  }

  /** The body as JSON, or null when it is none or not JSON (the field path then guesses indexes from digits). */
  private static Object parsed(Buffer body) {
    if (body == null || body.length() == 0) {
      return null;
    }
    try {
      return Json.decodeValue(body);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Of all the errors the validator reports, the one deepest in the request body: the most precise field. */
  private static OutputUnit deepest(OutputUnit unit) {
    OutputUnit best = unit;
    java.util.ArrayDeque<OutputUnit> todo = new java.util.ArrayDeque<>(List.of(unit));
    while (!todo.isEmpty()) {
      OutputUnit at = todo.pop();
      // At equal depth the later one wins: the queue visits causes after what they caused ("2025" does not match its
      // schema, then why: not a number).
      if (at.getError() != null && depth(at) >= depth(best)) {
        best = at;
      }
      if (at.getErrors() != null) {
        todo.addAll(at.getErrors());
      }
    }
    return best;
  }

  /** How deep in the body the error's field is; a missing required property is one below where it is missing. */
  private static int depth(OutputUnit unit) {
    String where = unit.getInstanceLocation();
    if (where == null) {
      return -1;
    }
    int below = unit.getError() != null && REQUIRED.matcher(unit.getError()).find() ? 1 : 0;
    return (int) where.chars().filter(c -> c == '/').count() + below;
  }

  private static boolean hasBody(RoutingContext ctx) {
    String length = ctx.request().getHeader("Content-Length");
    return ctx.request().getHeader("Transfer-Encoding") != null || (length != null && !"0".equals(length.trim()));
  }
}
