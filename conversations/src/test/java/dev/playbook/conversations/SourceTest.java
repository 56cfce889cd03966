package dev.playbook.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SourceTest {

  @Test
  void lines_crLfCrAndLf_splitEachOnceAndKeepEmptyLines() {
    assertThat(Source.lines("a\r\nb\rc\nd\n\r\ne\r\n"))
        .containsExactly("a", "b", "c", "d", "", "e", "");
    assertThat(Source.lines("")).containsExactly("");
    assertThat(Source.lines("\n\n")).containsExactly("", "", "");
    assertThat(Source.lines("\r\r\n")).containsExactly("", "", "");
  }

  @Test
  void oneLine_runsOfAsciiWhitespace_becomeOneSpaceAndOtherSpacesStay() {
    assertThat(Source.oneLine("  we  need\t\tit\n now\u000B\fok \r "))
        .isEqualTo("we need it now ok");
    assertThat(Source.oneLine("already one line")).isEqualTo("already one line");
    assertThat(Source.oneLine("no\u00A0break\u3000wide")).isEqualTo("no\u00A0break\u3000wide");
  }

  @Test
  void linesAndOneLine_randomText_sameAsTheRegularExpressions() {
    char[] pool = {'a', 'b', ' ', ' ', '\t', '\n', '\r', '\u000B', '\f', '\u00A0', '\u2003', '价'};
    Random random = new Random(7);
    for (int round = 0; round < 2_000; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(20); i > 0; i--) {
        text.append(pool[random.nextInt(pool.length)]);
      }
      String s = text.toString();

      assertThat(Source.lines(s))
          .as("lines of %s", s)
          .isEqualTo(List.of(s.split("\r\n|\r|\n", -1)));
      assertThat(Source.oneLine(s))
          .as("one line of %s", s)
          .isEqualTo(s.strip().replaceAll("\\s+", " "));
    }
  }
}
