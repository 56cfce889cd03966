package dev.playbook.cli;

import dev.playbook.Playbook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * A playbook named on the command line, not loaded yet: a folder, a YAML file or a built-in name.
 *
 * @param label the name as given, used in messages
 * @param path the folder or file on disk; null for a built-in playbook
 * @param loader loads it; throws {@link dev.playbook.problem.ProblemException} when it has problems
 */
record PlaybookSource(String label, Path path, Supplier<Playbook> loader) {

  Playbook load() {
    return loader.get();
  }

  /**
   * The playbook {@code name} stands for: a folder or file when it exists on disk, else a built-in
   * playbook of that name; otherwise a usage error that starts with {@code invalid} and lists the
   * built-in names.
   */
  static PlaybookSource of(String name, Environment env, CommandLine cmd, String invalid) {
    Path path = pathOrNull(name);
    if (path != null && Files.exists(path)) {
      return new PlaybookSource(name, path, () -> Playbook.load(path));
    }
    List<String> builtIns = env.builtInNames().get();
    if (builtIns.contains(name)) {
      return new PlaybookSource(name, null, () -> Playbook.builtIn(name));
    }
    throw new ParameterException(
        cmd,
        invalid
            + "'"
            + name
            + "' is neither a playbook folder or file nor a built-in playbook"
            + (builtIns.isEmpty()
                ? " (there are no built-in playbooks)"
                : " (the built-in playbooks are: " + String.join(", ", builtIns) + ")"));
  }

  /**
   * The playbook used when none is named: the built-in {@link Environment#DEFAULT_BUILT_IN} if
   * present, else {@link Environment#DEFAULT_FOLDER} under the home folder; otherwise a usage
   * error.
   */
  static PlaybookSource byDefault(Environment env, CommandLine cmd) {
    if (env.builtInNames().get().contains(Environment.DEFAULT_BUILT_IN)) {
      String name = Environment.DEFAULT_BUILT_IN;
      return new PlaybookSource(name, null, () -> Playbook.builtIn(name));
    }
    Path folder = env.home().resolve(Environment.DEFAULT_FOLDER);
    if (!Files.exists(folder)) {
      throw new ParameterException(
          cmd,
          "no --playbook given and no default playbook found"
              + " (looked for the built-in "
              + Environment.DEFAULT_BUILT_IN
              + " and the folder "
              + folder
              + ")");
    }
    return new PlaybookSource(folder.toString(), folder, () -> Playbook.load(folder));
  }

  static Path pathOrNull(String name) {
    try {
      return Path.of(name);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
