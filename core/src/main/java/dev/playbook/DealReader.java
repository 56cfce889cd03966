package dev.playbook;

import dev.playbook.internal.facts.DealMapper;
import dev.playbook.internal.tree.Lines;
import dev.playbook.internal.tree.Node;
import dev.playbook.internal.tree.Pos;
import dev.playbook.internal.tree.Problems;
import dev.playbook.internal.tree.TreeReader;
import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import dev.playbook.result.DealRecord;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The records of one deal file, read on demand: a JSON or YAML document is read whole when the
 * first record is asked for, then handed out deal by deal; JSON Lines is read line by line.
 */
final class DealReader implements Iterator<DealRecord>, Closeable {

  private final String name;
  private final Deals.Format format;
  private final Path path;
  private final String content;
  private final Map<String, Pos> ids = new HashMap<>();
  private final ArrayDeque<DealRecord> ready = new ArrayDeque<>();
  private Lines lines;
  private InputStream in;
  private boolean started;
  private boolean done;

  /** Reads {@code path}, or, when it is null, {@code content}. */
  DealReader(String name, Deals.Format format, Path path, String content) {
    this.name = name;
    this.format = format;
    this.path = path;
    this.content = content;
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty() && !done) {
      if (!started) {
        started = true;
        start();
      } else if (lines != null) {
        readLine();
      } else {
        done = true;
      }
    }
    return !ready.isEmpty();
  }

  @Override
  public DealRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }

  @Override
  public void close() {
    done = true;
    lines = null;
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // only read from
      }
      in = null;
    }
  }

  private void start() {
    if (format == null) {
      fileProblem(
          new Problem(
              "unknown-format",
              name,
              0,
              0,
              "cannot tell the format of this file from its name; use .json, .jsonl, .ndjson, .yaml"
                  + " or .yml"));
      return;
    }
    if (format == Deals.Format.JSON_LINES) {
      in = path == null ? new Utf8Stream(content) : open();
      if (in != null) {
        lines = new Lines(in, Deals.MAX_LINE_BYTES);
      }
      return;
    }
    Problems problems = new Problems();
    String text =
        path == null ? content : TreeReader.readFile(path, name, Deals.MAX_FILE_BYTES, problems);
    Node root = null;
    if (text != null) {
      root =
          format == Deals.Format.JSON
              ? TreeReader.readJson(name, text, problems)
              : TreeReader.readYaml(name, text, problems);
    }
    if (!problems.isEmpty()) {
      List<Problem> list = problems.list();
      ready.add(DealRecord.bad(name, list.get(0).line(), list));
      return;
    }
    if (root instanceof Node.MapNode) {
      item(root, true);
    } else if (root instanceof Node.ListNode list) {
      for (Node item : list.items()) {
        item(item, false);
      }
    } else if (root != null
        && !(root instanceof Node.Scalar s && s.kind() == Node.Scalar.Kind.NULL)) {
      Problems p = new Problems();
      new DealMapper(p, ids).document(root, d -> {});
      ready.add(DealRecord.bad(name, root.pos().line(), p.list()));
    }
  }

  private void item(Node node, boolean whole) {
    Problems p = new Problems();
    List<Deal> out = new ArrayList<>(1);
    DealMapper mapper = new DealMapper(p, ids);
    if (whole) {
      mapper.document(node, out::add);
    } else {
      mapper.item(node, out::add);
    }
    ready.add(record(node.pos().line(), out, p, mapper));
  }

  private void readLine() {
    Lines.Line line;
    try {
      line = lines.next();
    } catch (IOException e) {
      ready.add(
          DealRecord.bad(
              name,
              0,
              List.of(
                  new Problem(
                      "file-unreadable",
                      name,
                      0,
                      0,
                      "cannot read file: the system refused to read it after line "
                          + lines.number()))));
      close();
      return;
    }
    if (line == null) {
      close();
      return;
    }
    if (!line.ok()) {
      ready.add(
          DealRecord.bad(
              name,
              line.number(),
              List.of(
                  new Problem(line.code(), name, line.number(), line.column(), line.message()))));
      return;
    }
    if (line.text().isBlank()) {
      return;
    }
    Problems p = new Problems();
    List<Deal> out = new ArrayList<>(1);
    Node node = TreeReader.readJsonLine(name, line.text(), line.number() - 1, p);
    DealMapper mapper = new DealMapper(p, ids);
    if (node != null) {
      mapper.line(node, out::add);
    }
    ready.add(record(line.number(), out, p, mapper));
  }

  private DealRecord record(int line, List<Deal> out, Problems p, DealMapper mapper) {
    if (p.isEmpty() && out.size() == 1) {
      return DealRecord.of(name, line, out.get(0), positions(mapper.customPositions()));
    }
    return DealRecord.bad(name, line, p.list());
  }

  /** The positions of custom values, as {@link DealRecord#position} names them. */
  static Map<String, DealRecord.Position> positions(Map<String, Pos> custom) {
    Map<String, DealRecord.Position> out = new HashMap<>();
    custom.forEach(
        (k, pos) -> {
          if (pos.line() > 0 && pos.column() > 0) {
            out.put("custom." + k, new DealRecord.Position(pos.line(), pos.column()));
          }
        });
    return out;
  }

  private InputStream open() {
    try {
      // one read of the attributes: a file removed meanwhile is "no such file", never another kind
      java.nio.file.attribute.BasicFileAttributes attributes =
          Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class);
      if (attributes.isDirectory()) {
        fileProblem(
            new Problem("file-unreadable", name, 0, 0, "cannot read file: it is a directory"));
        return null;
      }
      if (!attributes.isRegularFile()) {
        fileProblem(
            new Problem(
                "file-unreadable", name, 0, 0, "cannot read file: it is not a regular file"));
        return null;
      }
      return Files.newInputStream(path);
    } catch (NoSuchFileException e) {
      fileProblem(new Problem("file-unreadable", name, 0, 0, "cannot read file: no such file"));
    } catch (AccessDeniedException e) {
      fileProblem(
          new Problem("file-unreadable", name, 0, 0, "cannot read file: permission denied"));
    } catch (IOException | SecurityException e) {
      fileProblem(
          new Problem(
              "file-unreadable", name, 0, 0, "cannot read file: the system refused to read it"));
    }
    return null;
  }

  private void fileProblem(Problem problem) {
    ready.add(DealRecord.bad(name, 0, List.of(problem)));
  }
}
