package dev.playbook.insights;

import static org.assertj.core.api.Assertions.assertThat;

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
 * How CSV rows are found in a file: quoted values over several lines, the limits that make a quote
 * left open a bad row, resynchronising after it, and bytes that are not UTF-8.
 */
class CsvRowsTest {

  private static final CsvMapping MAPPING =
      CsvMapping.parse(
          "m.yaml",
          """
      mapping: test
      columns: { id: id, stage: stage, name: name }
      stages: { Open: lead }
      """);

  @TempDir Path dir;

  private Path csv(String text) throws IOException {
    Path file = dir.resolve("deals.csv");
    Files.writeString(file, text);
    return file;
  }

  private static List<Deal> readAll(DealSource source) {
    List<Deal> out = new ArrayList<>();
    source.forEachRemaining(out::add);
    return out;
  }

  private static String rows(int from, int to) {
    StringBuilder b = new StringBuilder();
    for (int i = from; i <= to; i++) {
      b.append("D").append(i).append(",Open,deal ").append(i).append('\n');
    }
    return b.toString();
  }

  @Test
  void read_quoteClosedOnALaterLine_isOneValueWithItsLineBreaks() throws IOException {
    // given
    Path file = csv("id,stage,name\nD1,Open,\"Acme\n\nWest, \"\"new\"\"\"\nD2,Open,deal 2\n");

    // when
    try (DealSource source = DealSource.open(file, MAPPING)) {
      List<Deal> deals = readAll(source);

      // then
      assertThat(deals)
          .extracting(Deal::id, Deal::name)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("D1", "Acme\n\nWest, \"new\""),
              org.assertj.core.groups.Tuple.tuple("D2", "deal 2"));
      assertThat(source.rows()).isEqualTo(2);
      assertThat(source.badRows()).isZero();
      assertThat(source.problems()).isEmpty();
    }
  }

  @Test
  void read_quotedValueOfExactlyTheMostLines_isOneValue() throws IOException {
    // given: the value spans lines 2 to 1001, the most a quoted value may span
    StringBuilder text = new StringBuilder("id,stage,name\nD1,Open,\"first");
    for (int i = 2; i <= CsvRows.MAX_QUOTED_LINES; i++) {
      text.append("\nline ").append(i);
    }
    Path file = csv(text.append("\"\n").append(rows(2, 3)).toString());

    // when
    try (DealSource source = DealSource.open(file, MAPPING)) {
      List<Deal> deals = readAll(source);

      // then
      assertThat(deals).extracting(Deal::id).containsExactly("D1", "D2", "D3");
      assertThat(deals.get(0).name()).startsWith("first\nline 2\n").endsWith("\nline 1000");
      assertThat(source.badRows()).isZero();
    }
  }

  @Test
  void read_quoteOpenPastTheMostLines_onlyItsLineIsBadAndTheLinesAfterItAreRows()
      throws IOException {
    // given: line 2 opens a quote that nothing closes, and 1,200 rows follow
    Path file = csv("id,stage,name\nD0,Open,\"never closed\n" + rows(1, 1200));

    // when
    try (DealSource source = DealSource.open(file, MAPPING)) {
      List<Deal> deals = readAll(source);

      // then
      assertThat(deals)
          .hasSize(1200)
          .extracting(Deal::id)
          .doesNotContain("D0")
          .contains("D1", "D1200");
      assertThat(source.rows()).isEqualTo(1201);
      assertThat(source.badRows()).isEqualTo(1);
      assertThat(source.problems())
          .extracting(Problem::render)
          .containsExactly(
              file
                  + ":2:3: csv-syntax: column 'name': the quote that opens this value at character 9 is not"
                  + " closed within 1000 lines, the most a quoted value may span, so lines 2 to 1001 would be"
                  + " one value; only line 2 is left out, and reading goes on at line 3");
    }
  }

  @Test
  void read_quoteOpenPastTheMostBytes_onlyItsLineIsBad() throws IOException {
    // given: line 2 opens a quote, and the next line alone makes the row longer than the limit
    String longLine = "x".repeat(CsvRows.MAX_ROW_BYTES - 20);
    Path file =
        csv("id,stage,name\nD0,Open,\"open\n" + longLine + "\nD1,Open,deal 1\"\nD2,Open,deal 2\n");

    // when
    try (DealSource source = DealSource.open(file, MAPPING)) {
      List<Deal> deals = readAll(source);

      // then: line 3 is read as a row of its own (too few values), then D2; D1 ends in a stray
      // quote
      assertThat(deals).extracting(Deal::id).containsExactly("D1", "D2");
      assertThat(deals.get(0).name()).isEqualTo("deal 1\"");
      assertThat(source.badRows()).isEqualTo(2);
      assertThat(source.problems())
          .extracting(Problem::render)
          .containsExactly(
              file
                  + ":2:3: csv-syntax: column 'name': the quote that opens this value at character 9 is not"
                  + " closed within 1048576 bytes, the most a row may have, so lines 2 to 4 would be one"
                  + " value; only line 2 is left out, and reading goes on at line 3",
              file
                  + ":3:2: wrong-column-count: the row has 1 values where the header has 3 columns");
    }
  }

  @Test
  void read_lineLongerThanTheMostBytes_isOneBadRowSkippedUnread() throws IOException {
    // given
    Path file =
        csv("id,stage,name\nD1,Open," + "x".repeat(CsvRows.MAX_ROW_BYTES) + "\nD2,Open,deal 2\n");

    // when
    try (DealSource source = DealSource.open(file, MAPPING)) {
      // then
      assertThat(readAll(source)).extracting(Deal::id).containsExactly("D2");
      assertThat(source.badRows()).isEqualTo(1);
      assertThat(source.problems())
          .extracting(Problem::render)
          .containsExactly(
              file + ":2:1: too-large: the line is longer than 1048576 bytes, the limit");
    }
  }

  @Test
  void read_strayQuoteClosesAnUnclosedOneLater_theLinesBetweenAreStillRows() throws IOException {
    // given: line 3 opens a quote; the quote of "Big" on line 6 closes it, then text follows
    Path file =
        csv(
            "id,stage,name\nD1,Open,deal 1\nD2,Open,\"deal 2\nD3,Open,deal 3\nD4,Open,deal 4\n"
                + "D5,Open,\"Big\" Co\nD6,Open,deal 6\n");

    // when
    try (DealSource source = DealSource.open(file, MAPPING)) {
      List<Deal> deals = readAll(source);

      // then
      assertThat(deals).extracting(Deal::id).containsExactly("D1", "D3", "D4", "D6");
      assertThat(source.rows()).isEqualTo(6);
      assertThat(source.badRows()).isEqualTo(2);
      assertThat(source.problems())
          .extracting(Problem::render)
          .containsExactly(
              file
                  + ":3:3: csv-syntax: column 'name': the quote that opens this value at character 9 closes"
                  + " on line 6, and there is text after a closing quote on that line at character 10, so lines"
                  + " 3 to 6 make no row; only line 3 is left out, and reading goes on at line 4",
              file
                  + ":6:3: csv-syntax: column 'name': there is text after the quote that closes this value,"
                  + " at character 15; write the whole value in quotes, and each quote inside it as two (\"\")");
    }
  }

  @Test
  void read_quotedLinesMakeTooManyValues_onlyTheOpeningLineIsBad() throws IOException {
    // given: line 2's quote is closed by a stray quote on line 3, before one more value
    Path file = csv("id,stage,name\nD1,Open,\"deal 1\nD2,Open,deal 2\",x\nD3,Open,deal 3\n");

    // when
    try (DealSource source = DealSource.open(file, MAPPING)) {
      List<Deal> deals = readAll(source);

      // then
      assertThat(deals).extracting(Deal::id).containsExactly("D3");
      assertThat(source.badRows()).isEqualTo(2);
      assertThat(source.problems())
          .extracting(Problem::render)
          .containsExactly(
              file
                  + ":2:3: wrong-column-count: column 'name': the quote that opens this value at character 9"
                  + " closes on line 3, and lines 2 to 3 make a row of 4 values where the header has 3 columns;"
                  + " only line 2 is left out, and reading goes on at line 3",
              file
                  + ":3:5: wrong-column-count: the row has 4 values where the header has 3 columns");
    }
  }

  @Test
  void read_byteNotUtf8InAQuotedValueOverLines_namesItsTrueLineAndLeavesOutThatRowOnly()
      throws IOException {
    // given
    Path file = dir.resolve("deals.csv");
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write("id,stage,name\nD1,Open,\"Acme\nCaf".getBytes(StandardCharsets.UTF_8));
      out.write(0xE9);
      out.write("\"\nD2,Open,deal 2\n".getBytes(StandardCharsets.UTF_8));
    }

    // when
    try (DealSource source = DealSource.open(file, MAPPING)) {
      // then
      assertThat(readAll(source)).extracting(Deal::id).containsExactly("D2");
      assertThat(source.rows()).isEqualTo(2);
      assertThat(source.badRows()).isEqualTo(1);
      assertThat(source.problems())
          .extracting(Problem::render)
          .containsExactly(
              file
                  + ":3:3: invalid-encoding: column 'name': byte 0xE9 at character 4 is not valid UTF-8 text;"
                  + " the row (lines 2 to 3) is left out; save the file with the UTF-8 encoding");
    }
  }

  @Test
  void read_byteNotUtf8InTheHeader_isReportedAndTheRowsAreStillRead() throws IOException {
    // given: a column the mapping does not use has a Latin-1 name
    Path file = dir.resolve("deals.csv");
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write("id,stage,name,r".getBytes(StandardCharsets.UTF_8));
      out.write(0xE9);
      out.write("gion\nD1,Open,deal 1,west\n".getBytes(StandardCharsets.UTF_8));
    }

    // when
    try (DealSource source = DealSource.open(file, MAPPING)) {
      // then
      assertThat(readAll(source)).extracting(Deal::id).containsExactly("D1");
      assertThat(source.badRows()).isZero();
      assertThat(source.problems())
          .extracting(Problem::render)
          .containsExactly(
              file
                  + ":1:4: invalid-encoding: byte 0xE9 at character 16 is not valid UTF-8 text, so the"
                  + " column's name is read with U+FFFD in its place; save the file with the UTF-8 encoding");
    }
  }

  @Test
  void read_byteNotUtf8InAMappedHeaderColumn_noRowCanBeRead() throws IOException {
    // given
    Path file = dir.resolve("deals.csv");
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write("i".getBytes(StandardCharsets.UTF_8));
      out.write(0xFF);
      out.write("d,stage,name\nD1,Open,deal 1\n".getBytes(StandardCharsets.UTF_8));
    }

    // when
    try (DealSource source = DealSource.open(file, MAPPING)) {
      // then
      assertThat(readAll(source)).isEmpty();
      assertThat(source.problems())
          .extracting(Problem::render)
          .containsExactly(
              file
                  + ":1:1: invalid-encoding: byte 0xFF at character 2 is not valid UTF-8 text, so the"
                  + " column's name is read with U+FFFD in its place; save the file with the UTF-8 encoding",
              file
                  + ":1:1: missing-column: the header has no column 'id' for id; no row can be read"
                  + " (did you mean 'i\uFFFDd'?)");
    }
  }

  @Test
  void read_unclosedQuoteInTheHeader_noRowCanBeRead() throws IOException {
    // given
    Path file = csv("id,stage,\"name\nD1,Open,deal 1\n");

    // when
    try (DealSource source = DealSource.open(file, MAPPING)) {
      // then
      assertThat(readAll(source)).isEmpty();
      assertThat(source.problems())
          .extracting(Problem::render)
          .containsExactly(
              file
                  + ":1:3: csv-syntax: the quote that opens this value at character 10 is not closed before"
                  + " the end of the file, so lines 1 to 2 would be one value; the header cannot be read, so no"
                  + " row can be read");
    }
  }

  @Test
  void read_crlfFile_keepsLineNumbersAndTheLineBreaksInsideQuotes() throws IOException {
    // given
    Path file =
        csv("id,stage,name\r\nD1,Open,\"two\r\nlines\"\r\nD2,Open,\"open\r\nD3,Open,deal 3\r\n");

    // when
    try (DealSource source = DealSource.open(file, MAPPING)) {
      List<Deal> deals = readAll(source);

      // then
      assertThat(deals).extracting(Deal::id).containsExactly("D1", "D3");
      assertThat(deals.get(0).name()).isEqualTo("two\r\nlines");
      assertThat(deals.get(1).name()).isEqualTo("deal 3");
      assertThat(source.problems())
          .extracting(Problem::render)
          .containsExactly(
              file
                  + ":4:3: csv-syntax: column 'name': the quote that opens this value at character 9 is not"
                  + " closed before the end of the file, so lines 4 to 5 would be one value; only line 4 is"
                  + " left out, and reading goes on at line 5");
    }
  }

  @Test
  void read_carriageReturnWithoutLineFeed_isABadRowNotASecondRow() throws IOException {
    // given
    Path file = csv("id,stage,name\nD1,Open,deal 1\rD2,Open,deal 2\nD3,Open,deal 3\n");

    // when
    try (DealSource source = DealSource.open(file, MAPPING)) {
      // then
      assertThat(readAll(source)).extracting(Deal::id).containsExactly("D3");
      assertThat(source.problems())
          .extracting(Problem::render)
          .containsExactly(
              file
                  + ":2:3: csv-syntax: column 'name': a carriage return at character 15 without a line feed"
                  + " after it would end the row there; save the file with LF or CRLF line breaks");
    }
  }

  @Test
  void read_byteOrderMarkAndEmptyLines_areNoValuesAndNoRows() throws IOException {
    // given
    Path file = dir.resolve("deals.csv");
    Files.write(
        file,
        ("\uFEFFid,stage,name\n\nD1,Open,deal 1\n\n\nD2,Open,deal 2")
            .getBytes(StandardCharsets.UTF_8));

    // when
    try (DealSource source = DealSource.open(file, MAPPING)) {
      // then
      assertThat(readAll(source)).extracting(Deal::id).containsExactly("D1", "D2");
      assertThat(source.rows()).isEqualTo(2);
      assertThat(source.problems()).isEmpty();
      assertThat(source.lastLine()).isEqualTo(6);
    }
  }
}
