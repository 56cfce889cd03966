package dev.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every problem code the loaders can raise has a page {@code docs/errors/<code>.md}, every page
 * names a code that still exists, the index lists them all, and each page's example reports exactly
 * the problem lines the page shows. The pages of the codes the conversations module raises (their
 * index row says <b>transcripts</b>, <b>trackers</b> or <b>conversations</b>) are checked for their
 * shape here and run by that module's tests.
 *
 * <p>The codes are found in the sources: string literals passed first to {@code problems.add(...)},
 * {@code new Issue(...)}, {@code new Compiler.Issue(...)}, {@code new Problem(...)}, {@code
 * issue(...)}, {@code stop(...)} and {@code unreadable(...)}, and the codes {@code syntaxCode()}
 * returns. As a check on that list, any other literal in the sources that looks like a code ({@code
 * "word-word"}) fails the test until it is recognised here.
 */
class ErrorDocsTest {

  static final Path SOURCES = Path.of("src/main/java");
  static final Path PAGES = Path.of("../docs/errors");

  /** Pages whose example cannot be written out as text, and why; their output is not re-run. */
  static final Map<String, String> NOT_RUNNABLE =
      Map.of(
          "file-too-large", "the example needs a file over the size limit",
          "too-large", "the example needs a value over 100,000 characters",
          "invalid-encoding", "the example needs bytes that are not UTF-8",
          "reload-failed", "the example needs a failure outside the playbook's files",
          "file-outside-playbook", "the example needs a symbolic link",
          "too-many-files", "the example needs more than 10,000 files");

  /**
   * Entries of the index's <b>where</b> column for codes the conversations module raises, not core:
   * its {@code ProblemCodesDocumentedTest} checks that those codes exist and runs their examples.
   */
  static final Set<String> CONVERSATIONS = Set.of("transcripts", "trackers", "conversations");

  static final Pattern INDEX_ROW =
      Pattern.compile("(?m)^\\| \\[`([a-z][a-z0-9-]*)`]\\([^)]+\\) \\| ([^|]+) \\|");

  static final Pattern CALL =
      Pattern.compile(
          "(?:\\bproblems\\s*\\.\\s*add|\\bnew\\s+(?:Compiler\\s*\\.\\s*)?Issue|\\bnew\\s+Problem"
              + "|(?<![.\\w])issue|(?<![.\\w])stop|(?<![.\\w])unreadable)\\s*\\(\\s*\"([^\"\\\\]*)\"");
  static final Pattern RETURNED_CODE =
      Pattern.compile("String\\s+syntaxCode\\s*\\(\\s*\\)\\s*\\{\\s*return\\s+\"([^\"\\\\]*)\"");
  static final Pattern CODE_LIKE = Pattern.compile("\"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)\"");
  static final Pattern CODE = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");

  /** The codes raised in the sources, sorted. */
  static Set<String> codesInSources() throws IOException {
    Set<String> codes = new TreeSet<>();
    for (String src : sources()) {
      codes.addAll(matches(CALL, src));
      codes.addAll(matches(RETURNED_CODE, src));
    }
    return codes;
  }

  static List<String> sources() throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(SOURCES)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        out.add(withoutComments(Files.readString(p)));
      }
    }
    return out;
  }

  private static Set<String> matches(Pattern p, String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** Java source with its comments blanked out, string and character literals kept. */
  static String withoutComments(String src) {
    StringBuilder out = new StringBuilder(src.length());
    int i = 0;
    while (i < src.length()) {
      char c = src.charAt(i);
      if (src.startsWith("\"\"\"", i)) {
        int end = src.indexOf("\"\"\"", i + 3);
        end = end < 0 ? src.length() : end + 3;
        out.append(src, i, end);
        i = end;
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < src.length() && src.charAt(j) != c && src.charAt(j) != '\n') {
          j += src.charAt(j) == '\\' ? 2 : 1;
        }
        j = Math.min(j + 1, src.length());
        out.append(src, i, j);
        i = j;
      } else if (src.startsWith("//", i)) {
        int end = src.indexOf('\n', i);
        i = end < 0 ? src.length() : end;
      } else if (src.startsWith("/*", i)) {
        int end = src.indexOf("*/", i + 2);
        i = end < 0 ? src.length() : end + 2;
        out.append(' ');
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** The codes that have a page, from the page file names. */
  static Set<String> codesWithPages() throws IOException {
    Set<String> out = new TreeSet<>();
    try (Stream<Path> s = Files.list(PAGES)) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".md") && !n.equals("README.md"))
          .forEach(n -> out.add(n.substring(0, n.length() - 3)));
    }
    return out;
  }

  /** The codes whose index row says only where the conversations module raises them. */
  static Set<String> conversationsCodes() throws IOException {
    Set<String> out = new TreeSet<>();
    Matcher m = INDEX_ROW.matcher(Files.readString(PAGES.resolve("README.md")));
    while (m.find()) {
      if (CONVERSATIONS.containsAll(List.of(m.group(2).strip().split(",\\s*")))) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  @Test
  void theSourceScan_findsTheCodes_andNothingThatLooksLikeACodeIsMissed() throws IOException {
    Set<String> codes = codesInSources();
    Set<String> codeLike = new TreeSet<>();
    for (String src : sources()) {
      codeLike.addAll(matches(CODE_LIKE, src));
    }
    codeLike.removeAll(codes);

    assertThat(codes)
        .contains(
            "unknown-field",
            "syntax-error",
            "yaml-syntax",
            "json-syntax",
            "type-mismatch",
            "unknown-format",
            "unknown-contact",
            "invalid-template");
    assertThat(codes).allMatch(c -> CODE.matcher(c).matches(), "is a lowercase-hyphenated code");
    assertThat(codeLike)
        .as(
            "literals that look like problem codes but are not raised through a call this test recognises; "
                + "extend CALL or RETURNED_CODE so that the docs check sees them")
        .isEmpty();
  }

  @Test
  void everyCode_hasAPage() throws IOException {
    Set<String> missing = new TreeSet<>(codesInSources());
    missing.removeAll(codesWithPages());

    assertThat(missing).as("problem codes with no page docs/errors/<code>.md").isEmpty();
  }

  @Test
  void everyPage_isForACodeThatExists() throws IOException {
    Set<String> stale = new TreeSet<>(codesWithPages());
    stale.removeAll(codesInSources());
    stale.removeAll(conversationsCodes());

    assertThat(stale).as("pages in docs/errors/ for codes the sources no longer raise").isEmpty();
  }

  @Test
  void theIndex_linksEveryPage() throws IOException {
    String index = Files.readString(PAGES.resolve("README.md"));
    Set<String> linked = matches(Pattern.compile("\\[`([^`]+)`]\\(([^)]+)\\.md\\)"), index);
    Set<String> targets = matches(Pattern.compile("\\]\\(([^)#/]+)\\.md\\)"), index);

    assertThat(linked).as("codes listed in docs/errors/README.md").isEqualTo(codesWithPages());
    assertThat(targets)
        .as("pages in docs/errors/ linked from its README.md")
        .isEqualTo(codesWithPages());
  }

  @TestFactory
  Stream<DynamicTest> everyPage_hasItsTitle_anExample_andHowToFixIt() throws IOException {
    return codesWithPages().stream()
        .map(
            code ->
                dynamicTest(
                    code,
                    () -> {
                      String page = Files.readString(PAGES.resolve(code + ".md"));
                      assertThat(page)
                          .startsWith("# `" + code + "`\n")
                          .contains("\n## Example\n", "\n## How to fix it\n");
                      assertThat(expectedLines(page))
                          .as("the problem lines the example shows")
                          .isNotEmpty()
                          .anySatisfy(l -> assertThat(l).contains(": " + code + ": "));
                    }));
  }

  @Test
  void theConversationsCodes_areNotRaisedByCore() throws IOException {
    assertThat(conversationsCodes())
        .contains("invalid-time", "unknown-language", "unattributed-speaker")
        .doesNotContainAnyElementsOf(codesInSources());
  }

  @TestFactory
  Stream<DynamicTest> everyExample_reportsExactlyTheProblemsItShows() throws IOException {
    Set<String> conversations = conversationsCodes();
    return codesWithPages().stream()
        .filter(code -> !NOT_RUNNABLE.containsKey(code) && !conversations.contains(code))
        .map(
            code ->
                dynamicTest(
                    code,
                    () -> {
                      String page = Files.readString(PAGES.resolve(code + ".md"));
                      assertThat(run(page))
                          .as("the problems the example in docs/errors/%s.md reports", code)
                          .containsExactlyElementsOf(expectedLines(page));
                    }));
  }

  // ---------------------------------------------------------------------------------------------
  // Examples. A page's example is a set of files, each a line "`path`:" followed by a fenced
  // block, then one line "Loading `folder or file` reports:", "Reading `deal file` reports:",
  // "Running `test file` reports:" or "Checking `deal file` against `playbook` reports:" followed
  // by a ```text block with the problem lines ("Analysing `transcript` reports:" is the
  // conversations module's).

  static final Pattern FILE =
      Pattern.compile(
          "^`([^`\\n]+)`:\\n\\n```[a-z]*\\n(.*?)^```", Pattern.MULTILINE | Pattern.DOTALL);
  static final Pattern RUN =
      Pattern.compile(
          "^(Loading|Reading|Running|Checking|Analysing) `([^`\\n]+)`(?: against `([^`\\n]+)`)? reports:"
              + "\\n\\n```text\\n(.*?)^```",
          Pattern.MULTILINE | Pattern.DOTALL);

  static String example(String page) {
    int start = page.indexOf("\n## Example\n");
    int end = page.indexOf("\n## ", start + 1);
    return start < 0 ? "" : page.substring(start, end < 0 ? page.length() : end);
  }

  static List<String> expectedLines(String page) {
    Matcher m = RUN.matcher(example(page));
    return m.find() ? m.group(4).lines().toList() : List.of();
  }

  /**
   * Writes the example's files into a fresh folder, runs the loader it names, renders the problems.
   */
  static List<String> run(String page) throws IOException {
    String example = example(page);
    Matcher run = RUN.matcher(example);
    assertThat(run.find())
        .as("a line 'Loading|Reading|Running|Checking `path` reports:' and a text block")
        .isTrue();
    Path dir = Files.createTempDirectory("error-doc");
    try {
      Matcher f = FILE.matcher(example);
      while (f.find()) {
        Path file = dir.resolve(f.group(1));
        Files.createDirectories(file.getParent());
        Files.writeString(file, f.group(2));
      }
      Path target = dir.resolve(run.group(2));
      List<Problem> problems =
          switch (run.group(1)) {
            case "Loading" -> problems(() -> Playbook.load(target));
            case "Reading" -> problems(() -> Deals.read(target));
            case "Checking" -> checked(target, Playbook.load(dir.resolve(run.group(3))));
            case "Running" -> RuleTests.run(target).problems();
            default ->
                throw new AssertionError(
                    "'" + run.group(1) + "' examples are run by the conversations module");
          };
      String prefix = dir.toString() + dir.getFileSystem().getSeparator();
      return problems.stream().sorted().map(p -> p.render().replace(prefix, "")).toList();
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The problems of the deal file, read and checked against the playbook. */
  private static List<Problem> checked(Path deals, Playbook playbook) {
    try (Stream<dev.playbook.result.DealRecord> records = Deals.stream(deals)) {
      return records.map(playbook::check).flatMap(r -> r.problems().stream()).toList();
    }
  }

  private static List<Problem> problems(Runnable load) {
    try {
      load.run();
      return List.of();
    } catch (ProblemException e) {
      return e.problems();
    }
  }
}
