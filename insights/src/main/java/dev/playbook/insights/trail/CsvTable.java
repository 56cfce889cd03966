package dev.playbook.insights.trail;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * One CSV file of an export: UTF-8, a header row, RFC 4180 quoting and CRLF line ends, as the CRMs
 * write them. Values are given in header order; null is written as an empty field.
 */
final class CsvTable implements Closeable {

  private final String name;
  private final List<String> header;
  private final CSVPrinter printer;
  private long rows;

  CsvTable(Path folder, String name, List<String> header) throws IOException {
    this.name = name;
    this.header = List.copyOf(header);
    Path file = folder.resolve(name);
    Files.createDirectories(file.getParent());
    BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    this.printer =
        new CSVPrinter(
            out, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get());
  }

  String name() {
    return name;
  }

  List<String> header() {
    return header;
  }

  void row(Object... values) throws IOException {
    if (values.length != header.size()) {
      throw new IllegalArgumentException(
          name
              + ": "
              + values.length
              + " values for "
              + header.size()
              + " columns: "
              + Arrays.toString(values));
    }
    printer.printRecord(values);
    rows++;
  }

  long rows() {
    return rows;
  }

  static void count(Map<String, Long> into, CsvTable... tables) {
    for (CsvTable t : tables) {
      into.put(t.name, t.rows);
    }
  }

  @Override
  public void close() throws IOException {
    printer.close();
  }
}
