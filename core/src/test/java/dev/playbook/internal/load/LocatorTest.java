package dev.playbook.internal.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.internal.load.Defs.Src;
import dev.playbook.internal.tree.Node;
import dev.playbook.internal.tree.Pos;
import dev.playbook.internal.tree.Problems;
import dev.playbook.internal.tree.TreeReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Offsets into a scalar's text map to the file by the scalar's style and marks. */
class LocatorTest {

  /** Where the first {@code word} of the value of {@code when} in {@code yaml} is written. */
  private static String locate(String yaml, String word) {
    Problems problems = new Problems();
    Node.MapNode root = (Node.MapNode) TreeReader.readYaml("f.yaml", yaml, problems);
    assertThat(problems.isEmpty()).as(problems.list().toString()).isTrue();
    Node.Scalar when = (Node.Scalar) root.get("when");
    int offset = when.text().indexOf(word);
    assertThat(offset).as("'" + word + "' in " + when.text()).isNotNegative();
    Pos pos = new Locator(Map.of("f.yaml", yaml)).locate(new Src(when), offset);
    return pos.line() + ":" + pos.column();
  }

  @Test
  void locate_plainOneLine_countsFromTheScalarsStart() {
    assertThat(locate("when: stage == amout\n", "amout")).isEqualTo("1:16");
  }

  @Test
  void locate_plainOverSeveralLines_findsTheLineAndColumn() {
    assertThat(locate("when: stage == a\n  and amout > 5\n  and x\n", "amout")).isEqualTo("2:7");
  }

  @Test
  void locate_doubleQuotedWithEscapes_countsEachEscapeAsWritten() {
    assertThat(locate("when: \"name == \\\"A\\u0042\\\" and amout\"\n", "amout")).isEqualTo("1:32");
  }

  @Test
  void locate_doubleQuotedOverSeveralLines_findsTheLineAndColumn() {
    assertThat(locate("when: \"stage == a\n    and amout > 5\"\n", "amout")).isEqualTo("2:9");
  }

  @Test
  void locate_singleQuotedWithDoubledQuote_countsItAsTwoCharactersWritten() {
    assertThat(locate("when: 'name == ''x'' and amout'\n", "amout")).isEqualTo("1:26");
  }

  @Test
  void locate_literalBlock_findsTheLineWithoutItsIndentation() {
    assertThat(locate("when: |\n  stage == a\n\n  and amout > 5\n", "amout")).isEqualTo("4:7");
  }

  @Test
  void locate_foldedBlockWithAnEmptyLine_findsTheLine() {
    assertThat(locate("when: >\n  stage == a\n\n  and amout > 5\n", "amout")).isEqualTo("4:7");
  }

  @Test
  void locate_endOfText_isJustAfterTheLastCharacter() {
    Problems problems = new Problems();
    String yaml = "when: \"stage ==\"\n";
    Node.Scalar when =
        (Node.Scalar) ((Node.MapNode) TreeReader.readYaml("f.yaml", yaml, problems)).get("when");

    Pos pos = new Locator(Map.of("f.yaml", yaml)).locate(new Src(when), when.text().length());

    assertThat(pos).isEqualTo(new Pos("f.yaml", 1, 16));
  }
}
