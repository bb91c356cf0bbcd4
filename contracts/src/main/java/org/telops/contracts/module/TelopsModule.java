package org.telops.contracts.module;

import io.vertx.core.Future;
import java.util.Map;

/**
 * A module the platform can run: discovered with {@link java.util.ServiceLoader}, so a module jar on the
 * class path is all it takes to add one. {@link #role()} is the name used by {@code serve --role}.
 * Modules talk to each other only over the event bus.
 */
public interface TelopsModule {

  /** Role name, e.g. "cdr-collector". */
  String role();

  /** Starts the module: mount routes, register consumers, deploy verticles. */
  Future<Void> start(ModuleContext context);

  /** Stops what start created that Vert.x does not undeploy itself (threads, queues). Drain first. */
  default Future<Void> stop() {
    return Future.succeededFuture();
  }

  /** This module's own effective configuration for the start-up log, secrets masked. */
  default Map<String, String> describeConfig(Map<String, String> environment) {
    return Map.of();
  }
}
