package dev.playbook.insights;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tables of a mapping read from a database: each file the mapping names is one SQL query, given
 * in {@code queries} by file name, or else {@code SELECT * FROM "<name>"} with the file's name
 * without {@code .csv} (so {@code Task.csv} reads the table {@code Task}). Rows are streamed with a
 * fetch size in a read-only transaction; values are read as text, as a CSV export writes them. Row
 * numbers count as lines of a CSV export do: the first row is line 2.
 */
final class JdbcTables implements Tables {

  static final int FETCH_SIZE = 1_000;

  private final Connection connection;
  private final String label;
  private final Map<String, String> queries;

  JdbcTables(Connection connection, String label, Map<String, String> queries) {
    this.connection = connection;
    this.label = label;
    this.queries = Map.copyOf(queries);
  }

  @Override
  public String name(String file) {
    return label + "#" + table(file);
  }

  static String table(String file) {
    String name = file.contains("/") ? file.substring(file.lastIndexOf('/') + 1) : file;
    return name.toLowerCase(Locale.ROOT).endsWith(".csv")
        ? name.substring(0, name.length() - 4)
        : name;
  }

  String query(String file) {
    String q = queries.get(file);
    if (q == null) {
      q = queries.get(table(file));
    }
    return q != null ? q : "SELECT * FROM \"" + table(file).replace("\"", "\"\"") + "\"";
  }

  @Override
  public Table open(String file) throws IOException {
    Statement statement = null;
    try {
      statement =
          connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      statement.setFetchSize(FETCH_SIZE);
      ResultSet rs;
      try {
        rs = statement.executeQuery(query(file));
      } catch (SQLException e) {
        if (!queries.containsKey(file) && !queries.containsKey(table(file)) && missing(e)) {
          statement.close();
          rollback();
          return null;
        }
        throw e;
      }
      ResultSetMetaData meta = rs.getMetaData();
      List<String> header = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        header.add(meta.getColumnLabel(i));
      }
      Statement st = statement;
      return new Table() {
        private int line = 1;

        @Override
        public List<String> header() {
          return header;
        }

        @Override
        public Line next() {
          try {
            if (!rs.next()) {
              return null;
            }
            List<String> values = new ArrayList<>(header.size());
            for (int i = 1; i <= header.size(); i++) {
              String v = rs.getString(i);
              values.add(v == null ? "" : v.strip());
            }
            line++;
            return new Line(line, values);
          } catch (SQLException e) {
            throw new UncheckedIOException(new IOException(message(e), e));
          }
        }

        @Override
        public int line() {
          return line;
        }

        @Override
        public void close() throws IOException {
          try {
            st.close();
          } catch (SQLException e) {
            throw new IOException(message(e), e);
          }
        }
      };
    } catch (SQLException e) {
      if (statement != null) {
        try {
          statement.close();
        } catch (SQLException ignored) {
          // the query failed already
        }
      }
      rollback();
      throw new IOException(message(e), e);
    }
  }

  private void rollback() {
    try {
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
    } catch (SQLException ignored) {
      // the next query reports the connection's state
    }
  }

  /** Whether the query failed because its table does not exist (SQLSTATE 42P01, 42S02, 42102). */
  private static boolean missing(SQLException e) {
    String state = e.getSQLState();
    return "42P01".equals(state) || "42S02".equals(state) || "42102".equals(state);
  }

  static String message(SQLException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return (nl > 0 ? m.substring(0, nl) : m).strip();
  }
}
