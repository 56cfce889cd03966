package dev.playbook.cli;

import dev.playbook.Playbook;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the command takes from its surroundings rather than from its arguments.
 *
 * @param home the folder defaults are looked up in: the repository root when started by {@code
 *     bin/playbook} (system property {@code playbook.home}), else the current folder
 * @param builtInNames the names of the built-in playbooks on the classpath
 * @param resources where resources shipped with the command, such as the JSON schemas, are read
 */
record Environment(Path home, Supplier<List<String>> builtInNames, ClassLoader resources) {

  /** Resources come from the command's own classpath. */
  Environment(Path home, Supplier<List<String>> builtInNames) {
    this(home, builtInNames, Environment.class.getClassLoader());
  }

  /** The built-in playbook used when no {@code --playbook} is given, if it is on the classpath. */
  static final String DEFAULT_BUILT_IN = "standard-b2b";

  /** The example playbook used otherwise, relative to {@link #home()}. */
  static final Path DEFAULT_FOLDER = Path.of("examples", "playbooks", "acme");

  static Environment system() {
    String home = System.getProperty("playbook.home");
    return new Environment(
        home == null || home.isBlank() ? Path.of("") : Path.of(home), Playbook::builtInNames);
  }
}
