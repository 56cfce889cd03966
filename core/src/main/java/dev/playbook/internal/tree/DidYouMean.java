package dev.playbook.internal.tree;

import dev.playbook.problem.Suggestions;
import java.util.Collection;
import java.util.Optional;

/** Suggests the closest known name for a misspelt one; see {@link Suggestions}. */
public final class DidYouMean {

  private DidYouMean() {}

  /** The closest candidate within an edit distance of about a third of the word, if any. */
  public static Optional<String> closest(String word, Collection<String> candidates) {
    return Suggestions.closest(word, candidates);
  }

  /** " (did you mean 'x'?)" or "". */
  public static String hint(String word, Collection<String> candidates) {
    return Suggestions.hint(word, candidates);
  }
}
