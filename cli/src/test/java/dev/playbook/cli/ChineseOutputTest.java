package dev.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playbook.Playbook;
import dev.playbook.descriptor.MethodologyDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate --locale zh-CN} speaks Chinese everywhere: once every data value (what the deal
 * file says: names, ids, segments, currencies, but not the words of the fact model such as evidence
 * statuses and stages), the playbook's and rules' ids and the methodologies' proper names are taken
 * out of the text, no word in Latin letters is left.
 */
class ChineseOutputTest {

  static final Path DEALS = Path.of("../examples/deals/deals.json").toAbsolutePath().normalize();

  static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z]+");

  @TempDir Path dir;

  @Test
  void evaluate_chineseLocale_printsNoEnglishWordOutsideDataValues() throws IOException {
    CliRunner cli = new CliRunner(new Environment(dir, Playbook::builtInNames));
    for (String name : List.of("meddic", "standard-b2b")) {
      CliRunner.Run run =
          cli.run(
              "evaluate",
              DEALS.toString(),
              "--playbook",
              name,
              "--as-of",
              "2026-11-20",
              "--locale",
              "zh-CN");

      assertThat(run.exitCode()).as(name).isZero();
      assertThat(run.out()).as(name).contains("销售剧本 " + name + "（", "个商机：", "负责人");
      assertThat(englishWords(run.out(), Playbook.builtIn(name))).as(name).isEmpty();
    }
  }

  @Test
  void englishWords_findsAnEnglishWordLeftInAChineseLine() throws IOException {
    Playbook meddic = Playbook.builtIn("meddic");

    List<String> words = englishWords("量化指标仍为 partial：Globex Bank 的 30d", meddic);

    assertThat(words).containsExactly("partial", "d");
  }

  /** The words in Latin letters left once the data values and ids are taken out. */
  static List<String> englishWords(String output, Playbook playbook) throws IOException {
    List<String> known = new ArrayList<>();
    collectText(new ObjectMapper().readTree(Files.readString(DEALS)), known);
    known.addAll(playbook.ruleIds());
    known.add(playbook.id());
    for (MethodologyDescriptor m : playbook.describe().methodologies()) {
      known.add(m.title().get(Locale.forLanguageTag("zh-CN")));
    }
    known.sort(Comparator.comparingInt(String::length).reversed());
    String rest = output;
    for (String value : known) {
      if (!value.isBlank()) {
        rest = rest.replace(value, " ");
      }
    }
    List<String> words = new ArrayList<>();
    Matcher m = LATIN_WORD.matcher(rest);
    while (m.find()) {
      words.add(m.group());
    }
    return words;
  }

  /**
   * The keys whose values are words of the fact model, not the deal's own data: the report must say
   * them in Chinese (or, for stages, by their titles).
   */
  static final java.util.Set<String> MODEL_WORDS =
      java.util.Set.of("stage", "status", "type", "direction", "roles", "power", "kind");

  private static void collectText(JsonNode node, List<String> out) {
    if (node.isTextual()) {
      out.add(node.asText());
    }
    node.fields()
        .forEachRemaining(
            en -> {
              if (!MODEL_WORDS.contains(en.getKey())) {
                collectText(en.getValue(), out);
              }
            });
    if (node.isArray()) {
      node.forEach(child -> collectText(child, out));
    }
  }
}
