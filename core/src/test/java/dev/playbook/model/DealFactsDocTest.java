package dev.playbook.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Deals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The examples in docs/deal-facts.md are read as deal files, so the page cannot drift. */
class DealFactsDocTest {

  private static final Pattern BLOCK = Pattern.compile("```(json|yaml)\\n(.*?)```", Pattern.DOTALL);

  private static String block(String language) throws IOException {
    Path doc = Path.of("..", "docs", "deal-facts.md");
    if (!Files.exists(doc)) {
      doc = Path.of("docs", "deal-facts.md");
    }
    Matcher m = BLOCK.matcher(Files.readString(doc));
    while (m.find()) {
      if (m.group(1).equals(language)) {
        return m.group(2);
      }
    }
    throw new AssertionError("no " + language + " example in " + doc);
  }

  @Test
  void examples_inJsonYamlAndJsonLines_readAsTheSameDeal() throws IOException {
    String json = block("json");

    List<Deal> fromJson = Deals.parse("example.json", json);
    List<Deal> fromYaml = Deals.parse("example.yaml", block("yaml"));
    List<Deal> fromJsonLines = Deals.parse("example.jsonl", json.replace("\n", " ") + "\n");

    assertThat(fromJson).hasSize(1);
    assertThat(fromYaml).isEqualTo(fromJson);
    assertThat(fromJsonLines).isEqualTo(fromJson);
    Deal deal = fromJson.get(0);
    assertThat(deal.nextSteps().get(0).status()).isEqualTo(NextStepStatus.OPEN);
    assertThat(deal.contacts().get(1).roles())
        .containsExactly(BuyingRole.CHAMPION, BuyingRole.TECHNICAL);
    assertThat(deal.custom().get("go_live")).isInstanceOf(CustomValue.Date.class);
    assertThat(deal.feedback())
        .containsExactly(
            new Feedback(
                null,
                "standard-b2b.next-step",
                null,
                FeedbackResponse.SNOOZED,
                null,
                "waiting for the board",
                null,
                WatchedField.STAGE,
                "dana@seller.example",
                java.time.Instant.parse("2026-10-21T09:00:00Z")),
            new Feedback(
                "g-0b1d2e3f4a5b6c7d",
                null,
                null,
                FeedbackResponse.DISMISSED,
                "wrong-data",
                null,
                null,
                null,
                "dana@seller.example",
                java.time.Instant.parse("2026-10-21T00:00:00Z")));
  }
}
