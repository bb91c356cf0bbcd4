package org.telops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HttpServersIT {

  @Test
  @DisplayName("One port, served from several event loops: new connections are spread over them, and closing frees the port")
  void connectionsSpreadOverEventLoops() throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
    try {
      Router router = Router.router(vertx);
      router.get("/thread").handler(ctx -> ctx.response().end(Thread.currentThread().getName()));
      HttpServers servers = HttpServers.start(vertx, new HttpServerOptions().setHost("127.0.0.1").setPort(0), router, 3)
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      Set<String> threads = new TreeSet<>();
      for (int i = 0; i < 12; i++) {
        // A new client each time: a new connection, which the port hands to the next server.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        threads.add(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servers.actualPort() + "/thread"))
            .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
      }
      assertThat(threads).as("event loops that served the connections").hasSize(3)
          .allSatisfy(t -> assertThat(t).startsWith("vert.x-eventloop-thread-"));
      servers.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      // The port is free again once every instance's listener has closed (each on its own event loop, so allow
      // them up to 5 s); a listener left open would keep it bound for good.
      long until = System.nanoTime() + 5_000_000_000L;
      while (true) {
        try (java.net.ServerSocket s = new java.net.ServerSocket()) {
          s.setReuseAddress(true);
          s.bind(new java.net.InetSocketAddress("127.0.0.1", servers.actualPort()), 1);
          assertThat(s.getLocalPort()).isEqualTo(servers.actualPort());
          break;
        } catch (java.net.BindException e) {
          if (System.nanoTime() > until) {
            throw e;
          }
          Thread.sleep(50);
        }
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
