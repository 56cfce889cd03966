package dev.playbook.reliability;

import dev.playbook.problem.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a problem message shown to a rule author may not contain: a Java class or package name, an
 * exception name, a stack frame, an inner-class or lambda name, an identity hash, a constant of a
 * parser's settings; nor may it hold raw control characters (a line break would forge a second
 * problem line, an escape sequence or a bidirectional override would steer the reader's terminal)
 * or end with an empty list. Text the author wrote is allowed back (a message may quote {@code
 * !!java.lang.Runtime} from the file), so a match counts only when it is not part of the input.
 */
final class AuthorMessages {

  private static final List<Pattern> FORBIDDEN =
      List.of(
          Pattern.compile(
              "\\b[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)+\\.[A-Z][A-Za-z0-9_$]*"), // dev.playbook.Foo
          Pattern.compile(
              "\\b(?:java|javax|jdk|sun|org|com|dev)\\.[a-z][a-z0-9_]*\\."), // package prefixes
          Pattern.compile("\\b[A-Za-z]*(?:Exception|Error)\\b"), // NumberFormatException
          Pattern.compile("\\bat [a-z][\\w$]*(?:\\.[\\w$<>]+)+\\("), // stack frames
          Pattern.compile("\\w\\$\\w"), // Outer$Inner, lambda$0
          Pattern.compile("@[0-9a-f]{5,}\\b"), // Object@1b6d3586
          Pattern.compile("\\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\\b")); // ALLOW_COMMENTS

  private static final Pattern CODE = Pattern.compile("`([a-z]+(?:-[a-z]+)+)`");

  private AuthorMessages() {}

  /** Starts every flaw about raw control characters, so that callers can tell them apart. */
  static final String RAW_CONTROL = "the message holds a raw control character";

  /** Every reason this problem's message is not fit for an author; empty if it is. */
  static List<String> flaws(Problem p, String input) {
    List<String> out = new ArrayList<>();
    String m = p.message();
    if (m.isBlank()) {
      out.add("the message is empty");
    }
    m.codePoints()
        .filter(AuthorMessages::isControl)
        .distinct()
        .forEach(
            c ->
                out.add(
                    RAW_CONTROL
                        + " (U+"
                        + String.format("%04X", c)
                        + "): one problem is one line, and quoted text must not "
                        + "steer a terminal"));
    String trimmed = m.strip();
    if (trimmed.endsWith(":") || trimmed.endsWith(",")) {
      out.add("the message ends with an empty list ('" + tail(trimmed) + "')");
    }
    for (Pattern f : FORBIDDEN) {
      Matcher x = f.matcher(m);
      while (x.find()) {
        String hit = x.group();
        if (input == null || !input.contains(hit)) {
          out.add("the message contains '" + hit + "', which the input does not");
        }
      }
    }
    return out;
  }

  /** Line breaks, other C0 and C1 controls, and the bidirectional overrides and isolates. */
  static boolean isControl(int c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || c == 0x2028
        || c == 0x2029
        || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069);
  }

  private static String tail(String s) {
    return s.length() <= 30 ? s : "..." + s.substring(s.length() - 30);
  }

  /**
   * The problem codes the author documentation lists, from {@code docs/authoring-rules.md} and
   * {@code docs/deal-facts.md}.
   */
  static Set<String> documentedCodes() {
    Path docs = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolveSibling("docs");
    if (!Files.isDirectory(docs)) {
      docs = Path.of("..", "docs");
    }
    Set<String> out = new TreeSet<>();
    for (String page : List.of("authoring-rules.md", "deal-facts.md", "embedding.md")) {
      try {
        Matcher m = CODE.matcher(Files.readString(docs.resolve(page)));
        while (m.find()) {
          out.add(m.group(1));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read docs/" + page, e);
      }
    }
    return out;
  }
}
