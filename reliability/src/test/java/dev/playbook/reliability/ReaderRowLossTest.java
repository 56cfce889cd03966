package dev.playbook.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.insights.CsvMapping;
import dev.playbook.insights.DealSource;
import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deal readers that once lost rows without a word: each test is named after what broke, and asserts
 * the exact problems and counts now.
 */
class ReaderRowLossTest {

  @TempDir Path dir;

  private static List<String> ids(DealSource source) {
    List<String> ids = new ArrayList<>();
    source.forEachRemaining(d -> ids.add(d.id()));
    return ids;
  }

  @Test
  void jsonLines_oneByteNotUtf8InRow4000Of5000_lostThe2015RowsAroundIt_nowOnlyThatRow()
      throws IOException {
    Path file = dir.resolve("book.jsonl");
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 1; i <= 5000; i++) {
        String line =
            "{\"id\": \"D" + i + "\", \"stage\": \"lead\", \"name\": \"deal " + i + "\"}\n";
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        if (i == 4000) {
          bytes[bytes.length - 4] = (byte) 0xFF;
        }
        out.write(bytes);
      }
    }

    try (DealSource source = DealSource.open(file)) {
      List<String> ids = ids(source);

      assertThat(ids).hasSize(4999).doesNotContain("D4000").contains("D3999", "D4001", "D5000");
      assertThat(source.rows()).isEqualTo(5000);
      assertThat(source.badRows()).isEqualTo(1);
      assertThat(source.problems())
          .extracting(Problem::render)
          .containsExactly(
              file
                  + ":4000:51: invalid-encoding: the line is not valid UTF-8 text; save the file with"
                  + " the UTF-8 encoding");
    }
  }

  @Test
  void jsonLines_badLineInTheMiddle_theLinesAfterItAreStillRead() throws IOException {
    Path file = dir.resolve("book.jsonl");
    Files.writeString(
        file,
        "{\"id\": \"A\", \"stage\": \"lead\"}\n{\"id\": \"B\", \"sta\n"
            + "{\"id\": \"C\", \"stage\": \"lead\"}\n");

    try (DealSource source = DealSource.open(file)) {
      assertThat(ids(source)).containsExactly("A", "C");
      assertThat(source.rows()).isEqualTo(3);
      assertThat(source.badRows()).isEqualTo(1);
      assertThat(source.problems())
          .extracting(Problem::code, Problem::line)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("json-syntax", 2));
    }
  }

  @Test
  void truncatedJsonDealFile_gave0RowsAnd0BadRows_nowOneBadRow() throws IOException {
    Path file = dir.resolve("book.json");
    Files.writeString(
        file, "[\n  {\"id\": \"A\", \"stage\": \"lead\"},\n  {\"id\": \"B\", \"stage\": \"le");

    try (DealSource source = DealSource.open(file)) {
      assertThat(ids(source)).isEmpty();
      assertThat(source.rows()).isEqualTo(1);
      assertThat(source.badRows()).isEqualTo(1);
      assertThat(source.problemCount()).isEqualTo(1);
      assertThat(source.problems().get(0).code()).isEqualTo("json-syntax");
      assertThat(source.problems().get(0).line()).isEqualTo(3);
    }
  }

  @Test
  void sameDealIdsInTwoInputFiles_wereCountedTwice_nowProblemsAndBadRows() throws IOException {
    Path first = dir.resolve("q1.jsonl");
    Path second = dir.resolve("q2.jsonl");
    Files.writeString(
        first, "{\"id\": \"A\", \"stage\": \"lead\"}\n{\"id\": \"B\", \"stage\": \"lead\"}\n");
    Files.writeString(
        second, "{\"id\": \"C\", \"stage\": \"lead\"}\n{\"id\": \"A\", \"stage\": \"won\"}\n");

    try (DealSource source = DealSource.open(List.of(first, second), null)) {
      assertThat(ids(source)).containsExactly("A", "B", "C");
      assertThat(source.rows()).isEqualTo(4);
      assertThat(source.deals()).isEqualTo(3);
      assertThat(source.badRows()).isEqualTo(1);
      assertThat(source.problems())
          .extracting(Problem::render)
          .containsExactly(
              second
                  + ":2:1: duplicate-id: deal id 'A' was read from "
                  + first
                  + " already; this row is left out");
    }
  }

  @Test
  void progressSizing_readEachLineWhole_nowCountsLinesFromBytes() throws IOException {
    Path file = dir.resolve("book.jsonl");
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(
          "{\"id\": \"A\", \"stage\": \"lead\", \"name\": \"".getBytes(StandardCharsets.UTF_8));
      byte[] chunk = new byte[1 << 20];
      java.util.Arrays.fill(chunk, (byte) 'x');
      for (int i = 0; i < 20; i++) {
        out.write(chunk);
      }
      out.write(
          "\"}\r\n  \r\n\n{\"id\": \"B\", \"stage\": \"lead\"}".getBytes(StandardCharsets.UTF_8));
    }

    try (DealSource source = DealSource.open(file)) {
      assertThat(source.expectedRows()).isEqualTo(2);
      List<Deal> deals = new ArrayList<>();
      source.forEachRemaining(deals::add);
      assertThat(deals).extracting(Deal::id).containsExactly("B");
      assertThat(source.badRows()).isEqualTo(1);
      assertThat(source.problems())
          .extracting(Problem::render)
          .containsExactly(
              file + ":1:1: too-large: the line is longer than 16777216 bytes, the limit");
    }
  }

  private static final CsvMapping MAPPING =
      CsvMapping.parse(
          "m.yaml",
          """
      mapping: test
      columns: { id: id, stage: stage, name: name }
      stages: { Open: lead }
      """);

  @Test
  void csv_unclosedQuoteOnRow3Of1000_lost998RowsWithExit0_nowOnlyThatRowIsBad() throws IOException {
    Path file = dir.resolve("book.csv");
    StringBuilder csv = new StringBuilder("id,stage,name\n");
    for (int i = 1; i <= 1000; i++) {
      csv.append("D")
          .append(i)
          .append(",Open,")
          .append(i == 3 ? "\"deal " + i : "deal " + i)
          .append('\n');
    }
    Files.writeString(file, csv);

    try (DealSource source = DealSource.open(file, MAPPING)) {
      List<String> ids = ids(source);

      assertThat(ids).hasSize(999).doesNotContain("D3").contains("D2", "D4", "D1000");
      assertThat(source.rows()).isEqualTo(1000);
      assertThat(source.badRows()).isEqualTo(1);
      assertThat(source.deals()).isEqualTo(999);
      assertThat(source.problems())
          .extracting(Problem::render)
          .containsExactly(
              file
                  + ":4:3: csv-syntax: column 'name': the quote that opens this value at character 9 is not"
                  + " closed before the end of the file, so lines 4 to 1001 would be one value; only line 4 is"
                  + " left out, and reading goes on at line 5");
    }
  }

  @Test
  void csv_0xFFByteInRow4000Of5000_lost2015RowsAroundIt_nowOnlyThatRowIsBad() throws IOException {
    Path file = dir.resolve("book.csv");
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write("id,stage,name\n".getBytes(StandardCharsets.UTF_8));
      for (int i = 1; i <= 5000; i++) {
        byte[] bytes = ("D" + i + ",Open,deal " + i + "\n").getBytes(StandardCharsets.UTF_8);
        if (i == 4000) {
          bytes[bytes.length - 3] = (byte) 0xFF;
        }
        out.write(bytes);
      }
    }

    try (DealSource source = DealSource.open(file, MAPPING)) {
      List<String> ids = ids(source);

      assertThat(ids).hasSize(4999).doesNotContain("D4000").contains("D3999", "D4001", "D5000");
      assertThat(source.rows()).isEqualTo(5000);
      assertThat(source.badRows()).isEqualTo(1);
      assertThat(source.deals()).isEqualTo(4999);
      assertThat(source.problems())
          .extracting(Problem::render)
          .containsExactly(
              file
                  + ":4001:3: invalid-encoding: column 'name': byte 0xFF at character 19 is not valid UTF-8"
                  + " text; save the file with the UTF-8 encoding");
    }
  }
}
