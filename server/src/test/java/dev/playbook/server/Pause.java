package dev.playbook.server;

import dev.playbook.function.PlaybookFunction;
import dev.playbook.function.ValueType;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code pause(ms)}: true after sleeping {@code ms} milliseconds, so that a test can hold a request
 * in flight; counts the calls that have started.
 */
public final class Pause implements PlaybookFunction {

  /** Calls that have started sleeping. */
  static final AtomicInteger STARTED = new AtomicInteger();

  @Override
  public String name() {
    return "pause";
  }

  @Override
  public ValueType result() {
    return ValueType.BOOLEAN;
  }

  @Override
  public List<ValueType> parameters() {
    return List.of(ValueType.NUMBER);
  }

  @Override
  public Object apply(List<Object> arguments) {
    STARTED.incrementAndGet();
    try {
      Thread.sleep(((Number) arguments.get(0)).longValue());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    return true;
  }
}
