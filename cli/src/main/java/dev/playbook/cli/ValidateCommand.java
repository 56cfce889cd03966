package dev.playbook.cli;

import dev.playbook.Playbook;
import dev.playbook.conversations.PlaybookTrackers;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code playbook validate}: loads playbooks and prints every problem found in them. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Checks playbooks for problems.",
      "Loads each PLAYBOOK with the playbooks it extends, checks every file, condition and"
          + " reference, and the conversation trackers (*.trackers.yaml) of a playbook folder,"
          + " and prints each problem as file:line:column: code: message, or that the playbook is"
          + " ok."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  playbook validate playbooks/acme",
      "  playbook validate playbooks/acme/playbook.yaml meddic"
    })
final class ValidateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ParentCommand Main main;

  @Parameters(
      arity = "1..*",
      paramLabel = "PLAYBOOK",
      description =
          "A playbook folder (with playbook.yaml), a playbook YAML file, or the name of a"
              + " built-in playbook.")
  List<String> names = new ArrayList<>();

  @Override
  public Integer call() {
    List<PlaybookSource> sources = new ArrayList<>();
    for (String name : names) {
      sources.add(
          PlaybookSource.of(
              name, main.environment(), spec.commandLine(), "Invalid value for PLAYBOOK: "));
    }
    PrintWriter out = spec.commandLine().getOut();
    // A problem of a parent that two playbooks extend is printed once.
    Set<Problem> found = new TreeSet<>();
    for (PlaybookSource source : sources) {
      List<Problem> problems = new ArrayList<>();
      Playbook playbook = null;
      try {
        playbook = source.load();
      } catch (ProblemException e) {
        problems.addAll(e.problems());
      }
      int trackers = 0;
      if (source.path() != null && Files.isDirectory(source.path())) {
        try {
          trackers = PlaybookTrackers.load(source.path()).specs().size();
          // as evaluate and signals use them: together with the built-in trackers
          Transcripts.trackers(List.of(source.path()));
        } catch (ProblemException e) {
          problems.addAll(e.problems());
        }
      }
      if (problems.isEmpty()) {
        out.println(
            source.label()
                + ": ok ("
                + TextReport.count(playbook.ruleIds().size(), "rule")
                + ", "
                + TextReport.count(playbook.stages().size(), "stage")
                + (trackers == 0 ? "" : ", " + TextReport.count(trackers, "tracker"))
                + ")");
      }
      for (Problem p : problems.stream().sorted().toList()) {
        if (found.add(p)) {
          out.println(p.render());
        }
      }
    }
    if (!found.isEmpty()) {
      out.println(TextReport.count(found.size(), "problem") + " found");
    }
    out.flush();
    return found.isEmpty() ? 0 : 1;
  }
}
