package org.telops.contracts.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.telops.contracts.call.CallRecord;

/**
 * Reads a JSON array of CDRs (the body of {@code POST /api/v1/cdrs}) with Jackson's streaming parser,
 * building each record's {@link JsonObject} directly and validating it with {@link CallRecordJson#fromJson}
 * as soon as it is complete. Same rules and messages as decoding the whole array first, at about half the
 * CPU and garbage: ingest runs at tens of thousands of CDRs a second, and this was its largest cost.
 */
public final class CdrBatchReader {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private CdrBatchReader() {}

  /** One refused record: its position in the array, the dotted field (empty for the whole record), why. */
  public record RecordError(int index, String field, String message) {}

  /**
   * @param records the valid records, in array order (empty when the batch is over the limit)
   * @param total how many elements the array has
   * @param errors the first {@code maxErrors} refused records
   * @param errorCount how many were refused in all
   */
  public record Batch(List<CallRecord> records, int total, List<RecordError> errors, int errorCount) {}

  /** The body as a whole is unusable: not JSON, or not an array. Nothing of it is stored. */
  public static final class InvalidBatchException extends Exception {
    public InvalidBatchException(String message) {
      super(message);
    }
  }

  /**
   * @param maxRecords past this many elements the rest are only counted, not read (the caller answers 413)
   */
  public static Batch read(byte[] body, int offset, int length, int maxRecords, int maxErrors)
      throws InvalidBatchException {
    try (JsonParser p = FACTORY.createParser(body, offset, length)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new InvalidBatchException("body must be a JSON array of CDR objects");
      }
      List<CallRecord> records = new ArrayList<>();
      List<RecordError> errors = new ArrayList<>();
      int index = 0;
      int errorCount = 0;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t == null) {
          throw new InvalidBatchException("body is not valid JSON: the array is not closed");
        }
        if (index >= maxRecords) {
          p.skipChildren();
        } else if (t != JsonToken.START_OBJECT) {
          p.skipChildren();
          errorCount++;
          if (errors.size() < maxErrors) {
            errors.add(new RecordError(index, "", "record is not a JSON object"));
          }
        } else {
          JsonObject o = readObject(p);
          try {
            records.add(CallRecordJson.fromJson(o));
          } catch (InvalidFieldException | ClassCastException e) {
            errorCount++;
            if (errors.size() < maxErrors) {
              errors.add(new RecordError(index, e instanceof InvalidFieldException f ? f.field() : "", e.getMessage()));
            }
          }
        }
        index++;
      }
      if (p.nextToken() != null) {
        throw new InvalidBatchException("body is not valid JSON: content after the closing ']'");
      }
      return new Batch(index > maxRecords ? List.of() : records, index, errors, errorCount);
    } catch (JsonProcessingException e) {
      throw new InvalidBatchException("body is not valid JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    } catch (IOException e) {
      throw new InvalidBatchException("body could not be read: " + e.getMessage());
    }
  }

  /** The parser is on START_OBJECT; values are what Vert.x's own decoder would give (Integer/Long/Double/…). */
  private static JsonObject readObject(JsonParser p) throws IOException {
    Map<String, Object> map = new HashMap<>(32);
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      map.put(name, readValue(p, p.nextToken()));
    }
    return new JsonObject(map);
  }

  private static Object readValue(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getNumberValue();
      case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      case START_OBJECT -> readObject(p);
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
          list.add(readValue(p, e));
        }
        yield new JsonArray(list);
      }
      default -> throw new IOException("unexpected JSON token " + t);
    };
  }
}
