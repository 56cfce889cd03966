package dev.playbook.problem;

import java.util.Collection;
import java.util.Optional;

/**
 * Suggests the closest known name for a misspelt one, as problem messages do: {@code 'titel' is not
 * a rule field (did you mean 'title'?)}.
 */
public final class Suggestions {

  private Suggestions() {}

  /**
   * The candidate closest to {@code word}: within an edit distance of about a third of the word
   * (case ignored; ties go to the first in alphabetical order), else a longer or shorter form of it
   * of at least four letters; empty if none is close.
   *
   * @param word the misspelt name
   * @param candidates the names it may have meant
   */
  public static Optional<String> closest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    int limit = Math.max(2, word.length() / 3);
    for (String c : candidates) {
      int d =
          distance(word.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance || (d == bestDistance && best != null && c.compareTo(best) < 0)) {
        best = c;
        bestDistance = d;
      }
    }
    if (best != null && bestDistance <= limit && bestDistance < word.length()) {
      return Optional.of(best);
    }
    // a longer or shorter form of a known name: 'eb-introduction' for 'eb-intro'
    String prefixMatch = null;
    for (String c : candidates) {
      String a = word.toLowerCase(java.util.Locale.ROOT);
      String b = c.toLowerCase(java.util.Locale.ROOT);
      if (Math.min(a.length(), b.length()) >= 4
          && (a.startsWith(b) || b.startsWith(a))
          && (prefixMatch == null || c.compareTo(prefixMatch) < 0)) {
        prefixMatch = c;
      }
    }
    return Optional.ofNullable(prefixMatch);
  }

  /**
   * The hint to append to a message: {@code " (did you mean 'x'?)"} with the {@link #closest}
   * candidate, or {@code ""} when none is close.
   *
   * @param word the misspelt name
   * @param candidates the names it may have meant
   */
  public static String hint(String word, Collection<String> candidates) {
    return closest(word, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
