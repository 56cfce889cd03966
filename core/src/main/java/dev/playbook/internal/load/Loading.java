package dev.playbook.internal.load;

import dev.playbook.internal.engine.CompiledPlaybook;
import dev.playbook.internal.tree.Pos;
import dev.playbook.internal.tree.Problems;
import java.nio.file.Path;
import java.util.List;

/** Entry points that load, merge and compile a playbook, or throw every problem found. */
public final class Loading {

  private Loading() {}

  public static Loaded fromPath(Path path, ClassLoader classLoader) {
    return fromPath(path, PlaybookFiles.DISK, classLoader);
  }

  /**
   * Loads the playbook at {@code path} from the contents of a snapshot, reading nothing more from
   * disk; the snapshot must have been taken of {@code path}.
   */
  public static Loaded fromSnapshot(Path path, Snapshot snapshot, ClassLoader classLoader) {
    return fromPath(path, snapshot, classLoader);
  }

  private static Loaded fromPath(Path path, FileSource source, ClassLoader classLoader) {
    Problems problems = new Problems();
    if (!source.exists(path)) {
      problems.add(
          "file-unreadable", Pos.unknown(path.toString()), "no such playbook folder or file");
      problems.throwIfAny();
    }
    if (source.isDirectory(path) && !source.exists(path.resolve(Origin.MAIN))) {
      problems.add(
          "file-unreadable",
          Pos.unknown(path.toString()),
          "this folder has no " + Origin.MAIN + "; a playbook folder needs one");
      problems.throwIfAny();
    }
    return run(new Origin.Disk(path, source), problems, classLoader);
  }

  public static Loaded builtIn(String name, ClassLoader classLoader) {
    Problems problems = new Problems();
    if (!Origin.BuiltIn.exists(name, classLoader)) {
      List<String> names = builtInNames(classLoader);
      problems.add(
          "unknown-playbook",
          Pos.unknown(name),
          "there is no built-in playbook named '"
              + name
              + "'"
              + dev.playbook.internal.tree.DidYouMean.hint(name, names)
              + (names.isEmpty()
                  ? ""
                  : "; the built-in playbooks are: " + String.join(", ", names)));
      problems.throwIfAny();
    }
    return run(new Origin.BuiltIn(name, classLoader), problems, classLoader);
  }

  public static Loaded fromString(String fileName, String content, ClassLoader classLoader) {
    return run(new Origin.Memory(fileName, content), new Problems(), classLoader);
  }

  public static List<String> builtInNames(ClassLoader classLoader) {
    return Loader.builtIns(classLoader);
  }

  /**
   * A loaded playbook with the files it was read from.
   *
   * @param files every file read, its own and those of the playbooks it extends, by display name
   *     (as problems name them), sorted
   * @param revision the content hash of those files (see {@link Revision})
   */
  public record Loaded(CompiledPlaybook compiled, List<String> files, String revision) {}

  private static Loaded run(Origin origin, Problems problems, ClassLoader classLoader) {
    Loader loader = new Loader(problems, classLoader);
    Merged merged = loader.load(origin);
    problems.throwIfAny();
    CompiledPlaybook compiled = new PlaybookCompiler(problems, loader.contents()).compile(merged);
    problems.throwIfAny();
    return new Loaded(
        compiled,
        loader.contents().keySet().stream().sorted().toList(),
        Revision.of(loader.byRevisionName()));
  }
}
