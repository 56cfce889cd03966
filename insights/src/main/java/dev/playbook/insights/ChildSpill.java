package dev.playbook.insights;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The kept rows of the child tables, held until their deal is read: in memory while they are few
 * ({@link #heldLimit} rows), else on disk, in a private temporary folder deleted on {@link #close}.
 *
 * <p>On disk the rows are written to {@value #PARTITIONS} files by a hash of their deal key. When
 * the rows are all written, the deal table is read once for the keys of its good deals and the line
 * of each ({@link #index}); the keys go to the same partitions. Each partition is then read with
 * its deal keys in memory: a row whose key is not among them is an orphan (counted, its first row
 * kept for the report), the others are tagged with their deal's line and written sorted by (deal
 * line, row order) in runs of at most {@link #runRows} rows. Reading the deal table again, the runs
 * are merged by deal line, so each deal gets its rows in the order they were read (the tables in
 * the mapping's order, each in file order), as in memory, and the deals come in the deal table's
 * order: nothing in the result depends on the partitions.
 *
 * <p>Heap: at most {@code heldLimit} rows in memory, or, on disk, one run of {@code runRows} rows
 * being sorted, the deal keys of one partition (deals / {@value #PARTITIONS}), and a 64 KiB buffer
 * per run while merging. Disk: the mapped columns of the kept rows, about twice over while the runs
 * are written from the partitions.
 */
final class ChildSpill implements Closeable {

  static final int PARTITIONS = 64;

  /** Rows held in memory before they go to disk; a test may lower it. */
  static final int HELD_LIMIT = 200_000;

  /** Rows sorted in memory at once when the runs are written. */
  static final int RUN_ROWS = 100_000;

  private static final int BUFFER = 1 << 16;

  /**
   * One kept child row: its table (by index), line and order of reading, its deal key and the
   * parent column's text, the texts of the mapped columns and of the joined columns.
   */
  record Kept(
      int table, int line, long seq, String key, String parent, String[] plain, String[] joins) {}

  /** The first row and the number of rows of one key of one table whose deal never came. */
  record Orphan(int table, String key, String parent, int line, long rows) {}

  private final int heldLimit;
  private final int runRows;
  private final Map<String, List<Kept>> held = new HashMap<>();
  private long heldRows;
  private Path dir;
  private DataOutputStream[] parts;
  private PriorityQueue<Run> merge;
  private final List<Run> runs = new ArrayList<>();
  private long spilledRows;

  ChildSpill(int heldLimit, int runRows) {
    this.heldLimit = heldLimit;
    this.runRows = runRows;
  }

  /** Whether the rows went to disk. */
  boolean spilled() {
    return dir != null;
  }

  /** Rows written to disk. */
  long spilledRows() {
    return spilledRows;
  }

  /** Keeps a row: in memory, or on disk once more than the limit are held. */
  void add(Kept k) throws IOException {
    if (dir == null) {
      held.computeIfAbsent(k.key(), x -> new ArrayList<>(4)).add(k);
      if (++heldRows <= heldLimit) {
        return;
      }
      spill();
      return;
    }
    write(parts[partition(k.key())], k);
    spilledRows++;
  }

  private void spill() throws IOException {
    dir = Files.createTempDirectory("playbook-children-");
    parts = new DataOutputStream[PARTITIONS];
    for (int i = 0; i < PARTITIONS; i++) {
      parts[i] = out(dir.resolve("rows-" + i));
    }
    List<Kept> all = new ArrayList<>();
    held.values().forEach(all::addAll);
    all.sort(Comparator.comparingLong(Kept::seq));
    held.clear();
    heldRows = 0;
    for (Kept k : all) {
      write(parts[partition(k.key())], k);
      spilledRows++;
    }
  }

  /** In memory: the rows of the deal with {@code key}, in reading order; they are then gone. */
  List<Kept> take(String key) {
    List<Kept> rows = held.remove(key);
    return rows == null ? List.of() : rows;
  }

  /**
   * On disk: takes the deal keys (and lines) of the deal table, then sorts the rows by deal; every
   * row of a key that is not among them goes to {@code orphans}, grouped by table and key.
   */
  void index(Iterable<Map.Entry<String, Integer>> deals, Consumer<Orphan> orphans)
      throws IOException {
    for (DataOutputStream p : parts) {
      p.close();
    }
    DataOutputStream[] keys = new DataOutputStream[PARTITIONS];
    for (int i = 0; i < PARTITIONS; i++) {
      keys[i] = out(dir.resolve("deals-" + i));
    }
    for (Map.Entry<String, Integer> d : deals) {
      DataOutputStream o = keys[partition(d.getKey())];
      string(o, d.getKey());
      o.writeInt(d.getValue());
    }
    for (DataOutputStream k : keys) {
      k.close();
    }
    parts = null;
    for (int p = 0; p < PARTITIONS; p++) {
      sortPartition(p, orphans);
    }
    merge = new PriorityQueue<>(Comparator.comparingInt(Run::line).thenComparingLong(Run::seq));
    for (Run r : runs) {
      if (r.advance()) {
        merge.add(r);
      }
    }
  }

  private void sortPartition(int p, Consumer<Orphan> orphans) throws IOException {
    Map<String, Integer> lines = new HashMap<>();
    Path dealFile = dir.resolve("deals-" + p);
    try (DataInputStream in = in(dealFile)) {
      while (true) {
        String key;
        try {
          key = string(in);
        } catch (EOFException end) {
          break;
        }
        lines.putIfAbsent(key, in.readInt());
      }
    }
    Files.delete(dealFile);
    Map<String, Orphan> lost = new LinkedHashMap<>();
    List<Tagged> run = new ArrayList<>();
    Path rowFile = dir.resolve("rows-" + p);
    try (DataInputStream in = in(rowFile)) {
      Kept k;
      while ((k = read(in)) != null) {
        Integer line = lines.get(k.key());
        if (line == null) {
          lost.merge(
              k.table() + "\u0000" + k.key(),
              new Orphan(k.table(), k.key(), k.parent(), k.line(), 1),
              (a, b) -> new Orphan(a.table(), a.key(), a.parent(), a.line(), a.rows() + 1));
          continue;
        }
        run.add(new Tagged(line, k));
        if (run.size() >= runRows) {
          writeRun(run);
        }
      }
    }
    Files.delete(rowFile);
    if (!run.isEmpty()) {
      writeRun(run);
    }
    lost.values().forEach(orphans);
  }

  private record Tagged(int line, Kept kept) {}

  private void writeRun(List<Tagged> run) throws IOException {
    run.sort(Comparator.comparingInt(Tagged::line).thenComparingLong(t -> t.kept().seq()));
    Path file = dir.resolve("run-" + runs.size());
    try (DataOutputStream o = out(file)) {
      for (Tagged t : run) {
        o.writeInt(t.line());
        write(o, t.kept());
      }
    }
    runs.add(new Run(file));
    run.clear();
  }

  /**
   * On disk: the rows of the deal on {@code line}, in reading order. Rows of deals on earlier lines
   * that did not come (none when the deal table reads the same twice) go to {@code orphans}.
   */
  List<Kept> take(int line, Consumer<Kept> orphans) {
    List<Kept> out = new ArrayList<>();
    try {
      while (!merge.isEmpty() && merge.peek().line() <= line) {
        Run r = merge.poll();
        if (r.line() == line) {
          out.add(r.head);
        } else {
          orphans.accept(r.head);
        }
        if (r.advance()) {
          merge.add(r);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** On disk: the rows left after the last deal, in deal-line order. */
  void rest(Consumer<Kept> orphans) {
    take(Integer.MAX_VALUE, orphans);
  }

  /** In memory: the rows of the deals that never came, by key. */
  Map<String, List<Kept>> leftovers() {
    return held;
  }

  @Override
  public void close() {
    held.clear();
    for (Run r : runs) {
      r.close();
    }
    runs.clear();
    if (parts != null) {
      for (DataOutputStream p : parts) {
        try {
          p.close();
        } catch (IOException ignored) {
          // deleted below
        }
      }
      parts = null;
    }
    if (dir != null) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
        Files.deleteIfExists(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete the temporary folder " + dir, e);
      }
      dir = null;
    }
  }

  /** The temporary folder, while there is one. */
  Path folder() {
    return dir;
  }

  private static int partition(String key) {
    return Math.floorMod(key.hashCode() * 0x9E3779B9, PARTITIONS);
  }

  /** One sorted run being merged. */
  private static final class Run {
    final Path file;
    DataInputStream in;
    int line;
    Kept head;

    Run(Path file) {
      this.file = file;
    }

    int line() {
      return line;
    }

    long seq() {
      return head.seq();
    }

    boolean advance() throws IOException {
      if (in == null) {
        in = in(file);
      }
      try {
        line = in.readInt();
      } catch (EOFException end) {
        close();
        return false;
      }
      head = read(in);
      return true;
    }

    void close() {
      if (in != null) {
        try {
          in.close();
        } catch (IOException ignored) {
          // only read
        }
        in = null;
      }
    }
  }

  private static DataOutputStream out(Path file) throws IOException {
    return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER));
  }

  private static DataInputStream in(Path file) throws IOException {
    return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER));
  }

  private static void write(DataOutputStream o, Kept k) throws IOException {
    o.writeInt(k.table());
    o.writeInt(k.line());
    o.writeLong(k.seq());
    string(o, k.key());
    string(o, k.parent());
    strings(o, k.plain());
    strings(o, k.joins());
  }

  /** The next row; null at the end. */
  private static Kept read(DataInputStream in) throws IOException {
    int table;
    try {
      table = in.readInt();
    } catch (EOFException end) {
      return null;
    }
    int line = in.readInt();
    long seq = in.readLong();
    return new Kept(table, line, seq, string(in), string(in), strings(in), strings(in));
  }

  private static void strings(DataOutputStream o, String[] s) throws IOException {
    o.writeShort(s.length);
    for (String v : s) {
      string(o, v);
    }
  }

  private static String[] strings(DataInputStream in) throws IOException {
    String[] s = new String[in.readUnsignedShort()];
    for (int i = 0; i < s.length; i++) {
      s[i] = string(in);
    }
    return s;
  }

  private static void string(DataOutputStream o, String s) throws IOException {
    if (s == null) {
      o.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    o.writeInt(b.length);
    o.write(b);
  }

  private static String string(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
