package dev.playbook.cli;

import dev.playbook.conversations.DealSignals;
import dev.playbook.conversations.PlaybookTrackers;
import dev.playbook.conversations.ReadLimits;
import dev.playbook.conversations.TrackerSpec;
import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** {@code --transcripts DIR}: the deals with the facts their conversations hold. */
final class Transcripts {

  private Transcripts() {}

  /** The trackers: the built-in ones and those of every playbook folder among {@code sources}. */
  static PlaybookTrackers trackers(List<Path> folders) {
    List<TrackerSpec> specs = new ArrayList<>(PlaybookTrackers.builtin().specs());
    List<Problem> problems = new ArrayList<>();
    for (Path folder : folders) {
      if (folder != null && Files.isDirectory(folder)) {
        try {
          specs.addAll(PlaybookTrackers.load(folder).specs());
        } catch (ProblemException e) {
          problems.addAll(e.problems());
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ProblemException(problems);
    }
    return PlaybookTrackers.of(specs);
  }

  /** The most warnings printed; the rest are counted. */
  static final int MAX_WARNINGS_PRINTED = 50;

  static Inputs enrich(Inputs inputs, List<PlaybookSource> sources, Path dir, PrintWriter err) {
    Set<Problem> problems = new TreeSet<>(inputs.problems());
    if (!Files.isDirectory(dir)) {
      problems.add(noFolder(dir));
      return new Inputs(inputs.playbooks(), List.of(), problems);
    }
    DealSignals signals;
    try {
      signals = DealSignals.of(trackers(sources.stream().map(PlaybookSource::path).toList()));
    } catch (ProblemException e) {
      problems.addAll(e.problems());
      return new Inputs(inputs.playbooks(), List.of(), problems);
    }
    Warnings warnings = new Warnings(err);
    List<Deal> deals = new ArrayList<>();
    for (Deal deal : inputs.deals()) {
      try {
        DealSignals.Enriched e = signals.enrich(deal, dir, ReadLimits.DEFAULT);
        warnings.addAll(e.warnings());
        deals.add(e.deal());
      } catch (ProblemException e) {
        problems.addAll(e.problems());
      }
    }
    warnings.close();
    return new Inputs(inputs.playbooks(), deals, problems);
  }

  static Problem noFolder(Path dir) {
    return new Problem(
        "file-unreadable", dir.toString(), 0, 0, "cannot read the transcripts: no such folder");
  }

  /**
   * What the analyses could not do, such as speakers nobody could be matched to, printed on {@code
   * err} as {@code warning: FILE:LINE:COL: CODE: MESSAGE}: the first {@value #MAX_WARNINGS_PRINTED}
   * and then how many more there were.
   */
  static final class Warnings {
    private final PrintWriter err;
    private long count;

    Warnings(PrintWriter err) {
      this.err = err;
    }

    synchronized void addAll(List<Problem> problems) {
      for (Problem p : problems) {
        if (count++ < MAX_WARNINGS_PRINTED) {
          err.println("warning: " + p.render());
        }
      }
    }

    synchronized void close() {
      if (count > MAX_WARNINGS_PRINTED) {
        err.println("warning: " + (count - MAX_WARNINGS_PRINTED) + " more warnings not shown");
      }
      err.flush();
    }
  }
}
