package dev.playbook.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every problem code this module raises while reading deals is documented: a row of the codes table
 * of {@code docs/insights.md} or {@code docs/connectors.md}, or a page {@code
 * docs/errors/<code>.md} (core's codes, which core's {@code ErrorDocsTest} checks). The codes are
 * the string literals passed first to {@code new Problem(...)} in the sources.
 */
class ProblemCodesDocumentedTest {

  static final Path SOURCES = Path.of("src/main/java");
  static final Pattern RAISED =
      Pattern.compile("\\bnew\\s+Problem\\s*\\(\\s*\"([a-z][a-z0-9-]*)\"");
  static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `([a-z][a-z0-9-]*)` \\|");

  /** Codes that are never shown, and why. */
  static final Map<String, String> INTERNAL =
      Map.of(
          "skipped",
          "CsvRows marks a row left out by the mapping's skip; it is counted, not reported");

  static Set<String> raised() throws IOException {
    Set<String> codes = new TreeSet<>();
    try (Stream<Path> s = Files.walk(SOURCES)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        Matcher m = RAISED.matcher(Files.readString(p));
        while (m.find()) {
          codes.add(m.group(1));
        }
      }
    }
    codes.removeAll(INTERNAL.keySet());
    return codes;
  }

  static Set<String> documented() throws IOException {
    Set<String> codes = new TreeSet<>();
    for (String page : new String[] {"../docs/insights.md", "../docs/connectors.md"}) {
      Matcher m = TABLE_ROW.matcher(Files.readString(Path.of(page)));
      while (m.find()) {
        codes.add(m.group(1));
      }
    }
    try (Stream<Path> s = Files.list(Path.of("../docs/errors"))) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".md") && !n.equals("README.md"))
          .forEach(n -> codes.add(n.substring(0, n.length() - 3)));
    }
    return codes;
  }

  @Test
  void everyProblemCodeRaisedWhileReading_isDocumented() throws IOException {
    Set<String> raised = raised();
    Set<String> missing = new TreeSet<>(raised);
    missing.removeAll(documented());

    assertThat(raised).contains("unknown-parent", "database-unreachable", "missing-column");
    assertThat(missing)
        .as(
            "codes raised in insights with no row in the codes tables of docs/insights.md or"
                + " docs/connectors.md and no page docs/errors/<code>.md")
        .isEmpty();
  }
}
