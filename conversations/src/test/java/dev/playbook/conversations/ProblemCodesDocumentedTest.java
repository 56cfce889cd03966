package dev.playbook.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.playbook.model.Activity;
import dev.playbook.model.ActivityType;
import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every problem code this module raises has a page {@code docs/errors/<code>.md}, and a page of a
 * code core raises too says what the code means here; the pages of the codes only this module
 * raises (their row in {@code docs/errors/README.md} says <b>transcripts</b>, <b>trackers</b> or
 * <b>conversations</b>) name a code that still exists, and each such page's example reports exactly
 * the problem lines the page shows.
 *
 * <p>The codes are every string literal in the sources that looks like a code ({@code
 * "word-word"}), comments left out, less the few that are no code, listed with the reason. An
 * example is run as its line says: "Reading `call.vtt`" reads a transcript, "Loading
 * `x.trackers.yaml`" reads and compiles a tracker file, and "Analysing `call.txt`" analyses a
 * transcript as {@code bin/playbook signals call.txt --playbook <the example's folder>} does, with
 * the built-in trackers, those of the example's tracker files, and its {@code speakers.yaml}.
 */
class ProblemCodesDocumentedTest {

  static final Path SOURCES = Path.of("src/main/java");
  static final Path PAGES = Path.of("../docs/errors");

  /** Literals of the sources shaped like a code that are none, and why. */
  static final Map<String, String> NOT_CODES =
      Map.of("tracker-test", "the id of the deal a tracker test case is run against");

  /** The index's where column for codes only this module raises. */
  static final Set<String> WHERE = Set.of("transcripts", "trackers", "conversations");

  /** Pages whose example is too large to write out; each is checked by a test of its own. */
  static final Set<String> GENERATED = Set.of("too-many-lines", "too-many-segments");

  /** The section a page of a code core raises too gives on what the code means here. */
  static final String SHARED_SECTION = "## In transcripts, tracker files and speaker mappings";

  static final Pattern CODE_LIKE = Pattern.compile("\"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)\"");
  static final Pattern INDEX_ROW =
      Pattern.compile("(?m)^\\| \\[`([a-z][a-z0-9-]*)`]\\([^)]+\\) \\| ([^|]+) \\|");

  static Set<String> raised() throws IOException {
    Set<String> codes = new TreeSet<>();
    try (Stream<Path> s = Files.walk(SOURCES)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        Matcher m = CODE_LIKE.matcher(withoutComments(Files.readString(p)));
        while (m.find()) {
          codes.add(m.group(1));
        }
      }
    }
    codes.removeAll(NOT_CODES.keySet());
    return codes;
  }

  /** Java source with its comments blanked out, string literals kept. */
  static String withoutComments(String src) {
    StringBuilder out = new StringBuilder(src.length());
    int i = 0;
    while (i < src.length()) {
      char c = src.charAt(i);
      if (c == '"' || c == '\'') {
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

  static Set<String> pages() throws IOException {
    Set<String> out = new TreeSet<>();
    try (Stream<Path> s = Files.list(PAGES)) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".md") && !n.equals("README.md"))
          .forEach(n -> out.add(n.substring(0, n.length() - 3)));
    }
    return out;
  }

  /** The codes whose index row says only transcripts, trackers or conversations. */
  static Set<String> ours() throws IOException {
    Set<String> out = new TreeSet<>();
    Matcher m = INDEX_ROW.matcher(Files.readString(PAGES.resolve("README.md")));
    while (m.find()) {
      if (WHERE.containsAll(List.of(m.group(2).strip().split(",\\s*")))) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  @Test
  void everyProblemCodeRaised_hasAPage() throws IOException {
    Set<String> raised = raised();
    Set<String> missing = new TreeSet<>(raised);
    missing.removeAll(pages());

    assertThat(raised)
        .contains("invalid-time", "empty-phrase", "unattributed-speaker", "missing-field");
    assertThat(missing)
        .as("codes raised in conversations with no page docs/errors/<code>.md")
        .isEmpty();
  }

  @Test
  void everyCodeCoreRaisesToo_hasASectionOnWhatItMeansHere() throws IOException {
    Set<String> shared = new TreeSet<>(raised());
    shared.removeAll(ours());
    Set<String> without = new TreeSet<>();
    for (String code : shared) {
      String page = Files.readString(PAGES.resolve(code + ".md"));
      if (!page.contains("\n" + SHARED_SECTION + "\n")) {
        without.add(code);
      }
    }

    assertThat(shared).contains("syntax-error", "wrong-type");
    assertThat(without)
        .as("pages of codes raised here and in core without a section '%s'", SHARED_SECTION)
        .isEmpty();
  }

  @Test
  void everyPageOfThisModule_isForACodeItRaises() throws IOException {
    Set<String> stale = new TreeSet<>(ours());
    stale.removeAll(raised());

    assertThat(ours()).hasSizeGreaterThanOrEqualTo(10);
    assertThat(stale)
        .as("pages listed for transcripts, trackers or conversations whose code is not raised here")
        .isEmpty();
  }

  @TestFactory
  Stream<DynamicTest> everyExample_reportsExactlyTheProblemsItShows() throws IOException {
    return ours().stream()
        .filter(code -> !GENERATED.contains(code))
        .map(
            code ->
                dynamicTest(
                    code,
                    () -> {
                      String page = Files.readString(PAGES.resolve(code + ".md"));
                      assertThat(run(page))
                          .as("the problems the example in docs/errors/%s.md reports", code)
                          .containsExactlyElementsOf(expectedLines(page))
                          .anySatisfy(l -> assertThat(l).contains(": " + code + ": "));
                    }));
  }

  @Test
  void tooManyLines_thePageShowsWhatReadingTheFileReports() throws IOException {
    // given the page's file: 200,001 lines 'Maya Chen: ok'
    String text = "Maya Chen: ok\n".repeat(ReadLimits.DEFAULT.maxLines());
    String page = Files.readString(PAGES.resolve("too-many-lines.md"));

    // when
    List<String> problems = read("call.txt", text + "Maya Chen: ok");

    // then
    assertThat(problems).containsExactlyElementsOf(expectedLines(page));
  }

  @Test
  void tooManySegments_thePageShowsWhatReadingTheFileReports() throws IOException {
    // given the page's file: 50,001 lines 'Maya Chen: ok'
    String text = "Maya Chen: ok\n".repeat(ReadLimits.DEFAULT.maxSegments() + 1);
    String page = Files.readString(PAGES.resolve("too-many-segments.md"));

    // when
    List<String> problems = read("call.txt", text);

    // then
    assertThat(problems).containsExactlyElementsOf(expectedLines(page));
  }

  private static List<String> read(String name, String text) {
    return problems(() -> Transcripts.read(name, text.getBytes(StandardCharsets.UTF_8)));
  }

  // ---------------------------------------------------------------------------------------------
  // Examples, in the form core's ErrorDocsTest reads: files, each a line "`path`:" and a fenced
  // block, then "Reading|Loading|Analysing `path` reports:" and a ```text block.

  static final Pattern FILE =
      Pattern.compile(
          "^`([^`\\n]+)`:\\n\\n```[a-z]*\\n(.*?)^```", Pattern.MULTILINE | Pattern.DOTALL);
  static final Pattern RUN =
      Pattern.compile(
          "^(Reading|Loading|Analysing) `([^`\\n]+)` reports:\\n\\n```text\\n(.*?)^```",
          Pattern.MULTILINE | Pattern.DOTALL);

  static String example(String page) {
    int start = page.indexOf("\n## Example\n");
    int end = page.indexOf("\n## ", start + 1);
    return start < 0 ? "" : page.substring(start, end < 0 ? page.length() : end);
  }

  static List<String> expectedLines(String page) {
    Matcher m = RUN.matcher(example(page));
    return m.find() ? m.group(3).lines().toList() : List.of();
  }

  static List<String> run(String page) throws IOException {
    String example = example(page);
    Matcher run = RUN.matcher(example);
    assertThat(run.find())
        .as("a line 'Reading|Loading|Analysing `path` reports:' and a text block")
        .isTrue();
    Path dir = Files.createTempDirectory("conversation-error-doc");
    try {
      Matcher f = FILE.matcher(example);
      while (f.find()) {
        Path file = dir.resolve(f.group(1));
        Files.createDirectories(file.getParent());
        Files.writeString(file, f.group(2));
      }
      Path target = dir.resolve(run.group(2));
      List<String> lines =
          switch (run.group(1)) {
            case "Reading" -> problems(() -> Transcripts.read(target, ReadLimits.DEFAULT));
            case "Loading" ->
                problems(() -> PlaybookTrackers.read(target.toString(), readString(target)));
            default -> analysed(dir, target);
          };
      String prefix = dir.toString() + dir.getFileSystem().getSeparator();
      return lines.stream().map(l -> l.replace(prefix, "")).toList();
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The warnings of analysing the transcript as {@code bin/playbook signals} does. */
  private static List<String> analysed(Path dir, Path transcript) {
    Conversation c = Transcripts.read(transcript, ReadLimits.DEFAULT);
    List<TrackerSpec> specs = new ArrayList<>(PlaybookTrackers.builtin().specs());
    specs.addAll(PlaybookTrackers.load(dir).specs());
    Deal deal =
        Deal.builder("signals", "discovery")
            .activities(List.of(Activity.builder("call", ActivityType.CALL, Instant.EPOCH).build()))
            .build();
    Path speakers = dir.resolve(DealSignals.SPEAKERS_FILE);
    Map<String, String> mapping =
        Files.exists(speakers)
            ? DealSignals.speakers(speakers.toString(), readString(speakers), deal)
            : Map.of();
    DealSignals.Enriched e =
        DealSignals.of(PlaybookTrackers.of(specs)).enrich(deal, Map.of("call", c), mapping, false);
    return e.warnings().stream().map(Problem::render).toList();
  }

  private static String readString(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> problems(Supplier<?> read) {
    try {
      read.get();
      return List.of();
    } catch (ProblemException e) {
      return e.problems().stream().sorted().map(Problem::render).toList();
    }
  }
}
