package dev.playbook.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  @Test
  void hint_misspeltName_namesTheClosest() {
    assertThat(Suggestions.hint("titel", List.of("title", "when", "gap")))
        .isEqualTo(" (did you mean 'title'?)");
  }

  @Test
  void hint_longerFormOfAKnownName_namesIt() {
    assertThat(Suggestions.closest("eb-introduction", List.of("eb-intro", "champion")))
        .contains("eb-intro");
  }

  @Test
  void hint_nothingClose_isEmpty() {
    assertThat(Suggestions.hint("zzz", List.of("title", "when"))).isEmpty();
    assertThat(Suggestions.closest("title", List.of())).isEmpty();
  }

  @Test
  void closest_tiesGoToTheFirstInAlphabeticalOrder_whateverTheCandidateOrder() {
    assertThat(Suggestions.closest("cat", List.of("cut", "bat"))).contains("bat");
    assertThat(Suggestions.closest("cat", List.of("bat", "cut"))).contains("bat");
  }

  @Test
  void closest_agreesWithTheFullEditDistanceOnRandomNames() {
    Random random = new Random(42);
    for (int round = 0; round < 5_000; round++) {
      String word = randomName(random);
      List<String> candidates = new ArrayList<>();
      for (int i = random.nextInt(30); i > 0; i--) {
        candidates.add(random.nextInt(3) == 0 ? mutate(word, random) : randomName(random));
      }
      assertThat(Suggestions.closest(word, candidates))
          .as("closest(%s, %s)", word, candidates)
          .isEqualTo(reference(word, candidates));
    }
  }

  private static String randomName(Random random) {
    StringBuilder s = new StringBuilder();
    for (int i = random.nextInt(12) + 1; i > 0; i--) {
      s.append((char) ('a' + random.nextInt(6)));
    }
    return random.nextInt(5) == 0 ? s.toString().toUpperCase(Locale.ROOT) : s.toString();
  }

  private static String mutate(String word, Random random) {
    StringBuilder s = new StringBuilder(word);
    for (int i = random.nextInt(4); i > 0 && s.length() > 0; i--) {
      int at = random.nextInt(s.length());
      switch (random.nextInt(3)) {
        case 0 -> s.deleteCharAt(at);
        case 1 -> s.insert(at, (char) ('a' + random.nextInt(6)));
        default -> s.setCharAt(at, (char) ('a' + random.nextInt(6)));
      }
    }
    return s.toString();
  }

  /** The rule as documented, computed the slow way: every full distance, then prefixes. */
  private static Optional<String> reference(String word, List<String> candidates) {
    String a = word.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = levenshtein(a, c.toLowerCase(Locale.ROOT));
      if (d < bestDistance || (d == bestDistance && c.compareTo(best) < 0)) {
        best = c;
        bestDistance = d;
      }
    }
    if (best != null
        && bestDistance <= Math.max(2, word.length() / 3)
        && bestDistance < word.length()) {
      return Optional.of(best);
    }
    String prefix = null;
    for (String c : candidates) {
      String b = c.toLowerCase(Locale.ROOT);
      if (Math.min(a.length(), b.length()) >= 4
          && (a.startsWith(b) || b.startsWith(a))
          && (prefix == null || c.compareTo(prefix) < 0)) {
        prefix = c;
      }
    }
    return Optional.ofNullable(prefix);
  }

  private static int levenshtein(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      for (int j = 0; j <= b.length(); j++) {
        d[i][j] =
            i == 0 || j == 0
                ? i + j
                : Math.min(
                    Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1),
                    d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
      }
    }
    return d[a.length()][b.length()];
  }
}
