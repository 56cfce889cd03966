package dev.playbook.server;

import dev.playbook.Playbook;
import dev.playbook.ReloadingPlaybook;
import dev.playbook.observe.EvaluationListener;
import dev.playbook.observe.ObservedPlaybook;
import dev.playbook.problem.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** One playbook the server serves: fixed (built-in) or watched (a folder or file). */
final class Served {

  /** Keeps the problems of the last edit that did not load. */
  static final class Failures implements Consumer<List<Problem>> {
    private record Failed(long version, List<Problem> problems) {}

    private final AtomicReference<Failed> last = new AtomicReference<>(new Failed(0, List.of()));
    private volatile ReloadingPlaybook source;

    @Override
    public void accept(List<Problem> problems) {
      ReloadingPlaybook s = source;
      last.set(new Failed(s == null ? 0 : s.version(), List.copyOf(problems)));
    }

    /** The problems, while the version that was serving when they were found still serves. */
    List<Problem> last() {
      Failed f = last.get();
      ReloadingPlaybook s = source;
      return s != null && s.version() == f.version() ? f.problems() : List.of();
    }
  }

  private final String id;
  private final ReloadingPlaybook reloading;
  private final Failures failures;
  private final ObservedPlaybook observed;
  private final Path path;

  private Served(
      String id,
      ReloadingPlaybook reloading,
      Failures failures,
      ObservedPlaybook observed,
      Path path) {
    this.id = id;
    this.reloading = reloading;
    this.failures = failures;
    this.observed = observed;
    this.path = path;
  }

  static Served fixed(Playbook playbook, List<EvaluationListener> listeners) {
    return new Served(playbook.id(), null, null, ObservedPlaybook.of(playbook, listeners), null);
  }

  static Served watched(
      Path path,
      ReloadingPlaybook reloading,
      Failures failures,
      List<EvaluationListener> listeners) {
    failures.source = reloading;
    return new Served(
        reloading.current().id(),
        reloading,
        failures,
        ObservedPlaybook.of(reloading::current, listeners),
        path);
  }

  /** The folder or file it is served from; null for a built-in. */
  Path path() {
    return path;
  }

  String id() {
    return id;
  }

  ObservedPlaybook observed() {
    return observed;
  }

  /** The version now served: 1 for a built-in. */
  long version() {
    return reloading == null ? 1 : reloading.version();
  }

  /** Whether it follows files (and so can be reloaded). */
  boolean isWatched() {
    return reloading != null;
  }

  /** Problems of the last edit that did not load; empty when the files now load. */
  List<Problem> lastProblems() {
    return failures == null ? List.of() : failures.last();
  }

  /** Reloads from the files: true when a new version now serves. */
  boolean reload() {
    return reloading.reload();
  }
}
