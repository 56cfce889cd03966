package dev.playbook.cli;

import dev.playbook.Deals;
import dev.playbook.Playbook;
import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The playbooks and the deal file a command works on, loaded together so that one run reports every
 * problem of every file at once.
 *
 * @param playbooks the playbooks that loaded, in the order named
 * @param deals the deals read, in file order; empty if the file has problems
 * @param problems every problem found, sorted; when not empty the command stops
 */
record Inputs(List<Playbook> playbooks, List<Deal> deals, Set<Problem> problems) {

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
    List<Deal> deals = List.of();
    try {
      deals = Deals.read(dealsFile);
    } catch (ProblemException e) {
      problems.addAll(e.problems());
    }
    return new Inputs(List.copyOf(loaded), deals, problems);
  }
}
