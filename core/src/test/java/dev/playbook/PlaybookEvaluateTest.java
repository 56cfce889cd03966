package dev.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.playbook.model.Activity;
import dev.playbook.model.ActivityType;
import dev.playbook.model.BuyingRole;
import dev.playbook.model.Contact;
import dev.playbook.model.Deal;
import dev.playbook.model.Direction;
import dev.playbook.model.Evidence;
import dev.playbook.model.EvidenceStatus;
import dev.playbook.model.Power;
import dev.playbook.result.Action;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Explanation;
import dev.playbook.result.Gap;
import dev.playbook.result.Severity;
import dev.playbook.result.StageReadiness;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PlaybookEvaluateTest {

  static final Instant AS_OF = Instant.parse("2026-11-20T09:00:00Z");

  static final String ACME =
      """
      playbook: acme
      title: ACME enterprise playbook
      stages: [prospecting, qualification, discovery, proposal, negotiation, closed_won, closed_lost]
      stage_titles:
        proposal: { zh-CN: 方案 }
        negotiation: { zh-CN: 谈判 }
      segments: [smb, mid_market, enterprise]
      parameters:
        stale_days: { default: 14, by_segment: { enterprise: 21 } }
      methodologies:
        meddic:
          title: MEDDIC
          elements:
            - { id: metrics, title: Metrics }
            - { id: economic_buyer, title: Economic buyer, confirmed_when: "any(contacts, role == economic_buyer)" }
      key_nodes:
        - id: discovery_done
          stage: discovery
          title: Discovery complete
          exit_criteria:
            - { id: pain, title: Pain confirmed, when: "evidence(meddic.metrics) == confirmed" }
            - { id: champion, title: Champion identified, when: "any(contacts, role == champion)" }
      talk_tracks:
        eb-intro:
          en: "Who else will sign off on this?"
          zh-CN: "还有谁会最终批准这个项目？"
      rules:
        - id: acme.eb-before-proposal
          title: Economic buyer identified before proposal
          methodology: meddic
          element: economic_buyer
          when: stage >= proposal and none(contacts, role == economic_buyer)
          gap:
            severity: high
            message:
              en: "{deal.name} is at {stage} with no economic buyer"
              zh-CN: "{deal.name} 已到 {stage} 阶段，但没有经济决策人"
          action:
            title: Ask your champion for an introduction to the economic buyer
            priority: 90
            due: 2d
            talk_track: eb-intro
            target: role == champion
        - id: acme.stale
          when: days_since(last_activity) > param(stale_days)
          action: { title: "Re-engage: no activity for {days_since(last_activity)} days", priority: 70, due: 1d }
      """;

  static Deal deal(String stage, String segment) {
    return Deal.builder("D-1", stage)
        .name("Globex renewal")
        .segment(segment)
        .amount(new BigDecimal("120000"))
        .addContact(
            Contact.builder("c1")
                .name("Li Wei")
                .roles(BuyingRole.CHAMPION)
                .power(Power.HIGH)
                .build())
        .addActivity(
            Activity.builder("a1", ActivityType.CALL, Instant.parse("2026-11-01T10:00:00Z"))
                .direction(Direction.OUTBOUND)
                .contactIds("c1")
                .build())
        .putEvidence(
            "meddic.metrics", new Evidence(EvidenceStatus.PARTIAL, "20% faster close", null))
        .build();
  }

  @Test
  void evaluate_noEconomicBuyerAtProposal_reportsHighGapAndRankedActions() {
    Playbook playbook = Playbook.parse("acme.yaml", ACME);

    Evaluation result = playbook.evaluate(deal("negotiation", "smb"), AS_OF);

    assertThat(result.gaps()).hasSize(1);
    Gap gap = result.gaps().get(0);
    assertThat(gap.rule()).isEqualTo("acme.eb-before-proposal");
    assertThat(gap.severity()).isEqualTo(Severity.HIGH);
    assertThat(gap.message()).isEqualTo("Globex renewal is at negotiation with no economic buyer");
    assertThat(gap.evidence())
        .containsExactly(
            "stage >= proposal: true (stage = negotiation)",
            "none(contacts, role == economic_buyer): true (none of 1 contacts match: Li Wei)");
    assertThat(gap.provenance().location()).isEqualTo("acme.yaml:28");
    assertThat(result.actions())
        .extracting(Action::rule)
        .containsExactly("acme.eb-before-proposal", "acme.stale");
    Action first = result.actions().get(0);
    // due 2d from Friday 20 November is a Sunday, so the Monday after
    assertThat(first.due()).isEqualTo(LocalDate.parse("2026-11-23"));
    assertThat(first.target()).isEqualTo(new Action.Target("c1", "Li Wei"));
    assertThat(first.talkTrack()).isEqualTo("Who else will sign off on this?");
    assertThat(result.actions().get(1).title()).isEqualTo("Re-engage: no activity for 18 days");
    assertThat(result.scorecards().get(0).percent()).isEqualTo(25);
  }

  @Test
  void evaluate_enterpriseSegment_usesSegmentThreshold() {
    Playbook playbook = Playbook.parse("acme.yaml", ACME);

    Evaluation result = playbook.evaluate(deal("qualification", "enterprise"), AS_OF);

    assertThat(result.actions()).isEmpty();
    assertThat(result.gaps()).isEmpty();
  }

  @Test
  void evaluate_chineseLocale_rendersChineseTexts() {
    Playbook playbook = Playbook.parse("acme.yaml", ACME);

    Evaluation result =
        playbook.evaluate(deal("proposal", "smb"), AS_OF, Locale.forLanguageTag("zh-CN"));

    assertThat(result.gaps().get(0).message()).isEqualTo("Globex renewal 已到 方案 阶段，但没有经济决策人");
    assertThat(result.actions().get(0).talkTrack()).isEqualTo("还有谁会最终批准这个项目？");
  }

  @Test
  void evaluate_discoveryStage_reportsKeyNodeReadiness() {
    Playbook playbook = Playbook.parse("acme.yaml", ACME);

    Evaluation result = playbook.evaluate(deal("discovery", "smb"), AS_OF);

    StageReadiness readiness = result.stageReadiness();
    assertThat(readiness.stage()).isEqualTo("discovery");
    assertThat(readiness.keyNodes()).hasSize(1);
    assertThat(readiness.keyNodes().get(0).criteria())
        .extracting(StageReadiness.Criterion::id, StageReadiness.Criterion::met)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("pain", false),
            org.assertj.core.groups.Tuple.tuple("champion", true));
    assertThat(readiness.ready()).isFalse();
  }

  @Test
  void evaluate_unknownStage_namesDealAndStages() {
    Playbook playbook = Playbook.parse("acme.yaml", ACME);

    assertThatThrownBy(() -> playbook.evaluate(deal("won", "smb"), AS_OF))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "deal 'D-1' is at stage 'won', which playbook 'acme' does not define; its stages are: "
                + "prospecting, qualification, discovery, proposal, negotiation, closed_won, closed_lost");
  }

  @Test
  void explain_ruleThatDidNotFire_showsEachPartWithTheFactsItRead() {
    Playbook playbook = Playbook.parse("acme.yaml", ACME);
    Deal deal =
        deal("negotiation", "smb").toBuilder()
            .addContact(
                Contact.builder("c2").name("Ana Ruiz").roles(BuyingRole.ECONOMIC_BUYER).build())
            .build();

    Explanation e = playbook.explain(deal, AS_OF, "acme.eb-before-proposal");

    assertThat(e.fired()).isFalse();
    assertThat(e.condition())
        .isEqualTo("stage >= proposal and none(contacts, role == economic_buyer)");
    assertThat(e.parts())
        .extracting(Explanation.Part::render)
        .containsExactly(
            "stage >= proposal: true (stage = negotiation)",
            "none(contacts, role == economic_buyer): false (role == economic_buyer: Ana Ruiz)");
    assertThat(e.provenance().location()).isEqualTo("acme.yaml:28");
  }

  @Test
  void explain_allRules_agreesWithEvaluation() {
    Playbook playbook = Playbook.parse("acme.yaml", ACME);

    java.util.List<Explanation> all = playbook.explain(deal("negotiation", "smb"), AS_OF);

    assertThat(all)
        .extracting(Explanation::rule, Explanation::fired)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("acme.eb-before-proposal", true),
            org.assertj.core.groups.Tuple.tuple("acme.stale", true));
    assertThat(all.get(1).parts())
        .extracting(Explanation.Part::render)
        .containsExactly(
            "days_since(last_activity) > param(stale_days): true (days_since(last_activity) = 18, param(stale_days) = 14)");
  }

  @Test
  void explain_unknownRule_suggestsTheClosestId() {
    Playbook playbook = Playbook.parse("acme.yaml", ACME);

    assertThatThrownBy(() -> playbook.explain(deal("negotiation", "smb"), AS_OF, "acme.stail"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("playbook 'acme' has no rule 'acme.stail' (did you mean 'acme.stale'?)");
  }
}
