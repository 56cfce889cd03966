package dev.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import dev.playbook.result.DealRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DealsStreamTest {

  @TempDir Path dir;

  private static List<String> rendered(List<DealRecord> records) {
    return records.stream()
        .map(
            r ->
                r.line()
                    + " "
                    + (r.ok()
                        ? "deal " + r.deal().orElseThrow().id()
                        : String.join(" / ", r.problems().stream().map(Problem::render).toList())))
        .toList();
  }

  private static List<DealRecord> all(Path file) {
    try (Stream<DealRecord> records = Deals.stream(file)) {
      return records.toList();
    }
  }

  @Test
  void stream_jsonLines_givesEachLineItsRecord_andReadsOnAfterABadLine() throws IOException {
    Path file = dir.resolve("deals.jsonl");
    Files.writeString(
        file,
        """
        {"id": "A", "stage": "lead"}

        {"id": "B", "stage": "lead", "amount": "12"}
        {"id": "C", "stage": "lead"
        {"id": "A", "stage": "lead"}
        {"id": "D", "stage": "lead"}
        """);

    List<DealRecord> records = all(file);

    assertThat(rendered(records))
        .containsExactly(
            "1 deal A",
            "3 " + file + ":3:40: wrong-type: 'amount' must be a number, not a string",
            "4 " + file + ":4:28: json-syntax: the line ends before a '{' is closed",
            "5 " + file + ":5:8: duplicate-id: deal id 'A' appears twice (first at line 1)",
            "6 deal D");
  }

  @Test
  void stream_jsonLinesWithAByteThatIsNotUtf8_reportsItsTrueLine_andReadsTheRest()
      throws IOException {
    Path file = dir.resolve("deals.jsonl");
    byte[] bad =
        "{\"id\": \"B\", \"stage\": \"le\u00e9d\"}\n"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    try (var out = Files.newOutputStream(file)) {
      out.write("{\"id\": \"A\", \"stage\": \"lead\"}\n".getBytes());
      out.write(bad);
      out.write("{\"id\": \"C\", \"stage\": \"lead\"}\n".getBytes());
    }

    assertThat(rendered(all(file)))
        .containsExactly(
            "1 deal A",
            "2 "
                + file
                + ":2:25: invalid-encoding: the line is not valid UTF-8 text; save the file with the"
                + " UTF-8 encoding",
            "3 deal C");
  }

  @Test
  void stream_truncatedJsonDocument_isOneBadRecordAtTheLineWhereItStops() throws IOException {
    Path file = dir.resolve("deals.json");
    Files.writeString(file, "[\n  {\"id\": \"A\", \"stage\": \"lead\"},\n  {\"id\": \"B\", \"st");

    List<DealRecord> records = all(file);

    assertThat(records).hasSize(1);
    assertThat(records.get(0).ok()).isFalse();
    assertThat(records.get(0).isRow()).isTrue();
    assertThat(records.get(0).line())
        .isEqualTo(records.get(0).problems().get(0).line())
        .isPositive();
  }

  @Test
  void stream_jsonList_givesEachDealItsLine() throws IOException {
    Path file = dir.resolve("deals.json");
    Files.writeString(
        file,
        """
        [
          {"id": "A", "stage": "lead"},
          {"id": "B", "stage": "lead", "probability": 140},
          7
        ]
        """);

    assertThat(rendered(all(file)))
        .containsExactly(
            "2 deal A",
            "3 " + file + ":3:47: invalid-value: 'probability' must be between 0 and 100, not 140",
            "4 " + file + ":4:3: wrong-type: each deal must be a mapping, not a number");
  }

  @Test
  void stream_missingFile_isOneRecordForTheWholeFile() {
    Path file = dir.resolve("nope.jsonl");

    List<DealRecord> records = all(file);

    assertThat(rendered(records))
        .containsExactly("0 " + file + ": file-unreadable: cannot read file: no such file");
    assertThat(records.get(0).isRow()).isFalse();
  }

  @Test
  void stream_lineLongerThanTheLimit_isSkippedUnheld_andTheNextLineRead() throws IOException {
    Path file = dir.resolve("deals.jsonl");
    try (var out = Files.newOutputStream(file)) {
      out.write("{\"id\": \"A\", \"name\": \"".getBytes());
      byte[] chunk = new byte[1 << 20];
      java.util.Arrays.fill(chunk, (byte) 'x');
      for (int i = 0; i < 17; i++) {
        out.write(chunk);
      }
      out.write("\", \"stage\": \"lead\"}\n{\"id\": \"B\", \"stage\": \"lead\"}\n".getBytes());
    }

    assertThat(rendered(all(file)))
        .containsExactly(
            "1 " + file + ":1:1: too-large: the line is longer than 16777216 bytes, the limit",
            "2 deal B");
  }

  @Test
  void read_stillThrowsEveryProblem_andParseReadsText() {
    List<Deal> deals = Deals.parse("x.yaml", "- {id: A, stage: lead}\n- {id: B, stage: lead}\n");

    assertThat(deals).extracting(Deal::id).containsExactly("A", "B");
  }
}
