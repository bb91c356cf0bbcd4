package org.telops.admin.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** Reading the JSON the access-control operations answer with. */
final class AdminJson {
  private AdminJson() {}

  static List<JsonObject> objects(JsonArray a) {
    return a == null ? List.of() : a.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
  }

  static Instant instant(JsonObject o, String key) {
    String s = o.getString(key);
    try {
      return s == null ? null : Instant.parse(s);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
