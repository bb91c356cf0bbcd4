package org.telops.contracts.module;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import javax.sql.DataSource;
import org.telops.contracts.config.PlatformConfig;

/**
 * What the platform hands a module: the shared Vert.x, the one HTTP router of the process (mount under
 * your own paths), the migrated database, the metrics registry, readiness checks and the configuration.
 */
public record ModuleContext(Vertx vertx, Router router, DataSource dataSource, MeterRegistry meters,
                            HealthChecks readiness, PlatformConfig config) {}
