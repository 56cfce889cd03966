package dev.playbook.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Playbook;
import dev.playbook.model.Deal;
import dev.playbook.model.StageChange;
import dev.playbook.result.Evaluation;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The custom pipeline of docs/authoring-rules.md loads and behaves as the page says. */
class CustomPipelineDocTest {

  static final Path DOC = Path.of("../docs/authoring-rules.md");
  static final Instant AS_OF = Instant.parse("2026-11-20T00:00:00Z");

  static String sample() throws IOException {
    Matcher m =
        Pattern.compile("```yaml\\n(# playbooks/robots/playbook.yaml\\n.*?)```", Pattern.DOTALL)
            .matcher(Files.readString(DOC));
    assertThat(m.find()).as("the page has the robots playbook").isTrue();
    return m.group(1);
  }

  static Deal deal(String stage, StageChange... history) {
    return Deal.builder("R-1", stage)
        .name("Kiva pilot")
        .amount(new BigDecimal("90000"))
        .createdAt(Instant.parse("2026-09-01T00:00:00Z"))
        .closeDate(java.time.LocalDate.parse("2026-12-15"))
        .stageHistory(List.of(history))
        .build();
  }

  @Test
  void customPipeline_sample_loadsWithTheInheritedRulesFollowingTheMap(@TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("playbook.yaml"), sample());

    Playbook playbook = Playbook.load(dir);
    Evaluation atContract = playbook.evaluate(deal("contract"), AS_OF);
    Evaluation atTrial = playbook.evaluate(deal("trial"), AS_OF, Locale.forLanguageTag("zh-CN"));
    Evaluation won = playbook.evaluate(deal("won"), AS_OF);

    assertThat(playbook.stages())
        .containsExactly(
            "lead", "discovery", "site_survey", "proposal", "trial", "contract", "won", "lost");
    assertThat(atContract.firedRules())
        .contains("meddic.paper-process-known", "deal-risk.no-activity-logged")
        .doesNotContain("robots.trial-after-survey");
    assertThat(atTrial.firedRules())
        .contains("meddic.paper-process-known", "robots.trial-after-survey");
    assertThat(atTrial.gaps())
        .filteredOn(g -> g.rule().equals("meddic.paper-process-known"))
        .singleElement()
        .satisfies(g -> assertThat(g.message()).startsWith("Kiva pilot 已进入 试用 阶段"));
    assertThat(won.firedRules()).isEmpty();
  }
}
