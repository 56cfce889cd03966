package dev.playbook.insights.trail;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/** Writes a generated book in one export format, one deal at a time. */
interface TrailWriter extends Closeable {

  /** Writes what comes before the deals: users, accounts. */
  void begin(Accounts accounts) throws IOException;

  void write(Trail deal) throws IOException;

  /** The rows written so far, by file name (relative to the output folder), in file-name order. */
  Map<String, Long> rows();
}
