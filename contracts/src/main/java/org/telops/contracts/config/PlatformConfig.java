package org.telops.contracts.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Everything shared by the modules of one process, read once from the environment at start. */
public record PlatformConfig(DatabaseConfig database, HttpConfig http, CarrierCredentials carriers,
                             Map<String, String> environment) {

  public PlatformConfig {
    environment = Map.copyOf(environment);
  }

  public static PlatformConfig fromEnv(Map<String, String> environment) {
    return new PlatformConfig(DatabaseConfig.fromEnv(environment), HttpConfig.fromEnv(environment),
        CarrierCredentials.fromEnv(environment), environment);
  }

  public PlatformConfig withHttp(HttpConfig newHttp) {
    return new PlatformConfig(database, newHttp, carriers, environment);
  }

  /** Effective configuration for the start-up log, secrets masked. */
  public Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.putAll(database.describe());
    m.putAll(http.describe());
    m.putAll(carriers.describe());
    return m;
  }
}
