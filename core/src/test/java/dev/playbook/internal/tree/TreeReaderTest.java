package dev.playbook.internal.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import dev.playbook.internal.tree.Node.ListNode;
import dev.playbook.internal.tree.Node.MapNode;
import dev.playbook.internal.tree.Node.Scalar;
import dev.playbook.internal.tree.Node.Scalar.Kind;
import dev.playbook.problem.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TreeReaderTest {

  /** Counts every sign of life of {@link Canary}; reading it does not load Canary. */
  static final AtomicInteger CANARY_SIGNS = new AtomicInteger();

  /** A class a malicious tag could try to build. */
  public static final class Canary {
    static {
      CANARY_SIGNS.incrementAndGet();
    }

    public Canary() {
      CANARY_SIGNS.incrementAndGet();
    }

    public Canary(String ignored) {
      CANARY_SIGNS.incrementAndGet();
    }
  }

  private final Problems problems = new Problems();

  private List<String> rendered() {
    return problems.list().stream().sorted().map(Problem::render).toList();
  }

  private Node yaml(String content) {
    return TreeReader.readYaml("f.yaml", content, problems);
  }

  private Node json(String content) {
    return TreeReader.readJson("f.json", content, problems);
  }

  private static Scalar scalar(Node node, String key) {
    return (Scalar) ((MapNode) node).get(key);
  }

  @Nested
  class Positions {

    @Test
    void readYaml_nestedMappingsAndLists_recordPositionOfEveryKeyAndValue() {
      // given
      String content =
          String.join(
              "\n",
              "# a deal",
              "deal:",
              "  title: Big one",
              "  contacts:",
              "    - id: c-1",
              "      roles: [champion, coach]",
              "");

      // when
      MapNode root = (MapNode) yaml(content);

      // then
      assertThat(problems.isEmpty()).isTrue();
      assertThat(root.pos()).isEqualTo(new Pos("f.yaml", 2, 1));
      assertThat(root.entries().get("deal").keyPos()).isEqualTo(new Pos("f.yaml", 2, 1));
      MapNode deal = (MapNode) root.get("deal");
      assertThat(deal.pos()).isEqualTo(new Pos("f.yaml", 3, 3));
      assertThat(deal.entries().get("title").keyPos()).isEqualTo(new Pos("f.yaml", 3, 3));
      assertThat(deal.get("title"))
          .isEqualTo(new Scalar(new Pos("f.yaml", 3, 10), "Big one", Kind.STRING));
      ListNode contacts = (ListNode) deal.get("contacts");
      assertThat(contacts.pos()).isEqualTo(new Pos("f.yaml", 5, 5));
      MapNode contact = (MapNode) contacts.items().get(0);
      assertThat(contact.pos()).isEqualTo(new Pos("f.yaml", 5, 7));
      assertThat(contact.entries().get("roles").keyPos()).isEqualTo(new Pos("f.yaml", 6, 7));
      ListNode roles = (ListNode) contact.get("roles");
      assertThat(roles.pos()).isEqualTo(new Pos("f.yaml", 6, 14));
      assertThat(roles.items())
          .containsExactly(
              new Scalar(new Pos("f.yaml", 6, 15), "champion", Kind.STRING),
              new Scalar(new Pos("f.yaml", 6, 25), "coach", Kind.STRING));
    }

    @Test
    void readJson_nestedObjectsAndArrays_recordPositionOfEveryKeyAndValue() {
      // given
      String content = "{\n  \"deal\": {\"id\": \"D-1\",\n    \"amount\": [1, -2.5e3]}\n}";

      // when
      MapNode root = (MapNode) json(content);

      // then
      assertThat(problems.isEmpty()).isTrue();
      assertThat(root.pos()).isEqualTo(new Pos("f.json", 1, 1));
      assertThat(root.entries().get("deal").keyPos()).isEqualTo(new Pos("f.json", 2, 3));
      MapNode deal = (MapNode) root.get("deal");
      assertThat(deal.pos()).isEqualTo(new Pos("f.json", 2, 11));
      assertThat(deal.entries().get("id").keyPos()).isEqualTo(new Pos("f.json", 2, 12));
      assertThat(deal.get("id"))
          .isEqualTo(new Scalar(new Pos("f.json", 2, 18), "D-1", Kind.STRING));
      assertThat(deal.entries().get("amount").keyPos()).isEqualTo(new Pos("f.json", 3, 5));
      assertThat(((ListNode) deal.get("amount")).items())
          .containsExactly(
              new Scalar(new Pos("f.json", 3, 16), "1", Kind.NUMBER),
              new Scalar(new Pos("f.json", 3, 19), "-2.5e3", Kind.NUMBER));
    }

    @Test
    void readJsonLines_skipsBlankLines_andUsesTheFileLineNumbers() {
      // given
      String content = "{\"id\": \"D-1\"}\n\n   \r\n{\"id\": \"D-2\"}\r\n[true]\n";

      // when
      List<Node> lines = TreeReader.readJsonLines("f.jsonl", content, problems);

      // then
      assertThat(problems.isEmpty()).isTrue();
      assertThat(lines)
          .extracting(Node::pos)
          .containsExactly(
              new Pos("f.jsonl", 1, 1), new Pos("f.jsonl", 4, 1), new Pos("f.jsonl", 5, 1));
      assertThat(scalar(lines.get(1), "id"))
          .isEqualTo(new Scalar(new Pos("f.jsonl", 4, 8), "D-2", Kind.STRING));
    }

    @Test
    void readJsonLines_badLine_isReportedAtItsLineAndTheOthersAreStillRead() {
      // given
      String content = "{\"id\": \"D-1\"}\n{\"id\": \n{\"id\": \"D-3\"} {}\n{\"id\": \"D-4\"}\n";

      // when
      List<Node> lines = TreeReader.readJsonLines("f.jsonl", content, problems);

      // then
      assertThat(lines).extracting(n -> scalar(n, "id").text()).containsExactly("D-1", "D-4");
      assertThat(rendered())
          .containsExactly(
              "f.jsonl:2:8: json-syntax: the line ends before the value is complete",
              "f.jsonl:3:15: json-syntax: a line holds one JSON value; found more after it");
    }
  }

  @Nested
  class Scalars {

    @Test
    void readYaml_plainScalars_areTypedByTheCoreSchemaWithoutYesNoOnOff() {
      // given
      String content =
          String.join(
              "\n",
              "t: true",
              "f: False",
              "yes: yes",
              "no: no",
              "on: on",
              "off: off",
              "n1: null",
              "n2: ~",
              "n3:",
              "i: 42",
              "neg: -7",
              "fl: -1.5",
              "exp: 1e3",
              "hex: 0x1F",
              "under: 1_000",
              "inf: .inf",
              "date: 2026-11-02",
              "q1: '42'",
              "q2: \"true\"",
              "block: |",
              "  text",
              "");

      // when
      MapNode root = (MapNode) yaml(content);

      // then
      assertThat(problems.isEmpty()).isTrue();
      assertThat(root.entries().values())
          .extracting(e -> e.key() + "=" + ((Scalar) e.value()).kind())
          .containsExactly(
              "t=BOOLEAN",
              "f=BOOLEAN",
              "yes=STRING",
              "no=STRING",
              "on=STRING",
              "off=STRING",
              "n1=NULL",
              "n2=NULL",
              "n3=NULL",
              "i=NUMBER",
              "neg=NUMBER",
              "fl=NUMBER",
              "exp=NUMBER",
              "hex=STRING",
              "under=STRING",
              "inf=STRING",
              "date=STRING",
              "q1=STRING",
              "q2=STRING",
              "block=STRING");
      assertThat(scalar(root, "neg").text()).isEqualTo("-7");
      assertThat(scalar(root, "block").text()).isEqualTo("text\n");
    }

    @Test
    void readJson_scalars_areTypedByTheirJsonType() {
      MapNode root = (MapNode) json("{\"s\": \"1\", \"n\": 1.50, \"b\": false, \"z\": null}");

      assertThat(root.entries().values())
          .extracting(e -> (Scalar) e.value())
          .extracting(Scalar::text, Scalar::kind)
          .containsExactly(
              tuple("1", Kind.STRING),
              tuple("1.50", Kind.NUMBER),
              tuple("false", Kind.BOOLEAN),
              tuple("null", Kind.NULL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "# only a comment\n"})
    void readYaml_noDocument_isANullScalarAtOneOne(String content) {
      assertThat(yaml(content)).isEqualTo(new Scalar(new Pos("f.yaml", 1, 1), "", Kind.NULL));
      assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void readJson_emptyFile_isASyntaxError() {
      assertThat(json("  \n")).isNull();
      assertThat(rendered())
          .containsExactly("f.json:1:1: json-syntax: the file is empty; expected a value");
    }
  }

  @Nested
  class Rejections {

    @Test
    void readYaml_duplicateKey_isReportedAtTheSecondKeyWithTheFirstLine() {
      String content = "deal:\n  id: D-1\n  title: One\n  stage: x\n  title: Two\n";

      assertThat(yaml(content)).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.yaml:5:3: duplicate-key: key 'title' appears twice in this mapping (first at line 3)");
    }

    @Test
    void readJson_duplicateKey_isReportedAtTheSecondKeyWithTheFirstLine() {
      String content = "{\n  \"title\": \"One\",\n  \"title\": \"Two\"\n}";

      assertThat(json(content)).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.json:3:3: duplicate-key: key 'title' appears twice in this mapping (first at line 2)");
    }

    @Test
    void readYaml_anchorsAndAliases_areEachReported() {
      // given: an anchored mapping, a merge key and an alias as a value
      String content = "base: &base\n  stage: discovery\ndeal:\n  <<: *base\n  copy: *base\n";

      // when
      Node node = yaml(content);

      // then
      assertThat(node).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.yaml:1:7: yaml-anchor: anchor '&base': anchors and aliases are not supported;"
                  + " repeat the value instead",
              "f.yaml:4:7: yaml-alias: alias '*base': anchors and aliases are not supported;"
                  + " repeat the value instead",
              "f.yaml:5:9: yaml-alias: alias '*base': anchors and aliases are not supported;"
                  + " repeat the value instead");
    }

    @Test
    void readYaml_anchorOnScalarAndAliasAsKey_areReported() {
      assertThat(yaml("a: &x 1\n*x : 2\n")).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.yaml:1:4: yaml-anchor: anchor '&x': anchors and aliases are not supported;"
                  + " repeat the value instead",
              "f.yaml:2:1: yaml-alias: alias '*x': anchors and aliases are not supported;"
                  + " repeat the value instead");
    }

    @Test
    void readYaml_billionLaughs_isRejectedFastWithoutExpandingAnything() {
      // given: nine levels of nine aliases each, a billion "lol"s if expanded
      StringBuilder content =
          new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
      for (char level = 'b'; level <= 'i'; level++) {
        content.append(level).append(": &").append(level).append(" [");
        for (int i = 0; i < 9; i++) {
          content.append(i == 0 ? "" : ", ").append('*').append((char) (level - 1));
        }
        content.append("]\n");
      }

      // when
      Node node = assertTimeout(Duration.ofSeconds(5), () -> yaml(content.toString()));

      // then: 9 anchors and 72 aliases, each reported, and no tree
      assertThat(node).isNull();
      assertThat(problems.list()).hasSize(81);
      assertThat(problems.list())
          .extracting(Problem::code)
          .containsOnly("yaml-anchor", "yaml-alias");
      assertThat(rendered().get(0))
          .isEqualTo(
              "f.yaml:1:4: yaml-anchor: anchor '&a': anchors and aliases are not supported;"
                  + " repeat the value instead");
      assertThat(rendered().get(2))
          .isEqualTo(
              "f.yaml:2:8: yaml-alias: alias '*a': anchors and aliases are not supported;"
                  + " repeat the value instead");
    }

    @Test
    void readYaml_explicitTags_areReportedAndNothingIsInstantiated() {
      // given
      String content =
          String.join(
              "\n",
              "a: !!str 1",
              "b: !local x",
              "c: !!dev.playbook.internal.tree.TreeReaderTest$Canary [hello]",
              "d: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader"
                  + " [[!!java.net.URL [\"http://example.invalid/\"]]]]",
              "e: !!dev.playbook.internal.tree.TreeReaderTest$Canary",
              "  k: v",
              "");

      // when
      Node node = yaml(content);

      // then
      assertThat(node).isNull();
      assertThat(CANARY_SIGNS.get()).isZero();
      assertThat(rendered())
          .containsExactly(
              "f.yaml:1:4: yaml-tag: explicit tags such as '!!str' are not allowed; write the"
                  + " plain value",
              "f.yaml:2:4: yaml-tag: explicit tags such as '!local' are not allowed; write the"
                  + " plain value",
              "f.yaml:3:4: yaml-tag: explicit tags such as"
                  + " '!!dev.playbook.internal.tree.TreeReaderTest$Canary' are not allowed;"
                  + " write the plain value",
              "f.yaml:4:4: yaml-tag: explicit tags such as '!!javax.script.ScriptEngineManager'"
                  + " are not allowed; write the plain value",
              "f.yaml:4:40: yaml-tag: explicit tags such as '!!java.net.URLClassLoader' are not"
                  + " allowed; write the plain value",
              "f.yaml:4:68: yaml-tag: explicit tags such as '!!java.net.URL' are not allowed;"
                  + " write the plain value",
              "f.yaml:5:4: yaml-tag: explicit tags such as"
                  + " '!!dev.playbook.internal.tree.TreeReaderTest$Canary' are not allowed;"
                  + " write the plain value");
    }

    @Test
    void readYaml_binaryTagWithBadContent_isReportedAsATag() {
      assertThat(yaml("a: !!binary \"@@@\"\n")).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.yaml:1:4: yaml-tag: explicit tags such as '!!binary' are not allowed; write the"
                  + " plain value");
    }

    @Test
    void readYaml_secondDocument_isReportedAtItsMarker() {
      assertThat(yaml("id: D-1\n---\nid: D-2\n")).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.yaml:2:1: multiple-documents: a file holds one document; found a second one");
    }

    @Test
    void readYaml_trailingEmptyDocument_isAccepted() {
      assertThat(yaml("---\nid: D-1\n---\n")).isInstanceOf(MapNode.class);
      assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void readYaml_keysThatAreNotText_areReported() {
      assertThat(yaml("1: x\ntrue: y\n~: z\n\"2\": fine\nyes: fine\n")).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.yaml:1:1: wrong-type: keys must be text; put '1' in quotes",
              "f.yaml:2:1: wrong-type: keys must be text; put 'true' in quotes",
              "f.yaml:3:1: wrong-type: keys must be text, not null");
    }

    @Test
    void readYaml_complexKey_isReported() {
      assertThat(yaml("? [a, b]\n: 1\n")).isNull();
      assertThat(rendered())
          .containsExactly("f.yaml:1:3: wrong-type: keys must be text, not a mapping or a list");
    }
  }

  @Nested
  class Limits {

    @Test
    void readYaml_100000DeepFlowNesting_isRejectedOnceAndFast() {
      String content = "[".repeat(100_000) + "]".repeat(100_000);

      Node node = assertTimeout(Duration.ofSeconds(5), () -> yaml(content));

      assertThat(node).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.yaml:1:65: too-deep: mappings and lists are nested more than 64 levels deep");
    }

    @Test
    void readYaml_100000DeepBlockNesting_isRejectedOnceAndFast() {
      String content = "- ".repeat(100_000) + "x\n";

      Node node = assertTimeout(Duration.ofSeconds(5), () -> yaml(content));

      assertThat(node).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.yaml:1:129: too-deep: mappings and lists are nested more than 64 levels deep");
    }

    @Test
    void readJson_100000DeepNesting_isRejectedOnceAndFast() {
      String content = "{\"a\": ".repeat(100_000) + "1" + "}".repeat(100_000);

      Node node = assertTimeout(Duration.ofSeconds(5), () -> json(content));

      assertThat(node).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.json:1:385: too-deep: mappings and lists are nested more than 64 levels deep");
    }

    @Test
    void read_64LevelsOfNesting_isAccepted() {
      assertThat(json("[".repeat(64) + "]".repeat(64))).isNotNull();
      assertThat(yaml("[".repeat(64) + "]".repeat(64))).isNotNull();
      assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void readYaml_scalarLongerThan100000Characters_isTooLarge() {
      assertThat(yaml("a: ok\nb: " + "x".repeat(100_001) + "\n")).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.yaml:2:4: too-large: a key or value is more than 100000 characters long");
    }

    @Test
    void readJson_stringLongerThan100000Characters_isTooLarge() {
      assertThat(json("{\"b\": \"" + "x".repeat(200_000) + "\"}")).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.json:1:7: too-large: a key or value is more than 100000 characters long");
    }

    @Test
    void readJson_moreThanAMillionTokens_isTooLarge() {
      StringBuilder content = new StringBuilder("[0");
      content.append(",0".repeat(1_000_000)).append(']');

      assertThat(json(content.toString())).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.json:1:2000000: too-large: there are more than 1,000,000 keys and values; split"
                  + " the file into smaller ones");
    }
  }

  @Nested
  class Syntax {

    @Test
    void readYaml_tabIndentation_saysToUseSpaces() {
      assertThat(yaml("deal:\n\tid: D-1\n")).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.yaml:2:1: yaml-syntax: tabs are not allowed for indentation; use spaces");
    }

    @Test
    void readYaml_colonInsidePlainValue_saysToQuote() {
      assertThat(yaml("title: Renewal: phase 2\n")).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.yaml:1:15: yaml-syntax: a ':' is not allowed here; put a value that contains"
                  + " ': ' in quotes");
    }

    @Test
    void readYaml_unclosedQuote_pointsAtTheOpeningQuote() {
      assertThat(yaml("a: 1\ntitle: \"Renewal\nb: 2\n")).isNull();
      assertThat(rendered())
          .containsExactly("f.yaml:2:8: yaml-syntax: this quoted value is never closed");
    }

    @Test
    void readYaml_badIndentation_saysSo() {
      assertThat(yaml("deal:\n  id: D-1\n stage: x\n")).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.yaml:3:2: yaml-syntax: the indentation here does not match the lines above");
    }

    @Test
    void readYaml_unclosedFlowList_saysWhichBracket() {
      assertThat(yaml("roles: [champion, coach\n")).isNull();
      assertThat(rendered())
          .containsExactly("f.yaml:2:1: yaml-syntax: the file ends before a '[' is closed");
    }

    @Test
    void readJson_trailingComma_isExplained() {
      assertThat(json("{\n  \"a\": 1,\n}")).isNull();
      assertThat(rendered())
          .containsExactly("f.json:3:1: json-syntax: expected a key in double quotes, found '}'");
    }

    @Test
    void readJson_singleQuotes_areExplained() {
      assertThat(json("{\"a\": 'x'}")).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.json:1:7: json-syntax: text goes in double quotes, not single quotes");
    }

    @Test
    void readJson_secondValue_isReported() {
      assertThat(json("{} {}")).isNull();
      assertThat(rendered())
          .containsExactly(
              "f.json:1:4: json-syntax: expected the end of the file after the value; found more");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "a: b: c",
          "a: 'x",
          "a: \"\\q\"",
          "a: [1, 2",
          "a: {b: 1",
          "a:\n  b: 1\n c: 2",
          "- a\nb: 1",
          "a: @x",
          "[a, b]]",
          "a: 1\n...\nb: 2",
          "%YAML 9.9\n---\na: 1",
          "? {a: 1}\n: 1",
          "a: \"\\x\""
        })
    void readYaml_anySyntaxError_hasAPositionAndNoParserJargon(String content) {
      assertThat(yaml(content)).isNull();
      assertThat(problems.list()).hasSize(1);
      assertNoJargon(problems.list().get(0));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "{\"a\": 1,}",
          "{\"a\" 1}",
          "{\"a\": 1 \"b\": 2}",
          "{\"a\": tru}",
          "{\"a\": [1}",
          "{\"a\": [1",
          "{\"a\": \"x",
          "{\"a\": 1} x",
          "{\"a\": \"x\ty\"}",
          "{\"a\": NaN}",
          "{\"a\": 01}",
          "{a: 1}",
          "// comment\n{}"
        })
    void readJson_anySyntaxError_hasAPositionAndNoParserJargon(String content) {
      assertThat(json(content)).isNull();
      assertThat(problems.list()).hasSize(1);
      assertNoJargon(problems.list().get(0));
    }

    private void assertNoJargon(Problem problem) {
      assertThat(problem.line()).isPositive();
      assertThat(problem.column()).isPositive();
      assertThat(problem.message())
          .doesNotContainIgnoringCase("jackson")
          .doesNotContainIgnoringCase("snakeyaml")
          .doesNotContainIgnoringCase("exception")
          .doesNotContain("[Source")
          .doesNotContain("code ")
          .doesNotContain("StreamReadConstraints")
          .doesNotContain("<")
          .doesNotContainPattern("\\b[a-z]+\\.[a-z]+\\.[A-Z]");
    }
  }

  @Nested
  class FileReading {

    @TempDir Path dir;

    @Test
    void readFile_utf8File_isReadWithoutByteOrderMark() throws IOException {
      Path file = dir.resolve("d.yaml");
      Files.write(file, "\uFEFFname: Zoë\n".getBytes(StandardCharsets.UTF_8));

      assertThat(TreeReader.readFile(file, "d.yaml", 1000, problems)).isEqualTo("name: Zoë\n");
      assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void readFile_missingFile_isUnreadable() {
      assertThat(TreeReader.readFile(dir.resolve("nope.yaml"), "nope.yaml", 1000, problems))
          .isNull();
      assertThat(rendered())
          .containsExactly("nope.yaml: file-unreadable: cannot read file: no such file");
    }

    @Test
    void readFile_directory_isUnreadable() {
      assertThat(TreeReader.readFile(dir, "dir", 1000, problems)).isNull();
      assertThat(rendered())
          .containsExactly("dir: file-unreadable: cannot read file: it is a directory");
    }

    @Test
    void readFile_overTheLimit_isTooLargeAndNotRead() throws IOException {
      Path file = dir.resolve("big.json");
      Files.write(file, new byte[2048]);

      assertThat(TreeReader.readFile(file, "big.json", 1024, problems)).isNull();
      assertThat(rendered())
          .containsExactly(
              "big.json: file-too-large: file is 2048 bytes, more than the limit of 1024");
    }

    @Test
    void readFile_malformedUtf8_isReportedWhereItIs() throws IOException {
      Path file = dir.resolve("latin1.yaml");
      Files.write(file, "id: D-1\nname: Zo\u00eb\n".getBytes(StandardCharsets.ISO_8859_1));

      assertThat(TreeReader.readFile(file, "latin1.yaml", 1000, problems)).isNull();
      assertThat(rendered())
          .containsExactly(
              "latin1.yaml:2:9: invalid-encoding: the file is not valid UTF-8 text; save it with"
                  + " the UTF-8 encoding");
    }
  }
}
