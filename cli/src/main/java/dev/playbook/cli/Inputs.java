package dev.playbook.cli;

import dev.playbook.Deals;
import dev.playbook.Playbook;
import dev.playbook.insights.DealSource;
import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import dev.playbook.result.DealRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The playbooks and the deal file a command works on, loaded together so that one run reports every
 * problem of every file at once.
 *
 * @param playbooks the playbooks that loaded, in the order named
 * @param deals the deals read, in file order; empty if the file has problems
 * @param problems every problem found, sorted; when not empty the command stops
 */
record Inputs(
    List<Playbook> playbooks,
    List<Deal> deals,
    Set<Problem> problems,
    List<Problem> rowProblems,
    long badRows) {

  Inputs(List<Playbook> playbooks, List<Deal> deals, Set<Problem> problems) {
    this(playbooks, deals, problems, List.of(), 0);
  }

  /**
   * The playbooks, and the deals of {@code source} (an export read through a mapping, or a
   * database): a bad row is left out with its problem in {@code rowProblems}, and the command goes
   * on with the others.
   */
  static Inputs read(List<PlaybookSource> sources, DealSource source) {
    Inputs playbooks = load(sources, null);
    List<Deal> deals = new ArrayList<>();
    try (source) {
      source.forEachRemaining(deals::add);
      return new Inputs(
          playbooks.playbooks(),
          List.copyOf(deals),
          playbooks.problems(),
          source.problems(),
          source.badRows()
              + source.childRows().stream().mapToLong(DealSource.ChildRows::bad).sum());
    }
  }

  /** These inputs with the row problems of {@code read}. */
  Inputs withRows(List<Problem> rowProblems, long badRows) {
    return new Inputs(playbooks, deals, problems, rowProblems, badRows);
  }

  static Inputs load(List<PlaybookSource> sources, Path dealsFile) {
    Set<Problem> problems = new TreeSet<>();
    List<Playbook> loaded = new ArrayList<>();
    for (PlaybookSource source : sources) {
      try {
        loaded.add(source.load());
      } catch (ProblemException e) {
        problems.addAll(e.problems());
      }
    }
    List<Deal> deals = new ArrayList<>();
    if (dealsFile != null) {
      try (Stream<DealRecord> records = Deals.stream(dealsFile)) {
        records.forEach(
            r -> {
              DealRecord checked = r;
              // a custom value of another type than a playbook declares is a problem of the file
              for (Playbook p : loaded) {
                checked = p.check(checked);
              }
              checked.deal().ifPresent(deals::add);
              problems.addAll(checked.problems());
            });
      } catch (ProblemException e) {
        problems.addAll(e.problems());
      }
    }
    return new Inputs(
        List.copyOf(loaded), problems.isEmpty() ? List.copyOf(deals) : List.of(), problems);
  }
}
