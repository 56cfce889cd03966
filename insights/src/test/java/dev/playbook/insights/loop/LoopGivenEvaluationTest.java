package dev.playbook.insights.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.playbook.Playbook;
import dev.playbook.model.Deal;
import dev.playbook.result.Evaluation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Loop#decide} on an evaluation already made, as a batch of a stream gives it. */
class LoopGivenEvaluationTest {

  static final Instant AS_OF = Instant.parse("2026-11-20T08:00:00Z");
  static final Playbook PLAYBOOK = Playbook.builtIn("deal-risk");
  static final Loop LOOP = Loop.of(PLAYBOOK, LoopPolicy.none());

  @Test
  void decide_onGivenEvaluation_equalsDecideThatEvaluates_andItsJsonParsesBack() {
    Deal deal =
        LoopDealFileFeedbackTest.deal(
            "D-1",
            "proposal",
            40000,
            """
            [{"rule": "deal-risk.no-activity", "response": "snoozed", "until": "2026-12-01", "by": "ana", "at": "2026-11-19T09:00:00Z"}]""");
    Evaluation evaluation = PLAYBOOK.evaluate(deal, AS_OF);

    Decision given =
        LOOP.decide(deal, evaluation, AS_OF, List.of(), List.of(), Book.empty(), AS_OF);

    Decision evaluated = LOOP.decide(deal, AS_OF, List.of(), List.of(), AS_OF);
    assertThat(given).isEqualTo(evaluated);
    assertThat(given.hidden())
        .extracting(h -> h.finding().rule())
        .contains("deal-risk.no-activity");
    assertThat(Decisions.fromJson(Decisions.toJson(given))).isEqualTo(given);
  }

  @Test
  void decide_onEvaluationOfAnotherDeal_isRefused_namingBoth() {
    Deal one = LoopDealFileFeedbackTest.deal("D-1", "proposal", 40000, "");
    Deal two = LoopDealFileFeedbackTest.deal("D-2", "proposal", 40000, "");

    assertThatThrownBy(
            () ->
                LOOP.decide(
                    one,
                    PLAYBOOK.evaluate(two, AS_OF),
                    AS_OF,
                    List.of(),
                    List.of(),
                    Book.empty(),
                    AS_OF))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the evaluation is of deal D-2, not of deal D-1");
  }

  @Test
  void fromJson_ofOtherSchema_isRefused_namingIt() {
    assertThatThrownBy(() -> Decisions.fromJson("{\"schema\": \"playbook-decision/9\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("schema must be 'playbook-decision/1', was 'playbook-decision/9'");
  }
}
