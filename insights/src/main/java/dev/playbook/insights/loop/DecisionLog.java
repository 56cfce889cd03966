package dev.playbook.insights.loop;

import java.io.Closeable;

/**
 * Where decisions are recorded. The default is {@link JsonlDecisionLog}, a rotating, bounded JSON
 * Lines file; implementations must be safe to call from several threads.
 */
public interface DecisionLog extends Closeable {

  /**
   * Records one decision; when this returns, the decision is written.
   *
   * @throws java.io.UncheckedIOException if it cannot be written
   */
  void record(Decision decision);

  /** Writes out anything buffered and releases the log's resources. */
  @Override
  void close();
}
