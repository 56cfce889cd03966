package dev.playbook.internal.load;

import dev.playbook.internal.tree.Problems;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the loader reads a playbook's files: the disk as it is now ({@link PlaybookFiles#DISK}), or
 * a {@link Snapshot} of them taken in one pass.
 */
interface FileSource {

  boolean exists(Path path);

  boolean isDirectory(Path path);

  /**
   * The text of a playbook file, or null with the reason among the problems.
   *
   * @param root the playbook folder the file belongs to, which it must not leave through a symbolic
   *     link; null for a playbook given as a single file
   */
  String read(Path file, String displayName, Path root, Problems problems);

  /** The parts of a playbook folder, sorted; a folder that cannot be listed is a problem. */
  List<Path> parts(Path folder, Problems problems);
}
