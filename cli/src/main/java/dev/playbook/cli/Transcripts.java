package dev.playbook.cli;

import dev.playbook.conversations.DealSignals;
import dev.playbook.conversations.PlaybookTrackers;
import dev.playbook.conversations.ReadLimits;
import dev.playbook.conversations.TrackerSpec;
import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  static Inputs enrich(Inputs inputs, List<PlaybookSource> sources, Path dir) {
    Set<Problem> problems = new TreeSet<>(inputs.problems());
    if (!Files.isDirectory(dir)) {
      problems.add(
          new Problem(
              "file-unreadable",
              dir.toString(),
              0,
              0,
              "cannot read the transcripts: no such folder"));
      return new Inputs(inputs.playbooks(), List.of(), problems);
    }
    DealSignals signals;
    try {
      signals = DealSignals.of(trackers(sources.stream().map(PlaybookSource::path).toList()));
    } catch (ProblemException e) {
      problems.addAll(e.problems());
      return new Inputs(inputs.playbooks(), List.of(), problems);
    }
    List<Deal> deals = new ArrayList<>();
    for (Deal deal : inputs.deals()) {
      try {
        deals.add(
            signals
                .enrich(deal, DealSignals.readFolder(dir, deal, ReadLimits.DEFAULT), Map.of())
                .deal());
      } catch (ProblemException e) {
        problems.addAll(e.problems());
      }
    }
    return new Inputs(inputs.playbooks(), deals, problems);
  }
}
