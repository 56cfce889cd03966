package dev.playbook.internal.load;

import dev.playbook.internal.tree.Node;
import dev.playbook.internal.tree.Pos;
import dev.playbook.internal.tree.Problems;
import dev.playbook.internal.tree.TreeReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Which files make up a playbook on disk, in one place for the loader, the rule test runner and the
 * reloading playbook: a folder's {@code playbook.yaml} and every other {@code .yaml}/{@code .yml}
 * file up to {@link #MAX_WALK_DEPTH} folders down, rule tests ({@code *.test.yaml}, {@code
 * *.test.yml}) excluded; the {@code extends} entries that name a folder or file rather than a
 * built-in; and the limits on the size of playbook and rule test files and on the number of files.
 *
 * <p>Reading keeps to the playbook folder: a file that is a symbolic link to somewhere outside it
 * is refused ({@code file-outside-playbook}, nothing of it is read); a named pipe, socket or device
 * is a problem, not a file to read or skip; a folder that vanishes while it is listed is a problem;
 * a folder with more than {@link #MAX_FILES} files is {@code too-many-files}. Symbolic links to
 * folders are not followed, and a link that points nowhere (such as an editor's lock file) is not a
 * file of the playbook.
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

  /** The most files (playbook.yaml and its parts) one playbook folder may hold. */
  public static final int MAX_FILES = 10_000;

  /** The disk as it is now. */
  static final FileSource DISK =
      new FileSource() {
        @Override
        public boolean exists(Path path) {
          return Files.exists(path);
        }

        @Override
        public boolean isDirectory(Path path) {
          return Files.isDirectory(path);
        }

        @Override
        public String read(Path file, String displayName, Path root, Problems problems) {
          return PlaybookFiles.read(file, displayName, root, problems);
        }

        @Override
        public List<Path> parts(Path folder, Problems problems) {
          return PlaybookFiles.parts(folder, problems);
        }
      };

  private PlaybookFiles() {}

  /** Whether a file name is a rule test: {@code x.test.yaml} or {@code x.test.yml}. */
  public static boolean isTest(String fileName) {
    return (fileName.endsWith(".test.yaml") || fileName.endsWith(".test.yml"))
        && !isTrackers(fileName);
  }

  /**
   * Whether a file holds conversation trackers or their tests ({@code x.trackers.yaml}, {@code
   * x.trackers.test.yaml}): read by the conversations module, neither a part nor a rule test.
   */
  public static boolean isTrackers(String fileName) {
    return fileName.endsWith(".trackers.yaml") || fileName.endsWith(".trackers.test.yaml");
  }

  /**
   * Whether a file in a playbook folder is one of its parts: YAML, not a rule test, not {@code
   * playbook.yaml}.
   */
  public static boolean isPart(String fileName) {
    return (fileName.endsWith(".yaml") || fileName.endsWith(".yml"))
        && !isTest(fileName)
        && !isTrackers(fileName)
        && !fileName.equals(MAIN);
  }

  /**
   * Whether an {@code extends} entry names a folder or file (it has a slash, starts with a dot, or
   * ends in {@code .yaml}/{@code .yml}) rather than a built-in playbook.
   */
  public static boolean isExtendsPath(String entry) {
    return entry.contains("/")
        || entry.startsWith(".")
        || entry.endsWith(".yaml")
        || entry.endsWith(".yml");
  }

  /** The parts of a playbook folder, sorted; a folder that cannot be listed is a problem. */
  static List<Path> parts(Path folder, Problems problems) {
    Path main = folder.resolve(MAIN);
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(folder, MAX_WALK_DEPTH)) {
      Iterator<Path> it = s.iterator();
      while (it.hasNext()) {
        Path p = it.next();
        Path name = p.getFileName();
        if (name == null
            || p.equals(main)
            || !isPart(name.toString())
            || Files.isDirectory(p)
            || dangling(p)) {
          continue;
        }
        out.add(p);
        if (out.size() + 1 > MAX_FILES) {
          problems.add(
              "too-many-files",
              Pos.unknown(folder.toString()),
              "the playbook folder holds more than "
                  + MAX_FILES
                  + " playbook files, the limit; split it into playbooks that extend each other");
          return List.of();
        }
      }
    } catch (IOException e) {
      problems.add("file-unreadable", Pos.unknown(folder.toString()), unlistable(folder, e));
      return List.of();
    } catch (UncheckedIOException e) {
      problems.add(
          "file-unreadable", Pos.unknown(folder.toString()), unlistable(folder, e.getCause()));
      return List.of();
    }
    out.sort(null);
    return out;
  }

  private static String unlistable(Path folder, IOException e) {
    if (e instanceof NoSuchFileException n) {
      String gone =
          n.getFile() == null || n.getFile().equals(folder.toString()) ? "it" : n.getFile();
      return "cannot list the playbook folder: "
          + gone
          + " was removed while the playbook was loading";
    }
    if (e instanceof AccessDeniedException) {
      return "cannot list the playbook folder: permission denied";
    }
    return "cannot list the playbook folder: the system refused to list it";
  }

  /**
   * A symbolic link that points nowhere, such as an editor's lock file: not a file of the playbook.
   */
  private static boolean dangling(Path p) {
    return Files.isSymbolicLink(p) && !Files.exists(p);
  }

  /**
   * Reads a playbook file from disk: refused if it leaves {@code root} through a symbolic link or
   * is not a regular file, else read as UTF-8 text of at most {@link #MAX_FILE_BYTES}.
   */
  static String read(Path file, String displayName, Path root, Problems problems) {
    Pos at = Pos.unknown(displayName);
    try {
      if (root != null && !file.toRealPath().startsWith(root.toRealPath())) {
        problems.add(
            "file-outside-playbook",
            at,
            "this is a symbolic link to a file outside the playbook folder;"
                + " files outside it are not read");
        return null;
      }
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      if (a.isOther()) {
        problems.add(
            "file-unreadable",
            at,
            "cannot read file: it is a named pipe, socket or device, not a regular file");
        return null;
      }
    } catch (IOException | SecurityException e) {
      // not there, or not readable: reading says which
    }
    return TreeReader.readFile(file, displayName, MAX_FILE_BYTES, problems);
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
    return extendsPaths(
        path, folder, TreeReader.readFile(main, main.toString(), MAX_FILE_BYTES, ignored));
  }

  /** As {@link #extendsPaths(Path)}, from the text of the playbook's main file (null: none). */
  static List<Path> extendsPaths(Path path, boolean folder, String text) {
    Problems ignored = new Problems();
    Path main = folder ? path.resolve(MAIN) : path;
    Node root = text == null ? null : TreeReader.readYaml(main.toString(), text, ignored);
    if (!(root instanceof Node.MapNode map)) {
      return List.of();
    }
    Node ext = map.get("extends");
    List<Node> items =
        ext instanceof Node.ListNode list ? list.items() : ext == null ? List.of() : List.of(ext);
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
