package dev.playbook.internal.tree;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Jackson's JSON error messages into sentences for the person who wrote the file: the common
 * mistakes get their own wording, everything else is stripped of source descriptions, character
 * codes and Java class names. (YAML errors are described from the parser's marks by {@link
 * YamlSyntax}.)
 */
final class SyntaxMessages {

  private SyntaxMessages() {}

  private record Rule(Pattern pattern, Function<Matcher, String> message) {
    static Rule of(String regex, Function<Matcher, String> message) {
      return new Rule(Pattern.compile(regex, Pattern.DOTALL), message);
    }
  }

  /** Rules for JSON; {@code %s} in a message stands for "file" or "line". */
  private static final List<Rule> JSON_RULES =
      List.of(
          Rule.of(
              "Unexpected end-of-input: expected close marker for (Object|Array).*",
              m ->
                  "the %s ends before a '"
                      + ("Object".equals(m.group(1)) ? "{" : "[")
                      + "' is closed"),
          Rule.of(
              "Unexpected end-of-input.*(?:quote|VALUE_STRING|String value|field name).*",
              m -> "the %s ends inside a text value; a closing '\"' is missing"),
          Rule.of("Unexpected end-of-input.*", m -> "the %s ends before the value is complete"),
          Rule.of(
              "Unexpected character \\('(.+?)' \\(code \\d+\\)\\): was expecting double-quote to"
                  + " start field name.*",
              m -> "expected a key in double quotes, found '" + m.group(1) + "'"),
          Rule.of(
              "Unexpected character \\('(.+?)' \\(code \\d+\\)\\): was expecting comma to separate"
                  + " (Object|Array) entries.*",
              m ->
                  "expected ',' or '"
                      + ("Object".equals(m.group(2)) ? "}" : "]")
                      + "', found '"
                      + m.group(1)
                      + "'"),
          Rule.of(
              "Unexpected character \\('(.+?)' \\(code \\d+\\)\\): was expecting a colon.*",
              m -> "expected ':' after the key, found '" + m.group(1) + "'"),
          Rule.of(
              "Unexpected character \\(''' \\(code \\d+\\)\\): expected a valid value.*",
              m -> "text goes in double quotes, not single quotes"),
          Rule.of(
              "Unexpected character \\('(.+?)' \\(code \\d+\\)\\): expected a valid value.*",
              m -> "'" + m.group(1) + "' cannot start a value; text goes in double quotes"),
          Rule.of(
              "Unrecognized token '(.+?)': was expecting.*",
              m -> "'" + m.group(1) + "' is not a value; text goes in double quotes"),
          Rule.of(
              "Unexpected character \\('[/#]' \\(code \\d+\\)\\): maybe a \\(non-standard\\) comment.*",
              m -> "JSON does not allow comments"),
          Rule.of(
              "Unexpected close marker '(.)': no open (?:Object|Array|root).*",
              m -> "found '" + m.group(1) + "' with nothing open to close"),
          Rule.of(
              "Unexpected character \\('\\+' \\(code 43\\)\\).*",
              m -> "'+' cannot start a number in JSON; write the number without it"),
          Rule.of(
              "Unexpected close marker '(.)': expected '(.)'.*",
              m -> "found '" + m.group(1) + "' where '" + m.group(2) + "' was expected"),
          Rule.of(
              "Non-standard token '(.+?)'.*",
              m -> "'" + m.group(1) + "' is not a number that JSON allows"),
          Rule.of("Invalid numeric value: (.+)", m -> "invalid number: " + clean(m.group(1))),
          Rule.of(
              "Illegal unquoted character \\(\\(CTRL-CHAR, code (\\d+)\\)\\).*",
              m ->
                  switch (m.group(1)) {
                    case "9" -> "a tab inside text must be written as \\t";
                    case "10", "13" -> "a line break inside text must be written as \\n";
                    default -> "a control character inside text must be escaped";
                  }));

  private static final Pattern SOURCE =
      Pattern.compile("\\s*\\(?\\s*at \\[Source:.*", Pattern.DOTALL);
  private static final Pattern CODE = Pattern.compile(" \\(code \\d+\\)");
  private static final Pattern CLASS_NAME =
      Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*");
  private static final Pattern BACKTICKS = Pattern.compile("`[^`]*`");
  private static final Pattern TOKEN_NAME = Pattern.compile("<([a-z ]+)>");

  /** A message for a JSON syntax error. */
  static String json(String raw, boolean oneLine) {
    return rewrite(raw, JSON_RULES).replace("%s", oneLine ? "line" : "file");
  }

  private static String rewrite(String raw, List<Rule> rules) {
    if (raw == null || raw.isBlank()) {
      return "the file could not be read here";
    }
    String text = raw.strip();
    for (Rule rule : rules) {
      Matcher m = rule.pattern().matcher(text);
      if (m.matches()) {
        return rule.message().apply(m);
      }
    }
    return clean(text);
  }

  /** Strips what an author cannot use from a parser message, keeping the rest. */
  static String clean(String raw) {
    if (raw == null || raw.isBlank()) {
      return "the file could not be read here";
    }
    String text = SOURCE.matcher(raw).replaceAll("");
    text = CODE.matcher(text).replaceAll("");
    text = BACKTICKS.matcher(text).replaceAll("a setting");
    text = CLASS_NAME.matcher(text).replaceAll("value");
    text = TOKEN_NAME.matcher(text).replaceAll("$1");
    text = text.replaceAll("\\s+", " ").strip();
    while (text.endsWith(".") || text.endsWith(":")) {
      text = text.substring(0, text.length() - 1).strip();
    }
    if (text.isEmpty()) {
      return "the file could not be read here";
    }
    return text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
  }
}
