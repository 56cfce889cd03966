package dev.playbook;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.playbook.internal.load.Snapshot;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * A playbook that follows its files: when they change, a new version is compiled on one background
 * thread and swapped in atomically, while the current version keeps serving.
 *
 * <pre>{@code
 * try (ReloadingPlaybook playbooks = ReloadingPlaybook.watch(Path.of("playbooks/acme"),
 *     Duration.ofSeconds(2), problems -> problems.forEach(p -> log.warn("{}", p)))) {
 *   Playbook playbook = playbooks.current();           // one version for one whole evaluation
 *   Evaluation result = playbook.evaluate(deal, Instant.now());
 * }
 * }</pre>
 *
 * <p>Take {@link #current()} once per unit of work and use that {@link Playbook} for all of it: a
 * result then comes wholly from one version, however often the files change meanwhile.
 *
 * <p>An edit that does not load keeps the last good version serving and hands the problems to the
 * listener; the next edit is tried again. The listener runs on the reload thread.
 *
 * <p>Changes are found by polling, not by a file system watch service (which misses events on
 * network and container file systems and reports each write of a file separately). Each poll takes
 * one pass over the files: every folder's listing and every file's size, modification time,
 * identity and content. A version is compiled from the contents of one pass only, and only when two
 * consecutive passes agree and the files have been unchanged for at least {@link #QUIET} (and one
 * poll interval), so that a file caught half-written is not loaded. An edit that changes the set of
 * files or the number of rules, or that does not load, must stay unchanged for {@link #SETTLE}
 * before it is swapped in or reported: a rule file truncated and rewritten in place is never served
 * with some of its rules missing. Watched are: the playbook folder and its {@code playbook.yaml}
 * and parts, or the single playbook file; the folders and files of playbooks it {@code extends} by
 * a path, found from the contents read in the same pass; and any path given to {@link
 * Builder#alsoWatch}. Built-in playbooks do not change while the application runs. A writer that
 * pauses mid-write for longer than {@link #SETTLE} can still have its partial file loaded; writing
 * to a temporary name and moving the file into place avoids that.
 */
public final class ReloadingPlaybook implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReloadingPlaybook.class);

  /** Problem code handed to the listener when loading failed for a reason other than the files. */
  public static final String RELOAD_FAILED = "reload-failed";

  /**
   * How long any change must stay unchanged before it is loaded (at least one poll interval too).
   */
  public static final Duration QUIET = Duration.ofMillis(100);

  /**
   * How long a change must stay unchanged before it is swapped in when it changes the set of files
   * or the number of rules, and before the problems of a change that does not load are reported.
   */
  public static final Duration SETTLE = Duration.ofSeconds(1);

  private final Path path;
  private final Path given;
  private final Consumer<List<Problem>> onProblems;
  private final List<Path> alsoWatch;
  private final AtomicReference<Version> current = new AtomicReference<>();
  private final ScheduledThreadPoolExecutor executor;
  private volatile Thread reloadThread;
  private volatile boolean closed;
  private long quietNanos = QUIET.toNanos();

  // Touched only by the constructor and then the reload thread.
  /** The last pass, and when the files were first seen as it saw them. */
  private Snapshot last;

  private long lastSince;

  /** The pass the serving version was loaded from. */
  private Snapshot served;

  /**
   * The pass last loaded without being swapped in, and its outcome: a Playbook, or its problems.
   */
  private Snapshot tried;

  private Object triedOutcome;
  private boolean triedReported;

  /** One version: the playbook and its number. */
  private record Version(Playbook playbook, long version) {}

  private ReloadingPlaybook(Builder b) {
    this.path = b.path.toAbsolutePath().normalize();
    this.given = b.path;
    this.onProblems = b.onProblems;
    this.alsoWatch = List.copyOf(b.alsoWatch);
    Snapshot first = take(null);
    current.set(new Version(Playbook.load(given, first), 1));
    this.last = first;
    this.lastSince = System.nanoTime();
    this.served = first;
    String name = path.getFileName() == null ? "playbook" : path.getFileName().toString();
    this.executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "playbook-reload-" + name);
              t.setDaemon(true);
              reloadThread = t;
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    if (!b.pollInterval.isZero()) {
      long ms = Math.max(1, b.pollInterval.toMillis());
      this.quietNanos = Math.max(QUIET.toNanos(), TimeUnit.MILLISECONDS.toNanos(ms));
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
  public static ReloadingPlaybook watch(
      Path folderOrFile, Duration pollInterval, Consumer<List<Problem>> onProblems) {
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
    private Consumer<List<Problem>> onProblems = problems -> {};
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
   * The playbook folder or file being watched, as an absolute path. Problems name its files as the
   * path given to {@link #watch} or {@link #builder} names them, like {@link Playbook#load}.
   */
  public Path path() {
    return path;
  }

  /**
   * Loads the playbook now, whether or not its files changed, on the reload thread, and waits for
   * it.
   *
   * @return true if a new version now serves; false if the files did not load (the listener has
   *     been told why, and the previous version still serves)
   * @throws IllegalStateException if this handle is closed
   */
  public boolean reload() {
    if (Thread.currentThread() == reloadThread) {
      return reloadNow();
    }
    if (closed) {
      throw new IllegalStateException("this reloading playbook is closed");
    }
    Future<Boolean> done;
    try {
      done = executor.submit(this::reloadNow);
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
   * Stops watching and waits for a reload in progress to finish (unless called by the listener, on
   * the reload thread itself). {@link #current()} keeps returning the last version. Closing twice
   * does nothing.
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
    Version s = current.get();
    return "ReloadingPlaybook[" + path + ", version " + s.version() + ", " + s.playbook() + "]";
  }

  // ------------------------------------------------------------------ reload thread

  private Snapshot take(Snapshot previous) {
    return Snapshot.take(path, alsoWatch, previous);
  }

  private void poll() {
    if (closed) {
      return;
    }
    try {
      Snapshot now = take(last);
      long at = System.nanoTime();
      if (!now.sameAs(last)) {
        last = now; // changed since the last pass: load once two passes agree and it has settled
        lastSince = at;
        return;
      }
      last = now;
      if (now.sameAs(served)) {
        return;
      }
      long unchanged = at - lastSince;
      if (unchanged < quietNanos) {
        return;
      }
      if (!now.sameAs(tried)) {
        tried = now;
        triedOutcome = attempt(now);
        triedReported = false;
      }
      boolean settled = unchanged >= SETTLE.toNanos();
      if (triedOutcome instanceof Playbook next) {
        Playbook serving = current();
        boolean shapeChanged =
            !next.files().equals(serving.files())
                || next.ruleIds().size() != serving.ruleIds().size();
        if (!shapeChanged || settled) {
          swap(next, now);
        }
      } else if (settled && !triedReported) {
        triedReported = true;
        report(triedOutcome);
      }
    } catch (RuntimeException e) {
      LOG.warn("checking the files of playbook {} failed", path, e);
    }
  }

  /** Loads from a pass now, and swaps the version in if it loaded. */
  private boolean reloadNow() {
    Snapshot now = take(last);
    last = now;
    lastSince = System.nanoTime();
    Object outcome = attempt(now);
    if (outcome instanceof Playbook next) {
      swap(next, now);
      return true;
    }
    tried = now;
    triedOutcome = outcome;
    triedReported = true;
    report(outcome);
    return false;
  }

  /** The playbook loaded from {@code files}, or the problems that kept it from loading. */
  private Object attempt(Snapshot files) {
    try {
      return Playbook.load(given, files);
    } catch (ProblemException e) {
      return e.problems();
    } catch (RuntimeException | StackOverflowError e) {
      LOG.warn("playbook {} could not be loaded", path, e);
      return List.of(
          new Problem(
              "reload-failed",
              given.toString(),
              0,
              0,
              "the playbook could not be loaded; the previous version stays in use (the application log has the details)"));
    }
  }

  private void swap(Playbook next, Snapshot files) {
    Version was = current.get();
    current.set(new Version(next, was.version() + 1));
    served = files;
    tried = null;
    triedOutcome = null;
    LOG.debug("playbook {} reloaded from {}: version {}", next.id(), path, was.version() + 1);
  }

  @SuppressWarnings("unchecked")
  private void report(Object problems) {
    List<Problem> list = (List<Problem>) problems;
    LOG.warn(
        "playbook {} was not reloaded ({} problems); version {} stays in use",
        path,
        list.size(),
        version());
    tell(list);
  }

  private void tell(List<Problem> problems) {
    try {
      onProblems.accept(problems);
    } catch (RuntimeException e) {
      LOG.warn("the problem listener of playbook {} failed", path, e);
    }
  }
}
