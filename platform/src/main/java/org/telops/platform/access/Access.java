package org.telops.platform.access;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.io.PrintStream;
import java.util.Map;
import javax.sql.DataSource;
import org.telops.contracts.auth.AccessRules;
import org.telops.contracts.auth.AuditLog;
import org.telops.contracts.auth.JdbcAuditLog;
import org.telops.contracts.auth.Role;
import org.telops.contracts.auth.UserDirectory;
import org.telops.platform.privacy.Privacy;

/**
 * Access control of the process: bootstrap credentials, the auth handler in front of every route, the
 * platform's own rules, the users/tokens/audit/privacy operations on the bus and their REST routes.
 */
public final class Access {
  /** Set in the modules' configuration: a per-process random token internal HTTP callers send (drills → /sim/faults). */
  public static final String INTERNAL_TOKEN_ENV = "TELOPS_INTERNAL_TOKEN";

  private Vertx vertx;
  private final DataSource dataSource;
  private final UserDirectory users;
  private final TokenStore tokens;
  private final AuditLog audit;
  private final String internalToken = TokenStore.newSecret();

  private Access(Vertx vertx, DataSource dataSource) {
    this.vertx = vertx;
    this.dataSource = dataSource;
    this.users = new UserDirectory(dataSource);
    this.tokens = new TokenStore(dataSource);
    this.audit = new JdbcAuditLog(dataSource);
  }

  /** Bootstraps credentials (may refuse to start) — call after migration, before listening. */
  public static Access bootstrap(Vertx vertx, DataSource dataSource, Map<String, String> env, boolean embedded, PrintStream out) {
    Access a = new Access(vertx, dataSource);
    Bootstrap.run(env, embedded, a.users, a.tokens, out);
    return a;
  }

  /** The same access with the process's Vert.x (bootstrap runs before Vert.x exists). */
  public Access on(Vertx vx) {
    this.vertx = vx;
    return this;
  }

  /** The modules' configuration plus {@link #INTERNAL_TOKEN_ENV}, for internal HTTP callers. */
  public org.telops.contracts.config.PlatformConfig internalCallers(org.telops.contracts.config.PlatformConfig config) {
    Map<String, String> env = new java.util.HashMap<>(config.environment());
    env.put(INTERNAL_TOKEN_ENV, internalToken);
    return org.telops.contracts.config.PlatformConfig.fromEnv(env).withHttp(config.http());
  }

  /** Puts the auth handler first on the router and declares the platform's own routes. */
  public void protect(Router router, Map<String, String> env) {
    AccessRules rules = AccessRules.of(router);
    router.route().order(Integer.MIN_VALUE).handler(new AuthHandler(vertx, rules, tokens, Bootstrap.adminToken(env), internalToken));
    rules.markEnforced();
    rules.open(HttpMethod.GET, "/health/live").open(HttpMethod.GET, "/health/ready");
    // /metrics needs a token of any role (Prometheus: authorization.credentials in the scrape config).
    rules.require(HttpMethod.GET, "/metrics", Role.ANY);
  }

  /** Registers the bus operations and mounts the REST routes; after the modules started. */
  public void mount(Router router, Map<String, String> env, String host, int port, boolean tls) {
    new AccessOperations(vertx, users, tokens, audit).register();
    new ModuleOperations(vertx, host, port, tls, internalToken).register(vertx, router);
    new AccessApi(vertx).mount(router);
    new Privacy(vertx, dataSource, audit, env).start(router);
    OpenApi.mount(router);
  }

  public String internalToken() {
    return internalToken;
  }

  public UserDirectory users() {
    return users;
  }

  public TokenStore tokens() {
    return tokens;
  }

  public AuditLog audit() {
    return audit;
  }
}
