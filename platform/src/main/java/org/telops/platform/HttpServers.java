package org.telops.platform;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The process's one HTTP port, served by one server per event loop. A Vert.x server handles all its
 * connections on the event loop it was created on, so a single server would put every carrier media
 * stream of the process on one core. The servers are instances of one verticle deployment listening on
 * one address, which Vert.x shares between them, spreading new connections over them. Vert.x shares only
 * a fixed port, so port 0 (tests) is first resolved to a free one. All of them route through the one
 * {@link Router} the modules mount on.
 */
final class HttpServers {
  private final Vertx vertx;
  private final String deploymentId;
  private final int port;

  private HttpServers(Vertx vertx, String deploymentId, int port) {
    this.vertx = vertx;
    this.deploymentId = deploymentId;
    this.port = port;
  }

  static Future<HttpServers> start(Vertx vertx, HttpServerOptions requested, Router router, int instances) {
    HttpServerOptions options = new HttpServerOptions(requested);
    if (instances > 1 && options.getPort() == 0) {
      try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(options.getHost()))) {
        options.setPort(probe.getLocalPort());
      } catch (java.io.IOException e) {
        return Future.failedFuture(e);
      }
    }
    List<HttpServer> servers = new CopyOnWriteArrayList<>();
    return vertx.deployVerticle(() -> new VerticleBase() {
          @Override
          public Future<?> start() {
            return vertx.createHttpServer(options).requestHandler(router).listen().onSuccess(servers::add);
          }
        }, new DeploymentOptions().setInstances(instances))
        .compose(id -> {
          int port = servers.get(0).actualPort();
          if (servers.stream().anyMatch(s -> s.actualPort() != port)) {
            // Never expected; if Vert.x stopped sharing, serve from one event loop rather than several ports.
            org.slf4j.LoggerFactory.getLogger(HttpServers.class).warn("HTTP servers did not share one port; "
                + "serving from one event loop (set TELOPS_HTTP_EVENT_LOOPS=1 to silence this)");
            return vertx.undeploy(id).compose(x -> start(vertx, requested, router, 1));
          }
          return Future.succeededFuture(new HttpServers(vertx, id, port));
        });
  }

  int actualPort() {
    return port;
  }

  /** Stops accepting and closes every connection (undeploying the instances closes their servers). */
  Future<Void> close() {
    return vertx.undeploy(deploymentId);
  }
}
