package dev.playbook;

import dev.playbook.result.Evaluation;
import dev.playbook.problem.ProblemException;

import dev.playbook.problem.Problem;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.playbook.internal.load.PlaybookFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A playbook that follows its files: when they change, a new version is compiled on one
 * background thread and swapped in atomically, while the current version keeps serving.
 *
 * <pre>{@code
 * try (ReloadingPlaybook playbooks = ReloadingPlaybook.watch(Path.of("playbooks/acme"),
 *     Duration.ofSeconds(2), problems -> problems.forEach(p -> log.warn("{}", p)))) {
 *   Playbook playbook = playbooks.current();           // one version for one whole evaluation
 *   Evaluation result = playbook.evaluate(deal, Instant.now());
 * }
 * }</pre>
 *
 * <p>Take {@link #current()} once per unit of work and use that {@link Playbook} for all of it:
 * a result then comes wholly from one version, however often the files change meanwhile.
 *
 * <p>An edit that does not load keeps the last good version serving and hands the problems to the
 * listener; the next edit is tried again. The listener runs on the reload thread.
 *
 * <p>Changes are found by polling file sizes and modification times, not by a file system watch
 * service (which misses events on network and container file systems and reports each write of
 * a file separately). A change is loaded once the files have stayed unchanged for one poll
 * interval, so that a file caught half-written is not loaded. Watched are: the playbook folder and
 * every {@code .yaml}/{@code .yml} file in it (rule tests excluded), or the single playbook file;
 * the folders and files of playbooks it {@code extends} by a path; and any path given to {@link
 * Builder#alsoWatch}. Built-in playbooks do not change while the application runs. On a file
 * system that records modification times coarsely, an edit that keeps a file's size within one
 * time step can go unnoticed: call {@link #reload()} to load regardless.
 */
public final class ReloadingPlaybook implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReloadingPlaybook.class);

  /** Problem code handed to the listener when loading failed for a reason other than the files. */
  public static final String RELOAD_FAILED = "reload-failed";

  private static final int MAX_EXTENDS_DEPTH = 16;

  private final Path path;
  private final Path given;
  private final Consumer<List<Problem>> onProblems;
  private final List<Path> alsoWatch;
  private final AtomicReference<Snapshot> current = new AtomicReference<>();
  private final ScheduledThreadPoolExecutor executor;
  private volatile Thread reloadThread;
  private volatile boolean closed;

  // Touched only by the constructor and then the reload thread.
  private Set<Path> roots;
  private Map<String, Object> tried;
  private Map<String, Object> seen;

  /** One version: the playbook and its number. */
  private record Snapshot(Playbook playbook, long version) {}

  private ReloadingPlaybook(Builder b) {
    this.path = b.path.toAbsolutePath().normalize();
    this.given = b.path;
    this.onProblems = b.onProblems;
    this.alsoWatch = List.copyOf(b.alsoWatch);
    this.roots = roots();
    Map<String, Object> before = fingerprint(roots);
    Playbook first = Playbook.load(given);
    this.roots = roots();
    this.tried = before;
    this.seen = before;
    current.set(new Snapshot(first, 1));
    String name = path.getFileName() == null ? "playbook" : path.getFileName().toString();
    this.executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "playbook-reload-" + name);
      t.setDaemon(true);
      reloadThread = t;
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    if (!b.pollInterval.isZero()) {
      long ms = Math.max(1, b.pollInterval.toMillis());
      executor.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Loads the playbook at {@code folderOrFile} and watches its files, checking every {@code
   * pollInterval} ({@link Duration#ZERO}: never by itself, only on {@link #reload()}).
   *
   * @param onProblems told the problems of every edit that does not load
   * @throws ProblemException if the playbook does not load now; there is no version to serve
   */
  public static ReloadingPlaybook watch(Path folderOrFile, Duration pollInterval,
      Consumer<List<Problem>> onProblems) {
    return builder(folderOrFile).pollInterval(pollInterval).onProblems(onProblems).build();
  }

  /** A builder, for the optional settings: poll interval (1 s), listener, more paths to watch. */
  public static Builder builder(Path folderOrFile) {
    return new Builder(folderOrFile);
  }

  /** Settings of a {@link ReloadingPlaybook}. */
  public static final class Builder {
    private final Path path;
    private Duration pollInterval = Duration.ofSeconds(1);
    private Consumer<List<Problem>> onProblems = problems -> { };
    private final List<Path> alsoWatch = new ArrayList<>();

    private Builder(Path path) {
      this.path = requireNonNull(path, "folderOrFile");
    }

    /** How often to look for changes; {@link Duration#ZERO} for never (only {@link #reload()}). */
    public Builder pollInterval(Duration interval) {
      requireNonNull(interval, "pollInterval");
      checkArgument(!interval.isNegative(), "poll interval %s must not be negative", interval);
      this.pollInterval = interval;
      return this;
    }

    /** Told the problems of every edit that does not load; runs on the reload thread. */
    public Builder onProblems(Consumer<List<Problem>> listener) {
      this.onProblems = requireNonNull(listener, "onProblems");
      return this;
    }

    /** Watches more files or folders, for example a parent playbook's folder outside the tree. */
    public Builder alsoWatch(Path... paths) {
      for (Path p : paths) {
        alsoWatch.add(requireNonNull(p, "path").toAbsolutePath().normalize());
      }
      return this;
    }

    /**
     * Loads the playbook and starts watching.
     *
     * @throws ProblemException if the playbook does not load now
     */
    public ReloadingPlaybook build() {
      return new ReloadingPlaybook(this);
    }
  }

  /**
   * The version to use now. Keep the returned {@link Playbook} for one whole unit of work (one
   * evaluation, one batch) so that its results come from one version.
   */
  public Playbook current() {
    return current.get().playbook();
  }

  /** The number of the version {@link #current()} returns: 1 for the first load, +1 per reload. */
  public long version() {
    return current.get().version();
  }

  /**
   * The playbook folder or file being watched, as an absolute path. Problems name its files as
   * the path given to {@link #watch} or {@link #builder} names them, like {@link Playbook#load}.
   */
  public Path path() {
    return path;
  }

  /**
   * Loads the playbook now, whether or not its files changed, on the reload thread, and waits
   * for it.
   *
   * @return true if a new version now serves; false if the files did not load (the listener has
   *     been told why, and the previous version still serves)
   * @throws IllegalStateException if this handle is closed
   */
  public boolean reload() {
    if (Thread.currentThread() == reloadThread) {
      return load(fingerprint(roots));
    }
    if (closed) {
      throw new IllegalStateException("this reloading playbook is closed");
    }
    Future<Boolean> done;
    try {
      done = executor.submit(() -> load(fingerprint(roots)));
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("this reloading playbook is closed", e);
    }
    try {
      return done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the playbook to reload", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("reloading the playbook failed", cause);
    }
  }

  /**
   * Stops watching and waits for a reload in progress to finish (unless called by the listener,
   * on the reload thread itself). {@link #current()} keeps returning the last version. Closing
   * twice does nothing.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    executor.shutdownNow();
    if (Thread.currentThread() == reloadThread) {
      return; // closed by the listener: the thread ends when the listener returns
    }
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("the reload thread of playbook {} did not stop within 30 s", path);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    Snapshot s = current.get();
    return "ReloadingPlaybook[" + path + ", version " + s.version() + ", " + s.playbook() + "]";
  }

  // ------------------------------------------------------------------ reload thread

  private void poll() {
    if (closed) {
      return;
    }
    try {
      Map<String, Object> now = fingerprint(roots);
      if (now.equals(tried)) {
        seen = now;
        return;
      }
      if (!now.equals(seen)) {
        seen = now; // changed since the last look: load once it has settled
        return;
      }
      load(now);
    } catch (RuntimeException e) {
      LOG.warn("checking the files of playbook {} failed", path, e);
    }
  }

  /** Loads, and swaps the new version in if it loaded; {@code before} was taken before reading. */
  private boolean load(Map<String, Object> before) {
    tried = before;
    seen = before;
    Playbook next;
    try {
      next = Playbook.load(given);
    } catch (ProblemException e) {
      LOG.warn("playbook {} was not reloaded ({} problems); version {} stays in use", path, e.problems().size(),
          version());
      tell(e.problems());
      return false;
    } catch (RuntimeException | StackOverflowError e) {
      LOG.warn("playbook {} was not reloaded; version {} stays in use", path, version(), e);
      tell(List.of(new Problem("reload-failed", given.toString(), 0, 0,
          "the playbook could not be loaded; the previous version stays in use (the application log has the details)")));
      return false;
    }
    Snapshot was = current.get();
    current.set(new Snapshot(next, was.version() + 1));
    roots = roots();
    LOG.debug("playbook {} reloaded from {}: version {}", next.id(), path, was.version() + 1);
    return true;
  }

  private void tell(List<Problem> problems) {
    try {
      onProblems.accept(problems);
    } catch (RuntimeException e) {
      LOG.warn("the problem listener of playbook {} failed", path, e);
    }
  }

  // ------------------------------------------------------------------ what to watch

  /** The playbook itself, the playbooks it extends by a path (transitively), and extra paths. */
  private Set<Path> roots() {
    Set<Path> out = new LinkedHashSet<>();
    Deque<Path> todo = new ArrayDeque<>();
    todo.add(path);
    int steps = 0;
    while (!todo.isEmpty() && steps++ < MAX_EXTENDS_DEPTH * 4) {
      Path p = todo.poll();
      if (!out.add(p)) {
        continue;
      }
      todo.addAll(PlaybookFiles.extendsPaths(p));
    }
    out.addAll(alsoWatch);
    return out;
  }

  /** Size and modification time of every watched file, by path; equal maps mean nothing changed. */
  private static Map<String, Object> fingerprint(Collection<Path> roots) {
    Map<String, Object> out = new TreeMap<>();
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        out.put(root.toString(), stamp(root));
        continue;
      }
      try {
        PlaybookFiles.ownFiles(root).forEach(f -> out.put(f.toString(), stamp(f)));
      } catch (IOException | UncheckedIOException e) {
        out.put(root.toString(), "unlistable: " + e.getMessage());
      }
    }
    return out;
  }

  private static Object stamp(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, new LinkOption[0]);
      return List.of(a.size(), a.lastModifiedTime(), a.isRegularFile());
    } catch (IOException | RuntimeException e) {
      return "missing";
    }
  }
}
