package dev.playbook.internal.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParserTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a or b and c | a or b and c",
        "(a or b) and c | (a or b) and c",
        "not a and b | not a and b",
        "not (a and b) | not (a and b)",
        "a + b * c > 3 | a + b * c > 3",
        "(a + b) * c > 3 | (a + b) * c > 3",
        "a - (b - c) == 1 | a - (b - c) == 1",
        "a - b - c == 1 | a - b - c == 1",
        "-a < -2 | -a < -2",
        "stage  >=   proposal | stage >= proposal",
        "x in [a,b] | x in [a, b]",
        "x not in [ ] | x not in []",
        "x is missing or y is present | x is missing or y is present",
        "none(contacts, role == economic_buyer) | none(contacts, role == economic_buyer)",
        "name == \"say \\\"hi\\\"\" | name == \"say \\\"hi\\\"\"",
        "now - 14d < last_activity | now - 14d < last_activity",
        "days_since(x) > 2.5 | days_since(x) > 2.5",
        "deal.custom.renewal == true | deal.custom.renewal == true",
        "(a) | a",
        "a implies b or c | a implies b or c",
        "(a implies b) implies c | (a implies b) implies c",
        "not (a implies b) and c | not (a implies b) and c",
        "all(activities  as  demo, x) | all(activities as demo, x)",
        "any((a implies b) as x, x.y) | any((a implies b) as x, x.y)",
        "implies implies as | implies implies as",
        "f(as, implies) | f(as, implies)",
      })
  void print_parse_roundTrips(String source, String canonical) throws SyntaxError {
    Ast ast = Parser.parse(source);
    String printed = Printer.print(ast);
    assertThat(printed).isEqualTo(canonical);
    assertThat(Printer.print(Parser.parse(printed))).isEqualTo(printed);
  }

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> invalid() {
    return java.util.stream.Stream.of(
        args("", 0, "the condition is empty"),
        args(
            "all(activities as, x)",
            17,
            "expected a name for each item after 'as', such as demo, but found ','"),
        args(
            "all(activities as not, x)",
            18,
            "expected a name for each item after 'as', such as demo, but found 'not'"),
        args("a ==", 4, "the condition ends too early"),
        args("a == b == c", 7, "comparisons cannot be chained; join them with 'and'"),
        args("a = b", 2, "'=' is not an operator; write '==' to compare"),
        args("a ! b", 2, "'!' is not an operator; write 'not' or '!='"),
        args("a; b", 1, "unexpected character ';'"),
        args("(a", 2, "expected ')' but found the end of the condition"),
        args("f(a,)", 4, "expected a value but found ')'"),
        args("x in a", 5, "expected '[' to start a list but found 'a'"),
        args(
            "x is nothing",
            5,
            "expected 'missing', 'present', 'open', 'won' or 'lost' after 'is' but found 'nothing'"),
        args("\"abc", 0, "this text has no closing \""),
        args("'a\\nb'", 2, "'\\n' is not an escape; inside quotes only \\' and \\\\ are"),
        args("14x > 1", 0, "'14x' is not a number or a time span (write 14d, 2bd, 3w or 24h)"),
        args(
            "a.b(1)",
            3,
            "'a.b(' is not allowed: only the functions of the condition language can be called"),
        args("a == 1 then b", 7, "unexpected 'then' after a complete condition"),
        args("a == 1\nrule \"x\"", 7, "unexpected 'rule' after a complete condition"),
        args("a == 1 // comment", 8, "expected a value but found '/'"),
        args("a == 1 \u0000", 7, "unexpected character U+0000"));
  }

  static org.junit.jupiter.params.provider.Arguments args(String src, int offset, String message) {
    return org.junit.jupiter.params.provider.Arguments.of(src, offset, message);
  }

  @ParameterizedTest(name = "[{index}] offset {1}: {2}")
  @org.junit.jupiter.params.provider.MethodSource("invalid")
  void parse_invalid_reportsOffsetAndMessage(String source, int offset, String message) {
    SyntaxError e = catchThrowableOfType(SyntaxError.class, () -> Parser.parse(source));
    assertThat(e).as(source).isNotNull();
    assertThat(e.getMessage()).isEqualTo(message);
    assertThat(e.offset()).isEqualTo(offset);
  }

  @org.junit.jupiter.api.Test
  void parse_deepNesting_isRefusedWithAProblemNotAStackOverflow() {
    String deep = "(".repeat(10_000) + "a" + ")".repeat(10_000);
    SyntaxError e = catchThrowableOfType(SyntaxError.class, () -> Parser.parse(deep));
    assertThat(e.getMessage()).isEqualTo("a condition may be at most 4000 characters long");

    String nested = "(".repeat(100) + "a" + ")".repeat(100);
    e = catchThrowableOfType(SyntaxError.class, () -> Parser.parse(nested));
    assertThat(e.getMessage()).isEqualTo("the condition is nested more than 64 levels deep");
  }
}
