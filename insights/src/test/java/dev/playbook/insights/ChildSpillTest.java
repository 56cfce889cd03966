package dev.playbook.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.insights.trail.TrailFormat;
import dev.playbook.insights.trail.TrailGenerator;
import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Child rows held on disk give what they give in memory, and their files do not outlive reading.
 */
class ChildSpillTest {

  @TempDir Path dir;
  Path sf;

  @BeforeEach
  void generate() throws Exception {
    sf = dir.resolve("sf");
    TrailGenerator.withSeed(11).generate(40, TrailFormat.SALESFORCE, sf, n -> {});
    // one task of an unknown opportunity, one with a malformed date, one opportunity removed
    List<String> tasks = Files.readAllLines(sf.resolve("Task.csv"), StandardCharsets.UTF_8);
    tasks.add(
        "00T8d00000ZZZZ1AAA"
            + tasks
                .get(1)
                .substring(18)
                .replaceFirst(",0068d[0-9A-Za-z]{13},", ",0068d00000000ZZAAA,"));
    tasks.add(
        "00T8d00000ZZZZ2AAA"
            + tasks
                .get(2)
                .substring(18)
                .replaceFirst(",20[0-9-]{8}T[0-9:.]{12}Z,", ",31/13/2025,"));
    Files.write(sf.resolve("Task.csv"), tasks, StandardCharsets.UTF_8);
    List<String> deals = Files.readAllLines(sf.resolve("Opportunity.csv"), StandardCharsets.UTF_8);
    deals.remove(5);
    Files.write(sf.resolve("Opportunity.csv"), deals, StandardCharsets.UTF_8);
  }

  private record Read(
      List<Deal> deals,
      List<Problem> problems,
      List<DealSource.ChildRows> counts,
      long spilled,
      List<Path> folders) {}

  private Read read(int held, int run) {
    List<Deal> deals = new ArrayList<>();
    try (DealSource s =
        DealSource.open(sf, CsvMapping.builtIn("salesforce")).holdingChildRows(held, run)) {
      s.forEachRemaining(deals::add);
      return new Read(deals, s.problems(), s.childRows(), s.spilledChildRows(), s.spillFolders());
    }
  }

  @Test
  void read_childRowsOnDisk_givesTheSameDealsProblemsAndCountsAsInMemory() {
    // given the book read with every child row in memory
    Read memory = read(Integer.MAX_VALUE, ChildSpill.RUN_ROWS);
    assertThat(memory.spilled()).isZero();

    // when it is read with at most 10 rows in memory and runs of 7 rows
    Read disk = read(10, 7);

    // then the rows went to disk and the deals, their order, problems and counts are the same
    long kept = disk.counts().stream().mapToLong(c -> c.read() + c.orphaned()).sum();
    assertThat(disk.spilled()).isEqualTo(kept).isGreaterThan(500);
    assertThat(disk.deals()).hasSize(39).isEqualTo(memory.deals());
    assertThat(disk.problems()).isEqualTo(memory.problems());
    assertThat(disk.counts()).isEqualTo(memory.counts());
    assertThat(disk.problems())
        .extracting(Problem::code)
        .contains("unknown-parent", "invalid-value");
    assertThat(disk.counts().stream().mapToLong(DealSource.ChildRows::orphaned).sum())
        .isGreaterThan(1);
    assertThat(disk.folders()).isEmpty();
  }

  @Test
  void close_beforeTheLastDeal_deletesTheRowsOnDisk() {
    // given a book whose child rows are on disk, read up to its third deal
    Path folder;
    try (DealSource s =
        DealSource.open(sf, CsvMapping.builtIn("salesforce")).holdingChildRows(10, 7)) {
      s.next();
      s.next();
      s.next();
      assertThat(s.spillFolders()).hasSize(1);
      folder = s.spillFolders().get(0);
      assertThat(folder).isDirectory();
      assertThat(folder.getFileName().toString()).startsWith("playbook-children-");

      // when the source is closed
    }

    // then the folder and its files are gone
    assertThat(folder).doesNotExist();
  }
}
