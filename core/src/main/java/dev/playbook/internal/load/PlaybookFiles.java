package dev.playbook.internal.load;

import dev.playbook.internal.tree.Node;
import dev.playbook.internal.tree.Pos;
import dev.playbook.internal.tree.Problems;
import dev.playbook.internal.tree.TreeReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Which files make up a playbook on disk, in one place for the loader, the rule test runner and
 * the reloading playbook: a folder's {@code playbook.yaml} and every other {@code .yaml}/{@code
 * .yml} file up to {@link #MAX_WALK_DEPTH} folders down, rule tests ({@code *.test.yaml}, {@code
 * *.test.yml}) excluded; the {@code extends} entries that name a folder or file rather than a
 * built-in; and the size limits of playbook and rule test files.
 */
public final class PlaybookFiles {

  /** The main file of a playbook folder. */
  public static final String MAIN = "playbook.yaml";
  /** The largest playbook file read, in bytes. */
  public static final long MAX_FILE_BYTES = 1L << 20;
  /** The largest rule test file read, in bytes (its deals can be long). */
  public static final long MAX_TEST_FILE_BYTES = 16L << 20;
  /** How many folders below the playbook folder rule files and rule tests are looked for. */
  public static final int MAX_WALK_DEPTH = 8;

  private PlaybookFiles() {}

  /** Whether a file name is a rule test: {@code x.test.yaml} or {@code x.test.yml}. */
  public static boolean isTest(String fileName) {
    return fileName.endsWith(".test.yaml") || fileName.endsWith(".test.yml");
  }

  /** Whether a file in a playbook folder is one of its parts: YAML, not a rule test, not {@code playbook.yaml}. */
  public static boolean isPart(String fileName) {
    return (fileName.endsWith(".yaml") || fileName.endsWith(".yml")) && !isTest(fileName) && !fileName.equals(MAIN);
  }

  /**
   * Whether an {@code extends} entry names a folder or file (it has a slash, starts with a dot, or
   * ends in {@code .yaml}/{@code .yml}) rather than a built-in playbook.
   */
  public static boolean isExtendsPath(String entry) {
    return entry.contains("/") || entry.startsWith(".") || entry.endsWith(".yaml") || entry.endsWith(".yml");
  }

  /** The parts of a playbook folder, sorted; a folder that cannot be listed is a problem. */
  static List<Path> parts(Path folder, Problems problems) {
    Path main = folder.resolve(MAIN);
    try {
      return walk(folder, p -> !p.equals(main) && isPart(p.getFileName().toString()));
    } catch (IOException | UncheckedIOException e) {
      problems.add("file-unreadable", Pos.unknown(folder.toString()), "cannot list the playbook folder: "
          + String.valueOf(e.getMessage()));
      return List.of();
    }
  }

  /**
   * The files a playbook at {@code path} is loaded from, without those of playbooks it extends:
   * a folder's {@code playbook.yaml} and parts, or the single file.
   *
   * @throws IOException if the folder cannot be listed
   */
  public static List<Path> ownFiles(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    Path main = path.resolve(MAIN);
    List<Path> out = new ArrayList<>();
    out.add(main);
    try {
      out.addAll(walk(path, p -> !p.equals(main) && isPart(p.getFileName().toString())));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return out;
  }

  /**
   * The rule test files under {@code root}, sorted, or {@code root} itself if it is a file.
   *
   * @throws UncheckedIOException if the folder cannot be listed
   */
  public static List<Path> tests(Path root) {
    if (Files.isRegularFile(root)) {
      return List.of(root);
    }
    try {
      return walk(root, p -> isTest(p.getFileName().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
  }

  /**
   * The playbooks that the playbook at {@code path} (a folder or a file) extends by a path, as
   * absolute paths resolved as the loader resolves them; none if its main file cannot be read.
   */
  public static List<Path> extendsPaths(Path path) {
    boolean folder = Files.isDirectory(path);
    Path main = folder ? path.resolve(MAIN) : path;
    if (!Files.isRegularFile(main)) {
      return List.of();
    }
    Problems ignored = new Problems();
    String text = TreeReader.readFile(main, main.toString(), MAX_FILE_BYTES, ignored);
    Node root = text == null ? null : TreeReader.readYaml(main.toString(), text, ignored);
    if (!(root instanceof Node.MapNode map)) {
      return List.of();
    }
    Node ext = map.get("extends");
    List<Node> items = ext instanceof Node.ListNode list ? list.items() : ext == null ? List.of() : List.of(ext);
    Path base = folder ? path : path.toAbsolutePath().getParent();
    List<Path> out = new ArrayList<>();
    for (Node n : items) {
      if (n instanceof Node.Scalar s && base != null && isExtendsPath(s.text())) {
        try {
          out.add(base.resolve(s.text()).toAbsolutePath().normalize());
        } catch (RuntimeException e) {
          // not a path this system can name; the loader reports it
        }
      }
    }
    return out;
  }

  private static List<Path> walk(Path root, Predicate<Path> keep) throws IOException {
    try (Stream<Path> s = Files.walk(root, MAX_WALK_DEPTH)) {
      return s.filter(Files::isRegularFile).filter(keep).sorted().toList();
    }
  }
}
