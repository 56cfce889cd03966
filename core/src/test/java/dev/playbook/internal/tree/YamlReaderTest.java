package dev.playbook.internal.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import dev.playbook.internal.tree.Node.ListNode;
import dev.playbook.internal.tree.Node.MapNode;
import dev.playbook.internal.tree.Node.Scalar;
import dev.playbook.internal.tree.Node.Scalar.Kind;
import dev.playbook.internal.tree.Node.Scalar.Style;
import dev.playbook.problem.Problem;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** YAML read from the parser's events: marks and styles on the nodes, limits, located errors. */
class YamlReaderTest {

  private final Problems problems = new Problems();

  private Node yaml(String content) {
    return TreeReader.readYaml("f.yaml", content, problems);
  }

  private List<String> rendered() {
    return problems.list().stream().sorted().map(Problem::render).toList();
  }

  private static Pos at(int line, int column) {
    return new Pos("f.yaml", line, column);
  }

  @Nested
  class StylesAndMarks {

    @Test
    void readYaml_eachScalarStyle_isKeptWithTheScalarsStartAndEnd() {
      // given
      String content =
          String.join(
              "\n",
              "plain: a b",
              "single: 'it''s'",
              "double: \"x\\ty\"",
              "literal: |",
              "  one",
              "  two",
              "folded: >-",
              "  three",
              "  four",
              "number: 42",
              "");

      // when
      MapNode root = (MapNode) yaml(content);

      // then
      assertThat(problems.isEmpty()).isTrue();
      Scalar plain = (Scalar) root.get("plain");
      assertThat(List.of(plain.style(), plain.pos(), plain.end(), plain.text()))
          .containsExactly(Style.PLAIN, at(1, 8), at(1, 11), "a b");
      Scalar single = (Scalar) root.get("single");
      assertThat(List.of(single.style(), single.pos(), single.end(), single.text()))
          .containsExactly(Style.SINGLE_QUOTED, at(2, 9), at(2, 16), "it's");
      Scalar dbl = (Scalar) root.get("double");
      assertThat(List.of(dbl.style(), dbl.pos(), dbl.end(), dbl.text()))
          .containsExactly(Style.DOUBLE_QUOTED, at(3, 9), at(3, 15), "x\ty");
      Scalar literal = (Scalar) root.get("literal");
      assertThat(List.of(literal.style(), literal.pos(), literal.text()))
          .containsExactly(Style.LITERAL, at(4, 10), "one\ntwo\n");
      Scalar folded = (Scalar) root.get("folded");
      assertThat(List.of(folded.style(), folded.pos(), folded.text()))
          .containsExactly(Style.FOLDED, at(7, 9), "three four");
      Scalar number = (Scalar) root.get("number");
      assertThat(List.of(number.style(), number.kind())).containsExactly(Style.PLAIN, Kind.NUMBER);
    }

    @Test
    void readYaml_mappingsAndLists_endAfterTheirLastCharacter() {
      // given
      String content = "deal:\n  roles: [champion, coach]\n  contacts: {id: c-1}\nnext: 1\n";

      // when
      MapNode root = (MapNode) yaml(content);

      // then
      MapNode deal = (MapNode) root.get("deal");
      ListNode roles = (ListNode) deal.get("roles");
      MapNode contacts = (MapNode) deal.get("contacts");
      assertThat(List.of(roles.pos(), roles.end())).containsExactly(at(2, 10), at(2, 27));
      assertThat(List.of(contacts.pos(), contacts.end())).containsExactly(at(3, 13), at(3, 22));
      assertThat(deal.pos()).isEqualTo(at(2, 3));
      assertThat(deal.end().line()).isEqualTo(4);
    }

    @Test
    void nodesBuiltInCode_equalNodesRead_whatever_theirStyleAndEnd() {
      Scalar read = (Scalar) ((MapNode) yaml("a: 'x'\n")).get("a");

      assertThat(read).isEqualTo(new Scalar(at(1, 4), "x", Kind.STRING));
      assertThat(read.style()).isEqualTo(Style.SINGLE_QUOTED);
      assertThat(read.end()).isEqualTo(at(1, 7));
    }
  }

  @Nested
  class Refusals {

    @Test
    void readYaml_alias_isRefusedWhereItIs_andNeverExpanded() {
      assertThat(yaml("a: &x {b: 1}\nc: *x\n")).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.yaml:1:4: yaml-anchor: anchor '&x': anchors and aliases are not supported; repeat"
                  + " the value instead",
              "f.yaml:2:4: yaml-alias: alias '*x': anchors and aliases are not supported; repeat the"
                  + " value instead");
    }

    @Test
    void readYaml_duplicateKeyInAFlowMapping_isReportedAtTheSecondKey() {
      assertThat(yaml("deal: {id: D-1, id: D-2}\n")).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.yaml:1:17: duplicate-key: key 'id' appears twice in this mapping (first at line 1)");
    }

    @Test
    void readYaml_duplicateKeysInDifferentMappings_areEachReportedOnce() {
      assertThat(yaml("a: 1\nb:\n  a: 2\n  a: 3\na: 4\n")).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.yaml:4:3: duplicate-key: key 'a' appears twice in this mapping (first at line 3)",
              "f.yaml:5:1: duplicate-key: key 'a' appears twice in this mapping (first at line 1)");
    }
  }

  @Nested
  class Limits {

    @Test
    void readYaml_65NestedBlockMappings_isTooDeepAtTheInnermostOne() {
      // given: a: / b: / ... each indented one more step, 65 mappings deep
      StringBuilder content = new StringBuilder();
      for (int i = 0; i < 65; i++) {
        content.append(" ".repeat(i)).append("k:\n");
      }
      content.append(" ".repeat(65)).append("x\n");

      // when
      Node node = yaml(content.toString());

      // then
      assertThat(node).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.yaml:65:65: too-deep: mappings and lists are nested more than 64 levels deep");
    }

    @Test
    void readYaml_64NestedBlockMappings_areRead() {
      StringBuilder content = new StringBuilder();
      for (int i = 0; i < 64; i++) {
        content.append(" ".repeat(i)).append("k:\n");
      }

      assertThat(yaml(content.toString())).isInstanceOf(MapNode.class);
      assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void readYaml_moreThan64MiCharacters_isTooLargeAtTheFirstCharacterOverTheLimit() {
      // given: "k: v\n" is 5 characters, so character 67108864 (0-based) is on line 13421773
      String content = "k: v\n".repeat(13_421_773 + 10);

      // when (the timeout guards against a hang or a quadratic read, not speed: on an idle
      // machine this takes a few seconds, on one shared by many builds up to half a minute)
      Node node = assertTimeout(Duration.ofSeconds(60), () -> yaml(content));

      // then
      assertThat(node).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.yaml:13421773:5: too-large: the file is more than 67108864 characters long");
    }

    @Test
    void readYaml_moreThanAMillionKeysAndValues_isTooLarge() {
      // given: a list of 1,000,001 scalars; with the list's start that is 1,000,002 tokens
      String content = "- 0\n".repeat(1_000_001);

      // when (the timeout guards against a hang or a quadratic read, not speed: on an idle
      // machine this takes a few seconds, on one shared by many builds up to half a minute)
      Node node = assertTimeout(Duration.ofSeconds(60), () -> yaml(content));

      // then: the token over the limit is the 1,000,000th scalar
      assertThat(node).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.yaml:1000000:3: too-large: there are more than 1,000,000 keys and values; split the"
                  + " file into smaller ones");
    }
  }

  @Nested
  class SyntaxErrors {

    @Test
    void readYaml_tabAfterSpacesInTheIndentation_isReportedAtTheTab() {
      assertThat(yaml("deal:\n  id: D-1\n  \tstage: x\n")).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.yaml:3:3: yaml-syntax: tabs are not allowed for indentation; use spaces");
    }

    @Test
    void readYaml_unclosedSingleQuote_pointsAtTheOpeningQuote() {
      assertThat(yaml("a: 1\nb: 'never\nc: 2\n")).isNull();
      assertThat(rendered())
          .containsExactly("f.yaml:2:4: yaml-syntax: this quoted value is never closed");
    }

    @Test
    void readYaml_unknownEscape_isReportedAtTheEscape() {
      assertThat(yaml("a: \"x\\qy\"\n")).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.yaml:1:7: yaml-syntax: '\\q' is not an escape YAML knows; write '\\\\' for a"
                  + " backslash");
    }

    @Test
    void readYaml_unicodeEscapeCutShortByTheEndOfTheFile_isASyntaxProblemNotACrash() {
      assertThat(yaml("{\"id\": \"d\", \"name\": \"\\u")).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.yaml:1:22: yaml-syntax: this \\x, \\u or \\U escape is cut short (it needs 2, 4"
                  + " or 8 hexadecimal digits); complete it or write the character itself");
    }

    @Test
    void readYaml_shortUnicodeEscape_saysHowManyDigits() {
      assertThat(yaml("a: \"\\u12\"\n")).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.yaml:1:7: yaml-syntax: '\\u' must be followed by 4 hexadecimal digits");
    }

    @Test
    void readYaml_missingColon_saysSoAtTheNextLine() {
      assertThat(yaml("a: 1\nb\nc: 2\n")).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.yaml:3:1: yaml-syntax: expected 'key: value' here; is a ':' missing?");
    }

    @Test
    void readYaml_strayClosingBracketAfterAMapping_saysTheIndentationDoesNotFit() {
      assertThat(yaml("a: 1\n]\n")).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.yaml:2:1: yaml-syntax: the indentation here does not match the lines above");
    }

    @Test
    void readYaml_strayClosingBracketAfterAFlowList_saysNothingIsOpen() {
      assertThat(yaml("[a, b]]\n")).isNull();
      assertThat(rendered())
          .containsExactly("f.yaml:1:7: yaml-syntax: found ']' with nothing open to close");
    }
  }
}
