package org.telops.migrations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flyway SQL migration read from the class path and run the way Flyway runs it on PostgreSQL: statement by
 * statement on one connection, inside one transaction unless its {@code .sql.conf} says
 * {@code executeInTransaction=false}. For servers that take only one connection at a time (PGlite), where Flyway
 * itself cannot run.
 */
public record SqlScript(String resource, List<String> statements, boolean inTransaction) {
  private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$");

  public static SqlScript load(String resource) {
    String sql = read(resource);
    if (sql == null) {
      throw new IllegalStateException("migration " + resource + " is not on the class path");
    }
    boolean inTransaction = true;
    String conf = read(resource + ".conf");
    if (conf != null) {
      Properties p = new Properties();
      try {
        p.load(new java.io.StringReader(conf));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      inTransaction = Boolean.parseBoolean(p.getProperty("executeInTransaction", "true").trim());
    }
    return new SqlScript(resource, split(sql), inTransaction);
  }

  /** Runs every statement on {@code c}, committing at the end (or after each one, outside a transaction). */
  public void run(Connection c) throws SQLException {
    c.setAutoCommit(!inTransaction);
    int n = 0;
    try (Statement s = c.createStatement()) {
      for (String statement : statements) {
        n++;
        try {
          s.execute(statement);
        } catch (SQLException e) {
          throw new SQLException(resource + ", statement " + n + " of " + statements.size() + " failed: "
              + e.getMessage() + "\n" + statement, e.getSQLState(), e);
        }
      }
      if (inTransaction) {
        c.commit();
      }
    } catch (SQLException e) {
      if (inTransaction) {
        c.rollback();
      }
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /**
   * Splits on semicolons outside comments, quoted strings, quoted identifiers and dollar quotes; drops comments
   * and empty statements.
   */
  static List<String> split(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int i = 0;
    int len = sql.length();
    while (i < len) {
      char ch = sql.charAt(i);
      if (ch == '-' && i + 1 < len && sql.charAt(i + 1) == '-') {
        int eol = sql.indexOf('\n', i);
        i = eol < 0 ? len : eol;
      } else if (ch == '/' && i + 1 < len && sql.charAt(i + 1) == '*') {
        int depth = 0;
        do {
          if (sql.startsWith("/*", i)) {
            depth++;
            i += 2;
          } else if (sql.startsWith("*/", i)) {
            depth--;
            i += 2;
          } else {
            i++;
          }
        } while (depth > 0 && i < len);
        cur.append(' ');
      } else if (ch == '\'' || ch == '"') {
        int end = i + 1;
        while (end < len) {
          if (sql.charAt(end) == ch) {
            if (end + 1 < len && sql.charAt(end + 1) == ch) {
              end += 2; // doubled quote inside the literal
              continue;
            }
            break;
          }
          end++;
        }
        cur.append(sql, i, Math.min(end + 1, len));
        i = end + 1;
      } else if (ch == '$' && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))) {
        Matcher m = DOLLAR_TAG.matcher(sql).region(i, len);
        if (m.lookingAt()) {
          String tag = m.group();
          int close = sql.indexOf(tag, m.end());
          int end = close < 0 ? len : close + tag.length();
          cur.append(sql, i, end);
          i = end;
        } else {
          cur.append(ch);
          i++;
        }
      } else if (ch == ';') {
        add(out, cur);
        i++;
      } else {
        cur.append(ch);
        i++;
      }
    }
    add(out, cur);
    return List.copyOf(out);
  }

  private static void add(List<String> out, StringBuilder cur) {
    String s = cur.toString().strip();
    if (!s.isEmpty()) {
      out.add(s);
    }
    cur.setLength(0);
  }

  private static String read(String resource) {
    try (InputStream in = SqlScript.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
