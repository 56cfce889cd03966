package dev.playbook.internal.engine;

import dev.playbook.internal.lang.Frame;
import java.util.BitSet;

/** What one evaluation inserts into the rule engine: the deal's frame and the set of conditions that held. */
public final class DealFact {
  final Frame frame;
  final BitSet held;

  DealFact(Frame frame, int checks) {
    this.frame = frame;
    this.held = new BitSet(checks);
  }

  public Frame frame() {
    return frame;
  }

  public BitSet held() {
    return held;
  }
}
