package dev.playbook.result;

import java.util.List;
import java.util.function.Supplier;

/**
 * Lists whose elements are computed the first time anyone reads them. The result types ({@link
 * Gap#evidence()}, {@link Evaluation#scorecards()}) keep such a list as it is instead of copying
 * it, so that what costs more than finding the gaps is computed only for the callers that read it.
 */
public final class Lazy {

  private Lazy() {}

  /**
   * An immutable list computed from {@code source} once, on the first read, under the list's lock;
   * safe to read from any thread. {@code source} must give the same elements whenever it is called
   * and is released once they exist.
   */
  public static <T> List<T> list(Supplier<List<T>> source) {
    return new LazyList<>(source);
  }
}
