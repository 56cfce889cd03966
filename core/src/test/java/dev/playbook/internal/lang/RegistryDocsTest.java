package dev.playbook.internal.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The function and operator tables of docs/authoring-rules.md and the registry ({@link Builtin},
 * {@link Op}) agree both ways: every function the docs list is one, with the type the docs say it
 * gives, and every function authors can call is listed; every operator is documented.
 */
class RegistryDocsTest {

  private static final Path PAGE = Path.of("../docs/authoring-rules.md");

  /** {@code `days_since(date)`}: the name before a parenthesis inside backticks. */
  private static final Pattern CALL = Pattern.compile("`([a-z_]+)\\(");

  /** The rows of the table under {@code heading}: each row's cells. */
  private static List<List<String>> table(String heading) throws IOException {
    List<String> lines = Files.readAllLines(PAGE);
    int at = lines.indexOf(heading);
    assertThat(at).as(heading + " in " + PAGE).isNotNegative();
    List<List<String>> rows = new ArrayList<>();
    boolean in = false;
    for (int i = at + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("|")) {
        in = true;
        List<String> cells = new ArrayList<>();
        for (String cell : line.substring(1, line.length() - 1).split("\\|", -1)) {
          cells.add(cell.strip());
        }
        rows.add(cells);
      } else if (in) {
        break;
      }
    }
    return rows.subList(2, rows.size()); // the header and its rule
  }

  @Test
  void functionTable_listsExactlyTheRegistrysFunctions_withWhatTheyGive() throws IOException {
    Map<String, String> documented = new LinkedHashMap<>();
    for (List<String> row : table("## Functions")) {
      Matcher m = CALL.matcher(row.get(0));
      while (m.find()) {
        documented.put(m.group(1), row.get(1));
      }
    }

    assertThat(new TreeSet<>(documented.keySet())).isEqualTo(Builtin.documentedNames());
    for (Map.Entry<String, String> e : documented.entrySet()) {
      assertThat(e.getValue())
          .as("what " + e.getKey() + " gives")
          .isEqualTo(Builtin.named(e.getKey()).gives());
    }
  }

  @Test
  void conditionTable_documentsEveryOperator() throws IOException {
    List<String> written = new ArrayList<>();
    for (List<String> row : table("## Conditions")) {
      written.add(row.get(0));
    }
    String column = String.join(" ", written);
    for (Op op : Op.values()) {
      Pattern alone = Pattern.compile("`" + Pattern.quote(op.symbol()) + "`");
      Pattern inUse =
          Pattern.compile("`[^`]*(^|[^=!<>])" + Pattern.quote(op.symbol()) + "([^=<>]|$)[^`]*`");
      assertThat(alone.matcher(column).find() || inUse.matcher(column).find())
          .as("operator %s in the first column of the conditions table", op.symbol())
          .isTrue();
    }
  }

  @Test
  void conditionTable_namesNoOperatorTheRegistryLacks() throws IOException {
    Pattern code = Pattern.compile("`([^`]+)`");
    Pattern operatorLike = Pattern.compile("[=!<>+*/ -]+|and|or|not|implies|contains");
    List<String> unknown = new ArrayList<>();
    for (List<String> row : table("## Conditions")) {
      Matcher m = code.matcher(row.get(0));
      while (m.find()) {
        if (!operatorLike.matcher(m.group(1)).matches()) {
          continue;
        }
        for (String symbol : m.group(1).strip().split(" +")) {
          if (Op.binary(symbol) == null && Op.unary(symbol) == null) {
            unknown.add(symbol);
          }
        }
      }
    }
    assertThat(unknown).isEmpty();
  }

  @Test
  void stageRoles_areOperatorsNotFunctions() {
    assertThat(Builtin.documentedNames()).doesNotContain("is open", "is won", "is lost");
    assertThat(Builtin.named("is won").role()).isEqualTo("won");
  }
}
