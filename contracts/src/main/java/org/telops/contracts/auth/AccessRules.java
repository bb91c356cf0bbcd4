package org.telops.contracts.auth;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.regex.Pattern;

/**
 * The role each route needs, declared by the module that mounts the route, consulted by the platform's
 * auth handler (which runs before every route) and walked by the platform's route-walk test against
 * {@code router.getRoutes()} and the OpenAPI document. One registry per {@link Router}.
 *
 * <pre>{@code
 * AccessRules rules = AccessRules.of(ctx.router());
 * rules.route(HttpMethod.POST, "/api/v1/calls", Role.ON_CALL).handler(body).handler(this::placeCall);
 * rules.route(HttpMethod.GET, "/api/v1/regions", Role.ANY).handler(this::regions);   // any authenticated caller
 * rules.open(HttpMethod.POST, "/carriers/twilio/status");                         // signed webhook, no token
 * }</pre>
 *
 * Paths use Vert.x's syntax ({@code :param}); a path ending in {@code /*} covers everything below it.
 * Protected prefixes ({@link #PROTECTED_PREFIXES}) with no rule are refused to everyone but admins (fail closed).
 */
public final class AccessRules {
  /** Paths that always need a token: a route here without a rule answers only to admin. */
  public static final List<String> PROTECTED_PREFIXES = List.of("/api/v1/", "/sim/", "/metrics");

  private static final Map<Router, AccessRules> BY_ROUTER = Collections.synchronizedMap(new WeakHashMap<>());

  /** A route's rule; {@code role == null} with {@code open == false} means any authenticated caller. */
  public record Rule(HttpMethod method, String path, Role role, boolean open) {
    Pattern pattern() {
      String p = path.endsWith("/*") ? Pattern.quote(path.substring(0, path.length() - 1)) + ".*"
          : path.replaceAll(":[A-Za-z0-9_]+", "\u0000");
      if (!path.endsWith("/*")) {
        StringBuilder sb = new StringBuilder();
        for (String part : p.split("\u0000", -1)) {
          if (sb.length() > 0) {
            sb.append("[^/]+");
          }
          sb.append(Pattern.quote(part));
        }
        p = sb.toString();
      }
      return Pattern.compile(p);
    }

    /** Lower is more specific: literal paths, then parameterised ones, then prefixes (longer first). */
    int looseness() {
      return path.endsWith("/*") ? 10_000 - path.length() : (int) path.chars().filter(c -> c == ':').count();
    }

    public String roleName() {
      return open ? "open" : role == null ? "any" : role.wireName();
    }
  }

  private final List<Rule> rules = new ArrayList<>();
  private final List<Pattern> patterns = new ArrayList<>();
  private final WeakReference<Router> router;
  private volatile boolean enforced;

  private AccessRules(Router router) {
    this.router = new WeakReference<>(router);
  }

  /** The registry of this router (created on first use). */
  public static AccessRules of(Router router) {
    return BY_ROUTER.computeIfAbsent(router, AccessRules::new);
  }

  /** Declares the role a route needs and mounts it: {@code router.route(method, path)}. */
  public Route route(Router on, HttpMethod method, String path, Role role) {
    require(method, path, role);
    return on.route(method, path);
  }

  /** Declares and mounts on this registry's router: {@code AccessRules.of(r).route(POST, "/x", Role.ADMIN)}. */
  public Route route(HttpMethod method, String path, Role role) {
    Router r = router.get();
    if (r == null) {
      throw new IllegalStateException("the router of this registry is gone");
    }
    return route(r, method, path, role);
  }

  /** Declares the role a route needs ({@code null} = any authenticated caller); mount the route yourself. */
  public synchronized AccessRules require(HttpMethod method, String path, Role role) {
    return add(new Rule(method, path, role, false));
  }

  /** Declares a route that needs no token (carrier webhooks and media: their signatures protect them). */
  public synchronized AccessRules open(HttpMethod method, String path) {
    return add(new Rule(method, path, null, true));
  }

  private AccessRules add(Rule r) {
    rules.removeIf(x -> java.util.Objects.equals(x.method(), r.method()) && x.path().equals(r.path()));
    rules.add(r);
    patterns.clear();
    rules.forEach(x -> patterns.add(x.pattern()));
    return this;
  }

  /** The most specific rule for a request, if any. {@code method == null} in a rule matches every method. */
  public synchronized Optional<Rule> match(HttpMethod method, String path) {
    Rule best = null;
    for (int i = 0; i < rules.size(); i++) {
      Rule r = rules.get(i);
      if ((r.method() == null || r.method().equals(method)) && patterns.get(i).matcher(path).matches()
          && (best == null || r.looseness() < best.looseness())) {
        best = r;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Every declared rule, in declaration order. */
  public synchronized List<Rule> rules() {
    return List.copyOf(rules);
  }

  /** Whether {@code path} needs a token even without a rule. */
  public static boolean isProtected(String path) {
    return PROTECTED_PREFIXES.stream().anyMatch(p -> path.startsWith(p) || path.equals(p.replaceAll("/$", "")));
  }

  /** Set by the platform once its auth handler is on this router. */
  public void markEnforced() {
    enforced = true;
  }

  public boolean enforced() {
    return enforced;
  }
}
