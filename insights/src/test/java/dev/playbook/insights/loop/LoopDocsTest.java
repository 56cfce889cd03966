package dev.playbook.insights.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.playbook.Deals;
import dev.playbook.Playbook;
import dev.playbook.model.Deal;
import dev.playbook.model.WatchedField;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The samples of docs/feedback-and-coaching.md read as the docs say. */
class LoopDocsTest {

  static List<String> blocks(String lang) throws Exception {
    String doc = Files.readString(Path.of("../docs/feedback-and-coaching.md"));
    Matcher m = Pattern.compile("```" + lang + "\n(.*?)```", Pattern.DOTALL).matcher(doc);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void docs_policyAndFeedbackSamples_readWithoutProblems() throws Exception {
    Playbook playbook = Playbook.builtIn("deal-risk");
    List<String> yaml = blocks("yaml");
    List<String> json = blocks("json");
    assertThat(yaml).hasSize(3);

    LoopPolicy policy = LoopPolicy.parse("loop.yaml", yaml.get(1), playbook);
    List<Feedback> feedback = FeedbackFile.parse("feedback.jsonl", json.get(0), policy);

    assertThat(policy.dismissReasons())
        .containsExactly("not-relevant", "wrong-data", "already-handled");
    assertThat(feedback)
        .extracting(Feedback::response)
        .containsExactly(
            Feedback.Response.SNOOZED, Feedback.Response.DISMISSED, Feedback.Response.SNOOZED);
    assertThat(feedback.get(2).untilChanged()).isEqualTo(WatchedField.STAGE);
  }

  @Test
  void docs_dealFileFeedbackSample_readsAndSnoozesTheRuleUntilTheStageChanges() throws Exception {
    Playbook playbook = Playbook.builtIn("deal-risk");
    LoopPolicy policy = LoopPolicy.parse("loop.yaml", blocks("yaml").get(1), playbook);
    Deal deal = Deals.parse("D-17.yaml", blocks("yaml").get(2)).get(0);
    Instant asOf = Instant.parse("2026-11-21T08:00:00Z");
    String id = Finding.id("D-17", Finding.Kind.ACTION, "deal-risk.no-activity", "c1");

    Decision d = Loop.of(playbook, policy).decide(deal, asOf, List.of(), List.of(), asOf);

    assertThat(deal.feedback()).hasSize(1);
    assertThat(d.hidden())
        .extracting(h -> h.finding().id(), h -> h.because(), h -> h.untilChanged())
        .containsExactly(tuple(id, Decision.Because.SNOOZED, WatchedField.STAGE));
  }

  @Test
  void docs_ruleSample_declaresItsFollowUpOnTheAction() throws Exception {
    Playbook playbook = Playbook.parse("playbook.yaml", blocks("yaml").get(0));

    LoopPolicy policy = LoopPolicy.of(playbook);

    assertThat(policy.success("acme.re-engage"))
        .isEqualTo(
            new LoopPolicy.Success(
                "days_since(last_activity) < 2", Span.parse("5bd"), "loop.success-1"));
    assertThat(policy.reoffer("acme.re-engage"))
        .isEqualTo(new LoopPolicy.Reoffer(2, Span.parse("30d")));
    assertThat(policy.escalate("acme.re-engage"))
        .isEqualTo(new LoopPolicy.Escalate(Span.parse("3d"), Span.parse("7d"), null, null));
  }
}
