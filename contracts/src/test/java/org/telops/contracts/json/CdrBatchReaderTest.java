package org.telops.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.telops.contracts.call.CallRecord;

class CdrBatchReaderTest {

  private static CdrBatchReader.Batch read(String json, int max) throws CdrBatchReader.InvalidBatchException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    return CdrBatchReader.read(b, 0, b.length, max, 100);
  }

  @Test
  @DisplayName("A streamed batch gives exactly the records that decoding the whole array and reading each object gives.")
  void sameRecordsAsTheObjectPath() throws Exception {
    JsonObject full = CallRecordJson.toJson(CallRecordJsonTest.fullRecord());
    JsonObject minimal = new JsonObject().put("callId", "c-2").put("attemptedAt", "2026-11-21T03:00:00Z")
        .put("unknownField", new JsonObject().put("nested", new JsonArray().add(1).add("x")));
    JsonArray array = new JsonArray().add(full).add(minimal);

    CdrBatchReader.Batch batch = read(array.encode(), 10);

    assertThat(batch.errorCount()).isZero();
    assertThat(batch.total()).isEqualTo(2);
    assertThat(batch.records()).containsExactly(CallRecordJson.fromJson(full), CallRecordJson.fromJson(minimal));
  }

  @Test
  @DisplayName("Each refused record is named by its index and field with the same message as the object path.")
  void errorsNameIndexAndField() throws Exception {
    JsonObject good = new JsonObject().put("callId", "ok");
    JsonObject badTime = new JsonObject().put("callId", "b").put("attemptedAt", "yesterday");
    JsonObject badQuality = new JsonObject().put("callId", "q").put("quality", new JsonObject().put("mos", 7));
    JsonObject wrongType = new JsonObject().put("callId", new JsonArray().add(1));
    JsonObject badMediaPath = new JsonObject().put("callId", "m").put("mediaPath", "websocket");
    String json = new JsonArray().add(good).add(badTime).add(42).add(badQuality).add(wrongType).add(badMediaPath).encode();

    CdrBatchReader.Batch batch = read(json, 10);

    assertThat(batch.errorCount()).isEqualTo(5);
    assertThat(batch.errors()).extracting(CdrBatchReader.RecordError::index).containsExactly(1, 2, 3, 4, 5);
    assertThat(batch.errors()).extracting(CdrBatchReader.RecordError::field)
        .containsExactly("attemptedAt", "", "quality.mos", "callId", "mediaPath");
    assertThat(batch.errors().get(4).message()).isEqualTo(messageOf(badMediaPath)).contains("stream, record, stream+record");
    String expected = messageOf(badTime);
    assertThat(batch.errors().get(0).message()).isEqualTo(expected);
    assertThat(batch.errors().get(2).message()).isEqualTo(messageOf(badQuality));
    assertThat(batch.errors().get(3).message()).isEqualTo(messageOf(wrongType)).contains("array");
    assertThat(batch.errors().get(1).message()).isEqualTo("record is not a JSON object");
  }

  @Test
  @DisplayName("Past the record limit the rest is only counted, so the caller can answer 413 with the real size.")
  void overTheLimitIsCounted() throws Exception {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < 25; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"callId\":\"c").append(i).append("\"}");
    }
    CdrBatchReader.Batch batch = read(sb.append(']').toString(), 10);

    assertThat(batch.total()).isEqualTo(25);
    assertThat(batch.records()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{\"callId\":\"x\"}", "[{\"callId\": ", "[{\"callId\":\"x\"}] trailing", "[1,", "nul"})
  @DisplayName("A body that is not a complete JSON array is refused as a whole with a reason.")
  void wholeBodyRefused(String body) {
    assertThatThrownBy(() -> read(body, 10)).isInstanceOf(CdrBatchReader.InvalidBatchException.class)
        .hasMessageMatching("body (must be a JSON array|is not valid JSON).*");
  }

  @Test
  @DisplayName("An empty array is a valid, empty batch.")
  void emptyArray() throws Exception {
    assertThat(read(" [ ] ", 10).records()).isEmpty();
  }

  private static String messageOf(JsonObject o) {
    try {
      CallRecord r = CallRecordJson.fromJson(new JsonObject(o.encode()));
      throw new AssertionError("expected a refusal, got " + r);
    } catch (InvalidFieldException e) {
      return e.getMessage();
    }
  }
}
