package dev.playbook.internal.load;

import dev.playbook.internal.tree.Problems;
import dev.playbook.problem.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The files of a playbook on disk, read in one pass: every folder's listing, and every file's size,
 * modification time, identity and content, for the playbook, the playbooks it extends by a path
 * (found from the contents read in the same pass) and any other watched path. Loading from a
 * snapshot reads nothing more from disk, so a version is compiled from exactly the contents whose
 * fingerprints were compared. Immutable.
 *
 * <p>A file whose size, time and identity are unchanged since the previous pass, and whose
 * modification time is more than {@link #RACY} old, keeps its content from that pass instead of
 * being read again; a file changed more recently is always read again, since a file system that
 * keeps times coarsely can change a file twice within one tick. A file that changed while it was
 * read is marked as changing, so that no two passes agree on it.
 */
public final class Snapshot implements FileSource {

  /**
   * How old a file's modification time must be for its content to be taken from the previous pass.
   */
  static final java.time.Duration RACY = java.time.Duration.ofSeconds(2);

  /** The most playbooks (the one watched and those it extends) one snapshot follows. */
  static final int MAX_ROOTS = 64;

  /** One file as the pass saw it; {@code problems} name it by its absolute path. */
  private record FileState(
      Object stamp, FileTime modified, String hash, String content, List<Problem> problems) {
    List<Object> fingerprint() {
      return List.of(stamp, Objects.toString(hash), problems);
    }
  }

  /** A folder's parts, relative to it, and the problems of listing it. */
  private record Listing(List<Path> parts, List<Problem> problems) {}

  private final Map<Path, FileState> files;
  private final Map<Path, Listing> folders;

  private Snapshot(Map<Path, FileState> files, Map<Path, Listing> folders) {
    this.files = files;
    this.folders = folders;
  }

  /**
   * Reads the playbook at {@code playbook} (a folder or a file), the playbooks it extends by a
   * path, and the {@code alsoWatch} paths.
   *
   * @param previous the previous pass, whose contents may be reused (see the class comment); or
   *     null
   */
  public static Snapshot take(Path playbook, Collection<Path> alsoWatch, Snapshot previous) {
    Map<Path, FileState> files = new LinkedHashMap<>();
    Map<Path, Listing> folders = new LinkedHashMap<>();
    Instant racy = Instant.now().minus(RACY);
    Deque<Path> pendingRoots = new ArrayDeque<>();
    pendingRoots.add(abs(playbook));
    Set<Path> seen = new HashSet<>();
    int roots = 0;
    while (!pendingRoots.isEmpty() && roots < MAX_ROOTS) {
      Path root = pendingRoots.poll();
      if (!seen.add(root)) {
        continue;
      }
      roots++;
      boolean folder = Files.isDirectory(root);
      Path main = folder ? root.resolve(PlaybookFiles.MAIN) : root;
      visit(root, folder, files, folders, previous, racy);
      FileState m = files.get(main);
      pendingRoots.addAll(PlaybookFiles.extendsPaths(root, folder, m == null ? null : m.content()));
    }
    for (Path p : alsoWatch) {
      Path a = abs(p);
      if (seen.add(a)) {
        visit(a, Files.isDirectory(a), files, folders, previous, racy);
      }
    }
    return new Snapshot(files, folders);
  }

  private static void visit(
      Path root,
      boolean folder,
      Map<Path, FileState> files,
      Map<Path, Listing> folders,
      Snapshot previous,
      Instant racy) {
    if (!folder) {
      files.put(root, read(root, null, previous, racy));
      return;
    }
    Problems listing = new Problems();
    List<Path> parts = PlaybookFiles.parts(root, listing);
    folders.put(root, new Listing(parts.stream().map(root::relativize).toList(), listing.list()));
    Path main = root.resolve(PlaybookFiles.MAIN);
    files.put(main, read(main, root, previous, racy));
    for (Path p : parts) {
      files.put(p, read(p, root, previous, racy));
    }
  }

  private static FileState read(Path file, Path root, Snapshot previous, Instant racy) {
    BasicFileAttributes before = attributes(file);
    Object stamp = stamp(before);
    FileState last = previous == null ? null : previous.files.get(file);
    if (last != null
        && before != null
        && last.stamp().equals(stamp)
        && before.lastModifiedTime().toInstant().isBefore(racy)) {
      return last;
    }
    Problems problems = new Problems();
    String content = PlaybookFiles.read(file, file.toString(), root, problems);
    Object after = stamp(attributes(file));
    if (!after.equals(stamp)) {
      stamp = List.of("changing", stamp, after);
    }
    return new FileState(
        stamp,
        before == null ? null : before.lastModifiedTime(),
        content == null ? null : sha256(content),
        content,
        problems.list());
  }

  private static BasicFileAttributes attributes(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException | SecurityException e) {
      return null;
    }
  }

  private static Object stamp(BasicFileAttributes a) {
    if (a == null) {
      return "missing";
    }
    return List.of(a.size(), a.lastModifiedTime(), String.valueOf(a.fileKey()), a.isRegularFile());
  }

  private static String sha256(String content) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static Path abs(Path p) {
    return p.toAbsolutePath().normalize();
  }

  /**
   * Whether two passes saw the same: the same folders with the same files, each with the same size,
   * time, identity and content. False against null.
   */
  public boolean sameAs(Snapshot other) {
    if (other == null || !folders.equals(other.folders) || files.size() != other.files.size()) {
      return false;
    }
    for (Map.Entry<Path, FileState> e : files.entrySet()) {
      FileState o = other.files.get(e.getKey());
      if (o == null || !e.getValue().fingerprint().equals(o.fingerprint())) {
        return false;
      }
    }
    return true;
  }

  /** How many files the pass looked at. */
  public int fileCount() {
    return files.size();
  }

  // ------------------------------------------------------------------ loading from the snapshot

  @Override
  public boolean exists(Path path) {
    Path a = abs(path);
    FileState f = files.get(a);
    return folders.containsKey(a) || (f != null && !"missing".equals(f.stamp()));
  }

  @Override
  public boolean isDirectory(Path path) {
    return folders.containsKey(abs(path));
  }

  @Override
  public String read(Path file, String displayName, Path root, Problems problems) {
    FileState f = files.get(abs(file));
    if (f == null) {
      problems.add(
          new Problem("file-unreadable", displayName, 0, 0, "cannot read file: no such file"));
      return null;
    }
    for (Problem p : f.problems()) {
      problems.add(new Problem(p.code(), displayName, p.line(), p.column(), p.message()));
    }
    return f.content();
  }

  @Override
  public List<Path> parts(Path folder, Problems problems) {
    Listing l = folders.get(abs(folder));
    if (l == null) {
      problems.add(
          new Problem(
              "file-unreadable",
              folder.toString(),
              0,
              0,
              "cannot list the playbook folder: it was removed while the playbook was loading"));
      return List.of();
    }
    for (Problem p : l.problems()) {
      problems.add(new Problem(p.code(), folder.toString(), p.line(), p.column(), p.message()));
    }
    List<Path> out = new ArrayList<>();
    l.parts().forEach(rel -> out.add(folder.resolve(rel)));
    return out;
  }
}
