package dev.playbook.internal.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExplainerCollapseTest {

  @Test
  void collapse_anyText_matchesTheRegularExpressionItReplaces() {
    List<String> samples =
        List.of(
            "",
            " ",
            "a",
            " a ",
            "stage >= proposal",
            "a  b",
            "a\n  and b",
            "\t x \r\n y \u000B z\f",
            "count(activities,\n      type == call)   < 2  ",
            "a \u0001 b",
            "  \n  ",
            "x\u00a0y");
    for (String s : samples) {
      for (int from = 0; from <= s.length(); from++) {
        for (int to = from; to <= s.length(); to++) {
          assertThat(Explainer.collapse(s, from, to))
              .as("'%s' [%d, %d)", s, from, to)
              .isEqualTo(s.substring(from, to).replaceAll("\\s+", " ").trim());
        }
      }
    }
  }
}
