package org.telops.platform.access;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.telops.contracts.auth.AccessRules;
import org.telops.contracts.auth.Role;

/**
 * The OpenAPI 3 description of {@code /api/v1} (resource {@code openapi.json}, kept by hand next to the
 * routes; the route-walk test fails when it and the router disagree). Served at {@code /api/v1/openapi.json}.
 */
public final class OpenApi {
  private OpenApi() {}

  public static JsonObject document() {
    try (InputStream in = OpenApi.class.getResourceAsStream("/openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the platform jar");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void mount(Router router) {
    String body = document().encodePrettily();
    AccessRules.of(router).route(router, HttpMethod.GET, "/api/v1/openapi.json", Role.ANY)
        .handler(ctx -> ctx.response().putHeader("Content-Type", "application/json").end(body));
  }
}
