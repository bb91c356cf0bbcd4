package org.telops.cdr;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.telops.contracts.config.Env;

/**
 * @param queueCapacity CDR fragments held in memory before ingest answers 503
 * @param batchSize fragments per COPY
 * @param flushInterval longest a fragment waits for its batch to fill
 * @param maxBatchRecords largest JSON array POST /api/v1/cdrs accepts
 * @param writerLanes parallel COPY writers (calls split by call id); the same in every collector process
 */
public record CollectorConfig(int queueCapacity, int batchSize, Duration flushInterval, int maxBatchRecords,
                              int writerLanes) {

  public static CollectorConfig fromEnv(Map<String, String> environment) {
    Env env = new Env(environment);
    return new CollectorConfig(
        env.integer("TELOPS_CDR_QUEUE_CAPACITY", 200_000, 100, 10_000_000),
        env.integer("TELOPS_CDR_BATCH_SIZE", 5_000, 1, 100_000),
        Duration.ofMillis(env.integer("TELOPS_CDR_FLUSH_MS", 200, 1, 60_000)),
        env.integer("TELOPS_CDR_MAX_BATCH", 50_000, 1, 1_000_000),
        env.integer("TELOPS_CDR_WRITER_LANES", 2, 1, 16));
  }

  public Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("TELOPS_CDR_QUEUE_CAPACITY", String.valueOf(queueCapacity));
    m.put("TELOPS_CDR_BATCH_SIZE", String.valueOf(batchSize));
    m.put("TELOPS_CDR_FLUSH_MS", String.valueOf(flushInterval.toMillis()));
    m.put("TELOPS_CDR_MAX_BATCH", String.valueOf(maxBatchRecords));
    m.put("TELOPS_CDR_WRITER_LANES", String.valueOf(writerLanes));
    return m;
  }
}
