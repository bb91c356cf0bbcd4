package org.telops.carriersim.standalone;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Clock;
import org.telops.carriersim.CarrierSim;
import org.telops.carriersim.config.SimConfig;

/**
 * The sim on an HTTP server of its own: both carriers at their real paths ({@code /2010-04-01/…},
 * {@code /v2/…}) and under {@code /twilio}, {@code /telnyx}; faults at {@code /faults}; invoices at
 * {@code /{carrier}/invoices/…}. Used by {@link CarrierSimMain} and by tests of other modules.
 */
public final class SimServer {
  private final CarrierSim sim;
  private final HttpServer server;

  private SimServer(CarrierSim sim, HttpServer server) {
    this.sim = sim;
    this.server = server;
  }

  public static Future<SimServer> start(Vertx vertx, SimConfig config, Clock clock, MeterRegistry meters) {
    CarrierSim sim = new CarrierSim(vertx, config, clock, meters == null ? new SimpleMeterRegistry() : meters);
    Router router = Router.router(vertx);
    sim.mount(router, "", true);
    router.get("/health").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
        .end("{\"status\":\"UP\",\"callsActive\":" + sim.calls().active() + "}"));
    return vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()))
        .requestHandler(router).listen()
        .map(server -> {
          sim.selfUrl("http://" + config.host() + ":" + server.actualPort());
          return new SimServer(sim, server);
        });
  }

  public int port() {
    return server.actualPort();
  }

  /** http://host:port, the base URL of both carrier APIs. */
  public String baseUrl() {
    return "http://" + sim.config().host() + ":" + port();
  }

  public CarrierSim sim() {
    return sim;
  }

  public Future<Void> close() {
    sim.close();
    return server.close();
  }
}
