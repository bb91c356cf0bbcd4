package org.telops.carriersim.billing;

import java.util.List;

/** RFC 4180 rows: fields with a comma, quote or line break are quoted, quotes doubled; CRLF line ends. */
public final class Csv {
  private Csv() {}

  public static String row(List<String> fields) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String f = fields.get(i) == null ? "" : fields.get(i);
      if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
        sb.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(f);
      }
    }
    return sb.append("\r\n").toString();
  }
}
