package dev.playbook.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
}
