package dev.playbook.insights.loop;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The default decision log: one JSON line per decision ({@code docs/feedback-and-coaching.md} gives
 * the schema), appended to a file and never rewritten. When the file would grow past {@code
 * maxBytes}, it is renamed {@code NAME.1} (an older {@code NAME.1} becomes {@code NAME.2}, and so
 * on) and a new file is started; at most {@code maxFiles} rotated files are kept, the oldest is
 * deleted. Thread-safe.
 */
public final class JsonlDecisionLog implements DecisionLog {

  /** The largest decision line written or read, in bytes. */
  public static final int MAX_LINE_BYTES = 4 * 1024 * 1024;

  private final Path file;
  private final long maxBytes;
  private final int maxFiles;
  private long size;

  private JsonlDecisionLog(Path file, long maxBytes, int maxFiles) throws IOException {
    this.file = file;
    this.maxBytes = maxBytes;
    this.maxFiles = maxFiles;
    this.size = Files.exists(file) ? Files.size(file) : 0;
  }

  /**
   * Opens (or creates) a log at {@code file}, rotating at {@code maxBytes} and keeping {@code
   * maxFiles} rotated files.
   */
  public static JsonlDecisionLog open(Path file, long maxBytes, int maxFiles) {
    requireNonNull(file, "file");
    checkArgument(maxBytes >= 1024, "maxBytes %s must be at least 1024", maxBytes);
    checkArgument(maxFiles >= 0 && maxFiles <= 1000, "maxFiles %s must be 0 to 1000", maxFiles);
    try {
      return new JsonlDecisionLog(file, maxBytes, maxFiles);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open decision log " + file, e);
    }
  }

  /** Opens a log that rotates at 64 MiB and keeps 10 rotated files. */
  public static JsonlDecisionLog open(Path file) {
    return open(file, 64L * 1024 * 1024, 10);
  }

  @Override
  public synchronized void record(Decision decision) {
    requireNonNull(decision, "decision");
    byte[] line = (DecisionJson.write(decision) + "\n").getBytes(StandardCharsets.UTF_8);
    checkArgument(
        line.length <= MAX_LINE_BYTES,
        "decision %s on deal %s is %s bytes, more than the %s a line may hold",
        decision.id(),
        decision.dealId(),
        line.length,
        MAX_LINE_BYTES);
    try {
      if (size > 0 && size + line.length > maxBytes) {
        rotate();
      }
      Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      size += line.length;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write decision log " + file, e);
    }
  }

  private void rotate() throws IOException {
    if (maxFiles == 0) {
      Files.delete(file);
    } else {
      Files.deleteIfExists(rotated(maxFiles));
      for (int i = maxFiles - 1; i >= 1; i--) {
        if (Files.exists(rotated(i))) {
          Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
    }
    size = 0;
  }

  private Path rotated(int n) {
    return file.resolveSibling(file.getFileName() + "." + n);
  }

  @Override
  public void close() {
    // every record is written through; nothing is held open
  }

  /**
   * The decisions of a log file, in the order they were written.
   *
   * @throws ProblemException naming each line that is not a decision ({@code file:line:1:
   *     invalid-value: ...}), or the file when it cannot be read
   */
  public static List<Decision> read(Path file) {
    requireNonNull(file, "file");
    List<Decision> out = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    String name = file.toString();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int lineNo = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        if (line.length() > MAX_LINE_BYTES) {
          problems.add(
              new Problem(
                  "too-large",
                  name,
                  lineNo,
                  1,
                  "a decision line may hold at most " + MAX_LINE_BYTES + " bytes"));
          continue;
        }
        try {
          out.add(DecisionJson.read(line));
        } catch (IllegalArgumentException | NullPointerException e) {
          problems.add(
              new Problem("invalid-value", name, lineNo, 1, "not a decision: " + e.getMessage()));
        }
        if (problems.size() >= 100) {
          break;
        }
      }
    } catch (IOException e) {
      problems.add(new Problem("file-unreadable", name, 0, 0, "cannot read the decision log"));
    }
    if (!problems.isEmpty()) {
      throw new ProblemException(problems);
    }
    return List.copyOf(out);
  }
}
