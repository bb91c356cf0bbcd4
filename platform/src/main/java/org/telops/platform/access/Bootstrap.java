package org.telops.platform.access;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.contracts.auth.Role;
import org.telops.contracts.auth.UserDirectory;
import org.telops.contracts.config.ConfigException;

/**
 * First credentials, with no default password. {@code TELOPS_ADMIN_TOKEN} (≥ 32 characters) is an admin
 * token for automation, checked from the environment and never stored; {@code TELOPS_ADMIN_PASSWORD} sets
 * the password of user {@code admin} while no admin user exists. With neither and no admin yet: on the
 * embedded database a random admin password and token are made and printed once; on an external database
 * start-up is refused.
 */
public final class Bootstrap {
  private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);
  public static final int MIN_ADMIN_TOKEN_LENGTH = 32;

  private Bootstrap() {}

  /** The admin token from the environment, checked; null when not set. */
  public static String adminToken(Map<String, String> env) {
    String t = env.get("TELOPS_ADMIN_TOKEN");
    if (t == null || t.isBlank()) {
      return null;
    }
    if (t.trim().length() < MIN_ADMIN_TOKEN_LENGTH) {
      throw new ConfigException("TELOPS_ADMIN_TOKEN is " + t.trim().length() + " characters: use at least "
          + MIN_ADMIN_TOKEN_LENGTH + " random ones, e.g. from 'openssl rand -base64 36'");
    }
    return t.trim();
  }

  /** Runs at start-up after migration; {@code out} receives generated credentials (printed once). */
  public static void run(Map<String, String> env, boolean embeddedDatabase, UserDirectory users, TokenStore tokens, PrintStream out) {
    String token = adminToken(env);
    String password = env.get("TELOPS_ADMIN_PASSWORD");
    boolean hasAdmin = users.anyAdmin() || tokens.list().stream().anyMatch(t -> t.role() == Role.ADMIN);
    if (password != null && !password.isEmpty() && !users.anyAdmin()) {
      if (users.find("admin").isPresent()) {
        users.changePassword("admin", password);
        users.setRole("admin", Role.ADMIN);
        users.setDisabled("admin", false);
      } else {
        users.add("admin", Role.ADMIN, password);
      }
      log.info("user 'admin' set from TELOPS_ADMIN_PASSWORD");
      return;
    }
    if (token != null || password != null && !password.isEmpty() || hasAdmin) {
      return;
    }
    if (!embeddedDatabase) {
      throw new ConfigException("no admin exists on this database and neither TELOPS_ADMIN_TOKEN (≥ 32 characters) nor "
          + "TELOPS_ADMIN_PASSWORD is set: set one of them for the first start (e.g. TELOPS_ADMIN_TOKEN=$(openssl rand -base64 36))");
    }
    byte[] b = new byte[18];
    new SecureRandom().nextBytes(b);
    String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    users.add("admin", Role.ADMIN, generated);
    TokenStore.Created t = tokens.create("bootstrap-admin", Role.ADMIN, null, "system:bootstrap");
    out.println("""

        ================================================================================
         telops first start: an admin was created. Shown ONCE, stored only as hashes:
           user admin, password  %s
           admin API token       %s   (name: bootstrap-admin)
         Use:    curl -H "Authorization: Bearer %s" http://HOST:PORT/api/v1/carriers
         Change: PATCH /api/v1/users/admin {"password":"…"}; make your own tokens with
                 'telops tokens create --name NAME --role admin', then 'telops tokens revoke bootstrap-admin'.
        ================================================================================
        """.formatted(generated, t.secret(), t.secret()));
    log.warn("first start on the embedded database: random admin password and token generated and printed once on stdout");
  }
}
