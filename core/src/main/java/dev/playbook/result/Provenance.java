package dev.playbook.result;

import static java.util.Objects.requireNonNull;

/**
 * Where a finding comes from: the rule's id and the file and line that define it.
 *
 * @param rule the rule id, such as {@code meddic.eb-identified}
 * @param file the rule's file as the playbook was loaded (a path, or {@code playbooks/<name>/...}
 *     for built-ins)
 * @param line the 1-based line of the rule in that file
 */
public record Provenance(String rule, String file, int line) {
  public Provenance {
    requireNonNull(rule, "rule");
    requireNonNull(file, "file");
  }

  /** {@code file:line}. */
  public String location() {
    return file + ":" + line;
  }
}
