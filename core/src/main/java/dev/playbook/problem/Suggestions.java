package dev.playbook.problem;

import java.util.Collection;
import java.util.Locale;
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
    String a = word.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, word.length() / 3);
    int[] prev = new int[a.length() + 2];
    int[] cur = new int[a.length() + 2];
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String prefixMatch = null;
    for (String c : candidates) {
      String b = c.toLowerCase(Locale.ROOT);
      // a longer or shorter form of a known name: 'eb-introduction' for 'eb-intro'
      if (Math.min(a.length(), b.length()) >= 4
          && (a.startsWith(b) || b.startsWith(a))
          && (prefixMatch == null || c.compareTo(prefixMatch) < 0)) {
        prefixMatch = c;
      }
      // only a distance within the limit can be chosen; a tie with the best so far still counts
      int bound = Math.min(limit, bestDistance);
      if (Math.abs(a.length() - b.length()) > bound) {
        continue;
      }
      int d = distance(a, b, bound, prev, cur);
      if (d < bestDistance || (d == bestDistance && best != null && c.compareTo(best) < 0)) {
        best = c;
        bestDistance = d;
      }
    }
    if (best != null && bestDistance <= limit && bestDistance < word.length()) {
      return Optional.of(best);
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

  /**
   * The edit distance of {@code a} and {@code b}, or {@code bound + 1} once every path is known to
   * exceed {@code bound}.
   */
  private static int distance(String a, String b, int bound, int[] prev, int[] cur) {
    for (int i = 0; i <= a.length(); i++) {
      prev[i] = i;
    }
    for (int j = 1; j <= b.length(); j++) {
      cur[0] = j;
      int rowMin = j;
      char bj = b.charAt(j - 1);
      for (int i = 1; i <= a.length(); i++) {
        int cost = a.charAt(i - 1) == bj ? 0 : 1;
        int v = Math.min(Math.min(cur[i - 1] + 1, prev[i] + 1), prev[i - 1] + cost);
        cur[i] = v;
        rowMin = Math.min(rowMin, v);
      }
      if (rowMin > bound) {
        return bound + 1;
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[a.length()];
  }
}
