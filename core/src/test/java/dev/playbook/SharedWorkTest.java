package dev.playbook;

import static dev.playbook.ConditionSemanticsTest.AS_OF;
import static dev.playbook.ConditionSemanticsTest.base;
import static dev.playbook.ConditionSemanticsTest.fires;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.playbook.model.Deal;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Explanation;
import dev.playbook.result.Gap;
import dev.playbook.result.Scorecard;
import dev.playbook.result.StageReadiness;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The work evaluation shares or defers gives the same answers as doing it every time: aggregates
 * computed once per deal, gap evidence and scorecards computed when first read, key-node criteria
 * evaluated only at their stage.
 */
class SharedWorkTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // the inner max reads nothing of the outer item: computed once per deal, same value each
        // time
        "count(activities, occurred_at >= max(activities, occurred_at)) == 1 | true",
        "count(activities, occurred_at < max(activities, occurred_at)) == 1 | true",
        "all(activities, occurred_at <= max(activities, occurred_at)) | true",
        // the inner any reads the enclosing contact's role: it must be evaluated for each contact
        "count(contacts, any(activities, role == economic_buyer)) == 1 | true",
        "count(contacts, any(activities, role == champion)) == 1 | true",
        "count(contacts, any(activities, role == champion and type == email)) == 1 | true",
        "count(contacts, any(activities, role == economic_buyer and type == call)) == 0 | true",
        "count(contacts, count(activities, role == champion) == 2) == 1 | true",
        // an enclosing item read two levels down
        "count(contacts, any(activities, any(next_steps, role == economic_buyer))) == 1 | true",
      })
  void aggregatesAgreeWhetherSharedOrNot(String condition, boolean expected) {
    assertThat(fires(condition, base().build())).isEqualTo(expected);
  }

  static final String BOOK =
      """
      playbook: t
      stages: [discovery, proposal, negotiation, closed_won, closed_lost]
      methodologies:
        meddic:
          title: { en: MEDDIC scorecard, zh-CN: MEDDIC 评分卡 }
          elements:
            - { id: metrics }
            - id: champion
              confirmed_when: any(contacts, role == champion)
            - id: economic_buyer
              confirmed_when: any(contacts, role == economic_buyer and last_engaged_at is present)
      key_nodes:
        - id: proposal_done
          stage: proposal
          exit_criteria:
            - { id: eb, title: EB met, when: "any(contacts, role == economic_buyer)" }
            - { id: late, title: Recent, when: "days_since(max(activities, occurred_at)) <= 3" }
        - id: negotiation_done
          stage: negotiation
          exit_criteria:
            - { id: signed, title: Signed, when: "amount > 0" }
      rules:
        - id: no-eb-meeting
          methodology: meddic
          element: economic_buyer
          when: stage >= proposal and none(activities, any(contacts, role == economic_buyer) and type == meeting)
          gap: { severity: high, message: "No meeting with the economic buyer since {days_since(min(activities, occurred_at))} days" }
        - id: quiet
          when: days_since(max(activities, occurred_at)) > 2 and stage >= discovery
          gap: { severity: low, message: "{days_since(max(activities, occurred_at))} days quiet" }
      """;

  @Test
  void evidenceReadLaterEqualsTheExplanation() {
    Playbook p = Playbook.parse("t.yaml", BOOK);
    Deal deal = base().build();
    Evaluation e = p.evaluate(deal, AS_OF);
    assertThat(e.gaps()).extracting(Gap::rule).containsExactly("no-eb-meeting", "quiet");
    for (Gap g : e.gaps()) {
      List<String> explained =
          p.explain(deal, AS_OF, g.rule()).parts().stream().map(Explanation.Part::render).toList();
      assertThat(g.evidence()).isEqualTo(explained).isNotEmpty();
    }
    assertThat(e.gaps().get(0).evidence())
        .containsExactly(
            "stage >= proposal: true (stage = proposal)",
            "none(activities, any(contacts, role == economic_buyer) and type == meeting): true"
                + " (none of 2 activities match: meeting on 2026-11-10 (a1), email on 2026-11-16 (a2))");
    assertThat(e.gaps().get(1).message()).isEqualTo("4 days quiet");
  }

  @Test
  void lazyListsAreImmutable() {
    Evaluation e = Playbook.parse("t.yaml", BOOK).evaluate(base().build(), AS_OF);
    assertThatThrownBy(() -> e.gaps().get(0).evidence().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> e.scorecards().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> e.scorecards().get(0).elements().set(0, null))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void scorecardsAreComputedWhenRead() {
    Evaluation e = Playbook.parse("t.yaml", BOOK).evaluate(base().build(), AS_OF);
    Scorecard meddic = e.scorecards().get(0);
    assertThat(meddic.elements())
        .extracting(el -> el.id() + "=" + el.status() + el.gaps())
        .containsExactly(
            "metrics=PARTIAL[]", "champion=CONFIRMED[]", "economic_buyer=UNKNOWN[no-eb-meeting]");
    assertThat(meddic.percent()).isEqualTo(50);
    assertThat(e.scorecards())
        .isEqualTo(Playbook.parse("t.yaml", BOOK).evaluate(base().build(), AS_OF).scorecards());
  }

  @Test
  void manyThreadsReadingOneEvaluationSeeOneResult() throws Exception {
    Playbook p = Playbook.parse("t.yaml", BOOK);
    Evaluation reference = p.evaluate(base().build(), AS_OF);
    String expected =
        reference.gaps().stream().map(g -> g.evidence().toString()).toList()
            + " "
            + reference.scorecards();
    for (int round = 0; round < 20; round++) {
      Evaluation e = p.evaluate(base().build(), AS_OF);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> reads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          reads.add(
              pool.submit(
                  () -> {
                    start.await();
                    return e.gaps().stream().map(g -> g.evidence().toString()).toList()
                        + " "
                        + e.scorecards();
                  }));
        }
        start.countDown();
        for (Future<String> r : reads) {
          assertThat(r.get()).isEqualTo(expected);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void keyNodeCriteriaAreShownForTheDealsOwnStageOnly() {
    Playbook p = Playbook.parse("t.yaml", BOOK);
    StageReadiness atProposal = p.evaluate(base().build(), AS_OF).stageReadiness();
    assertThat(atProposal.keyNodes())
        .extracting(StageReadiness.KeyNode::id)
        .containsExactly("proposal_done");
    assertThat(atProposal.keyNodes().get(0).criteria())
        .extracting(c -> c.id() + "=" + c.met())
        .containsExactly("eb=true", "late=false");
    StageReadiness atNegotiation =
        p.evaluate(base().stage("negotiation").build(), AS_OF).stageReadiness();
    assertThat(atNegotiation.keyNodes())
        .extracting(StageReadiness.KeyNode::id)
        .containsExactly("negotiation_done");
    assertThat(atNegotiation.keyNodes().get(0).criteria())
        .extracting(c -> c.id() + "=" + c.met())
        .containsExactly("signed=true");
  }

  @Test
  void localizedTextsFollowTheLocaleOfEachCall() {
    Playbook p = Playbook.parse("t.yaml", BOOK);
    Deal deal = base().build();
    Locale zhCn = Locale.forLanguageTag("zh-CN");
    for (int i = 0; i < 3; i++) {
      assertThat(p.evaluate(deal, AS_OF, Locale.ENGLISH).scorecards().get(0).title())
          .isEqualTo("MEDDIC scorecard");
      assertThat(p.evaluate(deal, AS_OF, zhCn).scorecards().get(0).title()).isEqualTo("MEDDIC 评分卡");
      assertThat(p.evaluate(deal, AS_OF, Locale.forLanguageTag("zh")).scorecards().get(0).title())
          .isEqualTo("MEDDIC 评分卡");
      assertThat(p.evaluate(deal, AS_OF, Locale.GERMAN).scorecards().get(0).title())
          .isEqualTo("MEDDIC scorecard");
    }
  }
}
