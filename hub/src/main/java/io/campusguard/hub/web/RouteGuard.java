package io.campusguard.hub.web;

import io.campusguard.devices.Ids;
import io.campusguard.hub.auth.AccessPolicy;
import io.campusguard.hub.auth.AccessPolicy.Target;
import io.campusguard.hub.auth.Capability;
import io.campusguard.hub.auth.ResourceCampus;
import io.campusguard.hub.auth.Role;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;

/**
 * The role check of every API route: each route is listed here once with its {@link Capability} and how to find
 * the campus it is about, and {@link AccessPolicy} decides. Mounted after the session check and before the
 * routes themselves; an {@code /api} path with no rule here is 404, so a route added without a rule is refused,
 * never open.
 */
public final class RouteGuard {
  private static final String GUARDED = "campusguard.guarded";

  /** How a route names the campus it is about. */
  enum About { NOTHING, CAMPUS_PATH, CAMPUS_QUERY, ALARM_PATH, DEVICE_PATH }

  /** One route's rule. */
  public record Rule(HttpMethod method, String path, Capability capability, About about) {}

  static final List<Rule> RULES = List.of(
      new Rule(HttpMethod.GET, "/api/alarms", Capability.ALARM_READ, About.CAMPUS_QUERY),
      new Rule(HttpMethod.GET, "/api/alarms/:id", Capability.ALARM_READ, About.ALARM_PATH),
      new Rule(HttpMethod.POST, "/api/alarms/:id/ack", Capability.ALARM_ACK, About.ALARM_PATH),
      new Rule(HttpMethod.POST, "/api/alarms/:id/assign", Capability.ALARM_MANAGE, About.ALARM_PATH),
      new Rule(HttpMethod.POST, "/api/alarms/:id/resolve", Capability.ALARM_MANAGE, About.ALARM_PATH),
      new Rule(HttpMethod.GET, "/api/events", Capability.ALARM_READ, About.NOTHING),
      new Rule(HttpMethod.GET, "/api/campuses", Capability.CAMPUS_READ, About.NOTHING),
      new Rule(HttpMethod.GET, "/api/campuses/:id", Capability.CAMPUS_READ, About.CAMPUS_PATH),
      new Rule(HttpMethod.PUT, "/api/campuses/:id", Capability.CAMPUS_REGISTER, About.CAMPUS_PATH),
      new Rule(HttpMethod.GET, "/api/campuses/:id/timeline", Capability.CAMPUS_READ, About.CAMPUS_PATH),
      new Rule(HttpMethod.GET, "/api/campuses/:id/test-mode", Capability.CAMPUS_READ, About.CAMPUS_PATH),
      new Rule(HttpMethod.POST, "/api/campuses/:id/test-mode", Capability.TEST_MODE, About.CAMPUS_PATH),
      new Rule(HttpMethod.POST, "/api/campuses/:id/test-mode/end", Capability.TEST_MODE, About.CAMPUS_PATH),
      new Rule(HttpMethod.GET, "/api/devices", Capability.CAMPUS_READ, About.CAMPUS_QUERY),
      new Rule(HttpMethod.GET, "/api/devices/:id/series", Capability.CAMPUS_READ, About.DEVICE_PATH),
      new Rule(HttpMethod.GET, "/api/board", Capability.CAMPUS_READ, About.CAMPUS_QUERY),
      new Rule(HttpMethod.GET, "/api/cameras", Capability.CAMPUS_READ, About.CAMPUS_QUERY),
      new Rule(HttpMethod.GET, "/api/canteens/:id", Capability.CAMPUS_READ, About.CAMPUS_PATH),
      new Rule(HttpMethod.GET, "/api/procedures", Capability.PROCEDURE_READ, About.NOTHING),
      new Rule(HttpMethod.GET, "/api/procedures/:type", Capability.PROCEDURE_READ, About.NOTHING),
      new Rule(HttpMethod.PUT, "/api/procedures/:type", Capability.PROCEDURE_EDIT, About.NOTHING),
      new Rule(HttpMethod.GET, "/api/roster", Capability.ROSTER_READ, About.NOTHING),
      new Rule(HttpMethod.GET, "/api/roster/versions", Capability.ROSTER_READ, About.NOTHING),
      new Rule(HttpMethod.GET, "/api/roster/versions/:version", Capability.ROSTER_READ, About.NOTHING),
      new Rule(HttpMethod.PUT, "/api/roster", Capability.ROSTER_EDIT, About.NOTHING),
      new Rule(HttpMethod.GET, "/api/alarms/:id/notifications", Capability.ALARM_READ, About.ALARM_PATH),
      new Rule(HttpMethod.GET, "/api/alarms/:id/cameras", Capability.ALARM_READ, About.ALARM_PATH),
      new Rule(HttpMethod.PUT, "/api/devices/:id/place", Capability.CAMPUS_REGISTER, About.DEVICE_PATH),
      new Rule(HttpMethod.GET, "/api/dead-letters", Capability.DEAD_LETTERS, About.NOTHING),
      new Rule(HttpMethod.GET, "/api/security-events", Capability.DEAD_LETTERS, About.NOTHING),
      new Rule(HttpMethod.POST, "/api/assets/import", Capability.ASSET_WRITE, About.NOTHING),
      new Rule(HttpMethod.GET, "/api/assets/export", Capability.ASSET_READ, About.NOTHING),
      new Rule(HttpMethod.GET, "/api/assets/:assetId", Capability.ASSET_READ, About.NOTHING),
      new Rule(HttpMethod.GET, "/api/assets/:assetId/repairs", Capability.ASSET_READ, About.NOTHING),
      new Rule(HttpMethod.POST, "/api/assets/:assetId/repairs", Capability.ASSET_WRITE, About.NOTHING),
      new Rule(HttpMethod.GET, "/api/assets/:assetId/trend", Capability.ASSET_READ, About.NOTHING),
      new Rule(HttpMethod.GET, "/api/replacement/queue", Capability.ASSET_READ, About.NOTHING),
      new Rule(HttpMethod.POST, "/api/replacement/plan", Capability.ASSET_WRITE, About.NOTHING),
      new Rule(HttpMethod.POST, "/api/replacement/:assetId/state", Capability.ASSET_WRITE, About.NOTHING),
      new Rule(HttpMethod.GET, "/api/session", Capability.SESSION, About.NOTHING),
      new Rule(HttpMethod.POST, "/api/logout", Capability.SESSION, About.NOTHING),
      new Rule(HttpMethod.GET, "/api/users", Capability.USERS, About.NOTHING),
      new Rule(HttpMethod.POST, "/api/users", Capability.USERS, About.NOTHING),
      new Rule(HttpMethod.POST, "/api/session/password", Capability.SESSION, About.NOTHING),
      new Rule(HttpMethod.POST, "/api/users/:id/password", Capability.USERS, About.NOTHING),
      new Rule(HttpMethod.POST, "/api/users/:id/disable", Capability.USERS, About.NOTHING),
      new Rule(HttpMethod.POST, "/api/users/:id/enable", Capability.USERS, About.NOTHING),
      new Rule(HttpMethod.DELETE, "/api/users/:id/sessions", Capability.USERS, About.NOTHING),
      new Rule(HttpMethod.DELETE, "/api/users/:id", Capability.USERS, About.NOTHING));

  private final ResourceCampus resources;

  public RouteGuard(ResourceCampus resources) {
    this.resources = resources;
  }

  public void mount(Router r) {
    for (Rule rule : RULES) {
      r.route(rule.method(), rule.path()).handler(ctx -> check(ctx, rule));
    }
    r.route("/api/*").handler(ctx -> {
      if (ctx.get(GUARDED) == null) {
        ctx.fail(new ApiError(404, "no such resource: " + ctx.request().path()));
      } else {
        ctx.next();
      }
    });
  }

  private void check(RoutingContext ctx, Rule rule) {
    if (ctx.get(GUARDED) != null) {
      // Two rules can match one path (/api/assets/export and /api/assets/:assetId); the first decides.
      ctx.next();
      return;
    }
    Actor actor = Actor.of(ctx);
    Role role = Role.fromWire(actor.role()).orElseThrow();
    boolean lookUp = AccessPolicy.needsCampus(role, rule.capability());
    if (lookUp) {
      // Paused, as during the session check, so no body arrives before a body handler is there to read it.
      ctx.request().pause();
    }
    Future<Target> target = lookUp ? target(ctx, rule.about(), actor.campus()) : Future.succeededFuture(Target.COUNTY);
    target.onComplete(done -> {
      if (lookUp) {
        ctx.request().resume();
      }
      if (done.failed()) {
        ctx.fail(done.cause());
        return;
      }
      switch (AccessPolicy.decide(role, rule.capability(), done.result())) {
        case ALLOW -> pass(ctx);
        case OWN_CAMPUS_ONLY -> {
          // Lists read their campus filter from this parameter; the stream and the campus list read Actor.campus().
          ctx.request().params().set("campus", actor.campus());
          pass(ctx);
        }
        case FORBIDDEN -> ctx.fail(new ApiError(403, "your role (" + role.wireName() + ") may not do this"));
        case HIDDEN -> ctx.fail(new ApiError(404, "not found"));
      }
    });
  }

  private static void pass(RoutingContext ctx) {
    ctx.put(GUARDED, true);
    ctx.next();
  }

  private Future<Target> target(RoutingContext ctx, About about, String own) {
    return switch (about) {
      case NOTHING -> Future.succeededFuture(Target.COUNTY);
      case CAMPUS_PATH -> Future.succeededFuture(compare(Optional.ofNullable(ctx.pathParam("id")), own));
      case CAMPUS_QUERY -> {
        String campus = ctx.request().getParam("campus");
        yield Future.succeededFuture(campus == null ? Target.COUNTY : compare(Optional.of(campus), own));
      }
      case ALARM_PATH -> {
        long id;
        try {
          id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
          yield Future.succeededFuture(Target.OTHER_CAMPUS);
        }
        yield resources.ofAlarm(id).map(c -> compare(c, own));
      }
      case DEVICE_PATH -> {
        String id = ctx.pathParam("id");
        yield Ids.isValid(id) ? resources.ofDevice(id).map(c -> compare(c, own)) : Future.succeededFuture(Target.OTHER_CAMPUS);
      }
    };
  }

  private static Target compare(Optional<String> campus, String own) {
    return campus.isPresent() && campus.get().equals(own) ? Target.OWN_CAMPUS : Target.OTHER_CAMPUS;
  }
}
