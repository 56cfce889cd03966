package dev.playbook.result;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Supplier;

/**
 * An immutable list computed the first time anyone reads it: the parts of an evaluation that cost
 * more than finding the gaps and that many callers never read (each gap's evidence, which
 * re-evaluates every part of the condition and formats what it read; the scorecards, which evaluate
 * every methodology element's {@code confirmed_when}). Safe to read from any thread: the elements
 * are computed once, under the list's lock, from inputs that do not change, and equal what an eager
 * computation would have given.
 */
final class LazyList<T> extends AbstractList<T> implements RandomAccess {

  private Supplier<List<T>> source;
  private volatile List<T> items;

  LazyList(Supplier<List<T>> source) {
    this.source = source;
  }

  private List<T> items() {
    List<T> l = items;
    if (l == null) {
      synchronized (this) {
        l = items;
        if (l == null) {
          l = List.copyOf(source.get());
          items = l;
          source = null; // lets the deal go once the items exist
        }
      }
    }
    return l;
  }

  @Override
  public T get(int index) {
    return items().get(index);
  }

  @Override
  public int size() {
    return items().size();
  }
}
