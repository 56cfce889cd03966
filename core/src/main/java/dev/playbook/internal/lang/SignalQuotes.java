package dev.playbook.internal.lang;

import dev.playbook.model.Activity;
import dev.playbook.model.Evidence;
import dev.playbook.model.Signals;
import java.util.regex.Pattern;

/**
 * The quotes explanations add for facts that came from a conversation: the sentence behind
 * suggested evidence, and the sentence behind an activity's tracker hit.
 */
final class SignalQuotes {

  private static final Pattern WORD = Pattern.compile("[a-z0-9_]+");

  private SignalQuotes() {}

  /** {@code " (call 2026-11-17 15:00, 12:41, Daniel Reed (buyer): "...")"} or empty. */
  static String of(Ast a, Frame frame) {
    if (a instanceof Ast.Call call
        && (call.function().equals("evidence") || call.function().equals("evidence_updated"))
        && call.args().size() == 1
        && call.args().get(0) instanceof Ast.Name n) {
      Evidence e = frame.facts().deal().evidence().get(n.dotted());
      if (e != null && e.quote() != null) {
        return " (" + e.quote().line() + ")";
      }
    }
    return "";
  }

  /**
   * For an activity that matched {@code condition}: the first hit of a tracker, or of a tracker
   * whose tag, the condition names as a word; empty when there is none.
   */
  static String of(Object item, String condition) {
    if (!(item instanceof Activity a) || a.signals() == null || a.signals().hits().isEmpty()) {
      return "";
    }
    var words = new java.util.HashSet<String>();
    WORD.matcher(condition).results().forEach(m -> words.add(m.group()));
    for (Signals.Hit h : a.signals().hits()) {
      if (words.contains(h.tracker()) || (h.tag() != null && words.contains(h.tag()))) {
        return ": " + h.quote().line();
      }
    }
    return "";
  }
}
