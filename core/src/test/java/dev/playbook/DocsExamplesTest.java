package dev.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.model.BuyingRole;
import dev.playbook.model.Contact;
import dev.playbook.model.Deal;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Gap;
import dev.playbook.result.Scorecard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The samples in docs/authoring-rules.md load and behave as the page says. */
class DocsExamplesTest {

  static final Path DOC = Path.of("../docs/authoring-rules.md");

  static List<String> yamlBlocks() throws IOException {
    Matcher m =
        Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void firstPlaybook_loadsAndReportsTheDocumentedGap(@TempDir Path dir) throws IOException {
    List<String> blocks = yamlBlocks();
    String playbook =
        blocks.stream().filter(b -> b.startsWith("# playbook.yaml")).findFirst().orElseThrow();
    String rules =
        blocks.stream().filter(b -> b.startsWith("# rules/meddic.yaml")).findFirst().orElseThrow();
    Files.writeString(dir.resolve("playbook.yaml"), playbook);
    Files.createDirectories(dir.resolve("rules"));
    Files.writeString(dir.resolve("rules/meddic.yaml"), rules);

    Playbook p = Playbook.load(dir);
    Deal deal =
        Deal.builder("D-7", "negotiation")
            .name("Initech expansion")
            .addContact(Contact.builder("c1").name("Sam Lee").roles(BuyingRole.CHAMPION).build())
            .build();
    Evaluation e =
        p.evaluate(
            deal, Instant.parse("2026-11-20T00:00:00Z"), java.util.Locale.forLanguageTag("zh-CN"));

    assertThat(e.gaps())
        .extracting(Gap::message)
        .containsExactly("Initech expansion is at negotiation with no economic buyer");
    assertThat(e.actions())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.target().name()).isEqualTo("Sam Lee");
              assertThat(a.talkTrack()).isEqualTo("Sam Lee，除了您之外，还有谁需要批准这个项目？");
            });
    assertThat(e.scorecards())
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.elements())
                    .extracting(Scorecard.Element::gaps)
                    .containsExactly(List.of("acme.eb-before-proposal"), List.of()));
  }

  @Test
  void everyConditionInTheConditionsSection_compiles() throws IOException {
    String doc = Files.readString(DOC);
    String section = doc.substring(doc.indexOf("## Conditions"), doc.indexOf("| you write |"));
    Matcher m = Pattern.compile("```\\n(.*?)```", Pattern.DOTALL).matcher(section);
    assertThat(m.find()).isTrue();
    List<String> conditions = m.group(1).lines().filter(l -> !l.isBlank()).toList();
    assertThat(conditions).hasSize(5);
    StringBuilder yaml =
        new StringBuilder(
            """
        playbook: t
        stages: [prospecting, qualification, discovery, proposal, negotiation, closed_won, closed_lost]
        parameters: { stale_days: 14 }
        rules:
        """);
    for (int i = 0; i < conditions.size(); i++) {
      yaml.append("  - id: r")
          .append(i)
          .append("\n    when: \"")
          .append(conditions.get(i).replace("\"", "\\\""))
          .append("\"\n    action: { title: x }\n");
    }
    assertThat(Playbook.parse("doc.yaml", yaml.toString()).ruleIds()).hasSize(5);
  }

  @Test
  void everyConditionInTheNamingSection_compiles() throws IOException {
    String doc = Files.readString(DOC);
    String section = doc.substring(doc.indexOf("### Naming the items of a quantifier"));
    Matcher m = Pattern.compile("```\\n(.*?)```", Pattern.DOTALL).matcher(section);
    assertThat(m.find()).isTrue();
    List<String> conditions = m.group(1).lines().filter(l -> !l.isBlank()).toList();
    assertThat(conditions).hasSize(3);
    StringBuilder yaml =
        new StringBuilder(
            """
        playbook: t
        stages: [prospecting, qualification, discovery, proposal, negotiation, closed_won, closed_lost]
        rules:
        """);
    for (int i = 0; i < conditions.size(); i++) {
      yaml.append("  - id: r")
          .append(i)
          .append("\n    when: \"")
          .append(conditions.get(i).replace("\"", "\\\""))
          .append("\"\n    action: { title: x }\n");
    }
    assertThat(Playbook.parse("doc.yaml", yaml.toString()).ruleIds()).hasSize(3);
  }

  @Test
  void definitionAndDerivedSegmentSamples_loadAndBehaveAsThePageSays() throws IOException {
    List<String> blocks = yamlBlocks();
    String define = blocks.stream().filter(b -> b.startsWith("define:")).findFirst().orElseThrow();
    String derive =
        blocks.stream().filter(b -> b.contains("derive_segment:")).findFirst().orElseThrow();
    String yaml =
        "playbook: t\n"
            + "stages: [discovery, proposal, won]\n"
            + "custom_fields: { tier: text }\n"
            + derive
            + define;
    Playbook p = Playbook.parse("doc.yaml", yaml);
    Instant asOf = Instant.parse("2026-11-20T09:00:00Z");
    Deal quiet =
        Deal.builder("D-1", "proposal")
            .name("Globex")
            .amount(new java.math.BigDecimal("300000"))
            .addActivity(
                dev.playbook.model.Activity.builder(
                        "a1",
                        dev.playbook.model.ActivityType.CALL,
                        Instant.parse("2026-11-01T09:00:00Z"))
                    .build())
            .build();

    assertThat(p.evaluate(quiet, asOf).gaps())
        .extracting(Gap::message)
        .containsExactly("Globex has been quiet for 19 days");
  }
}
