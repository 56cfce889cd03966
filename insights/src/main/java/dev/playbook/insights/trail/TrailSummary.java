package dev.playbook.insights.trail;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link TrailGenerator#generate} wrote.
 *
 * @param deals the deals of the book (deleted records in the recycle bin not counted)
 * @param won deals won by the export moment
 * @param lost deals lost by the export moment
 * @param open deals still open at the export moment
 * @param activities activities logged on the deals (calls, emails, meetings, demos, notes, tasks)
 * @param rows the rows written, by file (relative to the output folder), in file-name order; for
 *     {@code deals.jsonl} one row is one deal
 */
public record TrailSummary(
    long deals, long won, long lost, long open, long activities, Map<String, Long> rows) {

  public TrailSummary {
    rows = Collections.unmodifiableMap(new TreeMap<>(rows));
  }

  /** All rows of all files. */
  public long totalRows() {
    return rows.values().stream().mapToLong(Long::longValue).sum();
  }
}
