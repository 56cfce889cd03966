package dev.playbook.insights;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Where the tables a mapping names are read from: the CSV files of an export folder, or the queries
 * of a database ({@link JdbcTables}). A table is its header and its rows, as text.
 */
interface Tables {

  /** How problems name the table {@code file} of the mapping. */
  String name(String file);

  /** The table, or null when there is no such table. */
  Table open(String file) throws IOException;

  /** One row: its line (or row number) and its values. */
  record Line(int line, List<String> values) {}

  /** The rows of one table, read one at a time. */
  interface Table extends Closeable {
    List<String> header();

    /**
     * The next row; null at the end.
     *
     * @throws java.io.UncheckedIOException when the rest cannot be read
     */
    Line next();

    /** The line of the row last read; 0 before the first. */
    int line();

    @Override
    void close() throws IOException;
  }

  /** The CSV files of a folder, read with Commons CSV. */
  static Tables folder(Path folder, char delimiter) {
    return new Tables() {
      @Override
      public String name(String file) {
        return folder.resolve(file).toString();
      }

      @Override
      public Table open(String file) throws IOException {
        Path path = folder.resolve(file);
        if (!Files.isRegularFile(path)) {
          return null;
        }
        BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8);
        CSVParser parser =
            CSVParser.builder()
                .setReader(in)
                .setFormat(
                    CSVFormat.DEFAULT
                        .builder()
                        .setDelimiter(delimiter)
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .setAllowMissingColumnNames(true)
                        .setTrim(true)
                        .get())
                .get();
        Iterator<CSVRecord> records = parser.iterator();
        List<String> header = parser.getHeaderNames();
        return new Table() {
          private long lastEnd = parser.getCurrentLineNumber();
          private int line;

          @Override
          public List<String> header() {
            return header;
          }

          @Override
          public Line next() {
            if (!records.hasNext()) {
              return null;
            }
            CSVRecord r = records.next();
            line = (int) Math.min(Integer.MAX_VALUE, lastEnd + 1);
            lastEnd = parser.getCurrentLineNumber();
            return new Line(line, r.toList());
          }

          @Override
          public int line() {
            return (int) Math.min(Integer.MAX_VALUE, lastEnd);
          }

          @Override
          public void close() throws IOException {
            parser.close();
          }
        };
      }
    };
  }
}
