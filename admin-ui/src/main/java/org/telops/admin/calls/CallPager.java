package org.telops.admin.calls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.telops.admin.Db;

/**
 * Pages of a CDR search, newest first, by keyset: each page continues after the last row the grid saw
 * ({@code (attempted_at, call_id) < (…)}), so page 500 of 10 M rows costs what page 1 costs, and nothing ever
 * runs {@code count(*)}. The grid asks by offset; the pager remembers the row at each offset it served.
 */
final class CallPager {
  private record Key(Instant attemptedAt, String callId) {}

  private final CallQuery query;
  private final Instant now;
  private final TreeMap<Integer, Key> seen = new TreeMap<>();

  CallPager(CallQuery query, Instant now) {
    this.query = query;
    this.now = now;
  }

  List<CallRow> fetch(int offset, int limit) {
    Map.Entry<Integer, Key> start = seen.lowerEntry(offset);
    int base = start == null ? 0 : start.getKey() + 1;
    Key after = start == null ? null : start.getValue();
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT ").append(CallRow.COLUMNS).append(" FROM calls").append(query.where(now, args));
    if (after != null) {
      sql.append(" AND (attempted_at, call_id) < (?, ?)");
      args.add(after.attemptedAt());
      args.add(after.callId());
    }
    int skip = offset - base;
    sql.append(" ORDER BY attempted_at DESC, call_id DESC LIMIT ?");
    args.add(skip + limit);
    List<CallRow> rows = Db.list(sql.toString(), CallRow::map, args.toArray());
    for (int i = 0; i < rows.size(); i++) {
      seen.put(base + i, new Key(rows.get(i).attemptedAt(), rows.get(i).callId()));
    }
    return rows.size() <= skip ? List.of() : rows.subList(skip, rows.size());
  }
}
