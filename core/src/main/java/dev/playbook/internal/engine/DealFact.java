package dev.playbook.internal.engine;

import dev.playbook.internal.lang.Frame;
import java.util.BitSet;

/**
 * What one evaluation inserts into the rule engine: the deal's frame and the set of conditions that
 * held.
 */
public final class DealFact {
  final Frame frame;
  final BitSet held;

  /** The deal's stage as written, read by the network's stage gates. */
  final String stage;

  /**
   * The first failure of a condition on this deal, or null; once set, no further condition is
   * evaluated.
   */
  RuntimeException failure;

  /** The canonical text of the condition part that failed. */
  String failedPart;

  DealFact(Frame frame, int checks) {
    this.frame = frame;
    this.held = new BitSet(checks);
    this.stage = frame.facts().deal().stage();
  }

  public Frame frame() {
    return frame;
  }

  public BitSet held() {
    return held;
  }
}
