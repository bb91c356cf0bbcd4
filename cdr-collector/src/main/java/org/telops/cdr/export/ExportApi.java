package org.telops.cdr.export;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.cdr.store.CallsSql;

/**
 * {@code GET /api/v1/cdrs} streams with constant memory: a server-side cursor (fetch size 1,000) on its
 * own thread, written in ~64 KiB chunks, each awaited before the next (the client's pace is ours).
 * {@code GET /api/v1/cdrs/{callId}} returns one record.
 */
public final class ExportApi {
  private static final Logger log = LoggerFactory.getLogger(ExportApi.class);
  private static final int CHUNK_BYTES = 64 * 1024;

  private final DataSource dataSource;
  private final ExecutorService exports;

  public ExportApi(DataSource dataSource, ExecutorService exports) {
    this.dataSource = dataSource;
    this.exports = exports;
  }

  public void mount(Router router) {
    // Who may call these routes (the platform's auth handler enforces it; see contracts/README.md).
    org.telops.contracts.auth.AccessRules.of(router)
        .require(io.vertx.core.http.HttpMethod.GET, "/api/v1/cdrs", org.telops.contracts.auth.Role.ANY)
        .require(io.vertx.core.http.HttpMethod.GET, "/api/v1/cdrs/:callId", org.telops.contracts.auth.Role.ANY);
    router.get("/api/v1/cdrs").handler(this::export);
    router.get("/api/v1/cdrs/:callId").handler(this::one);
  }

  private void export(RoutingContext ctx) {
    ExportQuery q;
    try {
      q = ExportQuery.parse(ctx.queryParams(), Instant.now());
    } catch (IllegalArgumentException e) {
      error(ctx.response(), 400, e.getMessage());
      return;
    }
    HttpServerResponse resp = ctx.response();
    try {
      exports.execute(() -> stream(q, resp));
    } catch (RejectedExecutionException e) {
      resp.putHeader("Retry-After", "5");
      error(resp, 503, "too many exports running: retry in a few seconds");
    }
  }

  private void stream(ExportQuery q, HttpServerResponse resp) {
    List<Object> args = q.newArgs();
    String sql = q.sql(args);
    boolean started = false;
    long rows = 0;
    long t0 = System.nanoTime();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false); // PgJDBC only uses a cursor (fetch size) inside a transaction
      try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        ps.setFetchSize(1_000);
        for (int i = 0; i < args.size(); i++) {
          ps.setObject(i + 1, args.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          StringBuilder buf = new StringBuilder(CHUNK_BYTES + 4096);
          resp.setChunked(true).setStatusCode(200);
          switch (q.format()) {
            case CSV -> {
              resp.putHeader("Content-Type", "text/csv; charset=utf-8; header=present");
              resp.putHeader("Content-Disposition", "attachment; filename=\"cdrs.csv\"");
              buf.append(CdrFormats.CSV_HEADER);
            }
            case NDJSON -> resp.putHeader("Content-Type", "application/x-ndjson");
            case JSON -> {
              resp.putHeader("Content-Type", "application/json");
              buf.append('[');
            }
          }
          started = true;
          while (rs.next()) {
            switch (q.format()) {
              case CSV -> CdrFormats.appendCsv(buf, rs);
              case NDJSON -> buf.append(CdrFormats.json(rs).encode()).append('\n');
              case JSON -> buf.append(rows == 0 ? "" : ",").append(CdrFormats.json(rs).encode());
            }
            rows++;
            if (buf.length() >= CHUNK_BYTES) {
              send(resp, buf);
            }
          }
          if (q.format() == ExportQuery.Format.JSON) {
            buf.append(']');
          }
          send(resp, buf);
          resp.end().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
      } finally {
        c.rollback();
      }
      log.info("exported {} CDR(s) as {} in {} ms", rows, q.format(), (System.nanoTime() - t0) / 1_000_000);
    } catch (Exception e) {
      log.warn("CDR export failed after {} row(s): {}", rows, e.getMessage());
      if (!started) {
        error(resp, 500, "export failed: " + e.getMessage());
      } else {
        // Headers are gone: cut the connection so the client sees a truncated download, not a short file.
        resp.reset();
      }
    }
  }

  private static void send(HttpServerResponse resp, StringBuilder buf) throws Exception {
    if (buf.length() == 0) {
      return;
    }
    Buffer chunk = Buffer.buffer(buf.toString());
    buf.setLength(0);
    resp.write(chunk).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private void one(RoutingContext ctx) {
    String callId = ctx.pathParam("callId");
    ctx.vertx().<JsonObject>executeBlocking(() -> {
      try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CallsSql.SELECT_ONE)) {
        ps.setString(1, callId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? CdrFormats.json(rs) : null;
        }
      }
    }, false).onComplete(ar -> {
      if (ar.failed()) {
        error(ctx.response(), 500, "cannot read call " + callId + ": " + ar.cause().getMessage());
      } else if (ar.result() == null) {
        error(ctx.response(), 404, "no call with id " + callId);
      } else {
        ctx.response().putHeader("Content-Type", "application/json").end(ar.result().encode());
      }
    });
  }

  private static void error(HttpServerResponse resp, int status, String message) {
    if (resp.headWritten()) {
      resp.reset();
      return;
    }
    resp.setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", message).encode());
  }

}
