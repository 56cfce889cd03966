package dev.playbook.examples;

import static dev.playbook.examples.Results.action;
import static dev.playbook.examples.Results.gap;
import static dev.playbook.examples.Results.scorecard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.playbook.Deals;
import dev.playbook.Playbook;
import dev.playbook.model.Deal;
import dev.playbook.model.EvidenceStatus;
import dev.playbook.result.Action;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Gap;
import dev.playbook.result.Scorecard;
import dev.playbook.result.Severity;
import dev.playbook.result.StageReadiness;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The example playbook {@code playbooks/acme} evaluated over the example deals in {@code deals/},
 * as of 2026-11-20 (a Friday). Each deal is built to show particular rules; {@code
 * examples/README.md} describes what a manager sees for each one.
 */
class ExampleDealsTest {

  static final Path ACME = Path.of("playbooks/acme");
  static final Instant AS_OF = Instant.parse("2026-11-20T00:00:00Z");
  static final Locale ZH_CN = Locale.forLanguageTag("zh-CN");

  static Playbook playbook;
  static Map<String, Deal> deals;

  /**
   * The rules each example deal must fire, gaps and actions each in the order the engine ranks
   * them.
   */
  record Expected(String dealId, List<String> gaps, List<String> actions) {}

  static final List<Expected> EXPECTED =
      List.of(
          new Expected("ACME-1001", List.of(), List.of()),
          new Expected(
              "ACME-1002",
              List.of("acme.eb-identified", "acme.decision-process", "acme.metrics-quantified"),
              List.of("acme.eb-identified", "acme.decision-process", "acme.metrics-quantified")),
          new Expected(
              "ACME-1003",
              List.of("acme.ghosted", "acme.next-step"),
              List.of("acme.ghosted", "acme.next-step")),
          new Expected(
              "ACME-1004", List.of("acme.close-date-pushed"), List.of("acme.close-date-pushed")),
          new Expected(
              "ACME-1005",
              List.of("acme.first-contact-sla", "acme.next-step"),
              List.of("acme.first-contact-sla", "acme.next-step")),
          new Expected(
              "ACME-1006", List.of("acme.single-threaded"), List.of("acme.single-threaded")),
          new Expected("ACME-1007", List.of(), List.of()),
          new Expected(
              "ACME-1008",
              List.of("acme.eb-met", "acme.paper-process"),
              List.of("acme.eb-met", "acme.paper-process")),
          new Expected(
              "ACME-1009",
              List.of("acme.champion-power", "acme.competition-known", "acme.meeting-follow-up"),
              List.of("acme.champion-power", "acme.meeting-follow-up", "acme.competition-known")),
          new Expected(
              "ACME-1010",
              List.of("acme.next-step", "acme.stalled"),
              List.of("acme.stale", "acme.next-step", "acme.stalled")),
          new Expected("ACME-1011", List.of(), List.of()));

  @BeforeAll
  static void loadPlaybookAndDeals() {
    playbook = Playbook.load(ACME);
    deals =
        Deals.read(Path.of("deals/deals.json")).stream()
            .collect(
                Collectors.toMap(
                    Deal::id, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
  }

  static Evaluation evaluate(String dealId) {
    return playbook.evaluate(deals.get(dealId), AS_OF);
  }

  // ------------------------------------------------------------------ the playbook and the files

  @Test
  void load_acme_hasItsRulesInFileOrder() {
    assertThat(playbook.id()).isEqualTo("acme");
    assertThat(playbook.title()).isEqualTo("ACME Cloud sales playbook");
    assertThat(playbook.stages())
        .containsExactly(
            "prospecting",
            "qualification",
            "discovery",
            "proposal",
            "negotiation",
            "closed_won",
            "closed_lost");
    assertThat(playbook.ruleIds())
        .containsExactly(
            "acme.eb-identified",
            "acme.eb-met",
            "acme.metrics-quantified",
            "acme.champion-power",
            "acme.decision-process",
            "acme.paper-process",
            "acme.competition-known",
            "acme.ghosted",
            "acme.close-date-pushed",
            "acme.single-threaded",
            "acme.stalled",
            "acme.first-contact-sla",
            "acme.meeting-follow-up",
            "acme.next-step",
            "acme.stale");
  }

  @Test
  void expectations_coverEveryDealInTheFile() {
    assertThat(EXPECTED).extracting(Expected::dealId).containsExactlyElementsOf(deals.keySet());
  }

  @TestFactory
  Stream<DynamicTest> evaluate_eachExampleDeal_firesExactlyItsRules() {
    return EXPECTED.stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.dealId(),
                    () -> {
                      Evaluation result = evaluate(e.dealId());

                      assertThat(result.gaps())
                          .as("gaps of %s", e.dealId())
                          .extracting(Gap::rule)
                          .containsExactlyElementsOf(e.gaps());
                      assertThat(result.actions())
                          .as("actions of %s", e.dealId())
                          .extracting(Action::rule)
                          .containsExactlyElementsOf(e.actions());
                    }));
  }

  @Test
  void evaluateAll_givesTheSameResultsAsOneDealAtATime() {
    List<Evaluation> all = playbook.evaluateAll(deals.values(), AS_OF, Locale.ENGLISH);

    assertThat(all).extracting(Evaluation::dealId).containsExactlyElementsOf(deals.keySet());
    for (Evaluation batch : all) {
      Evaluation single = evaluate(batch.dealId());
      assertThat(batch.gaps()).isEqualTo(single.gaps());
      assertThat(batch.actions()).isEqualTo(single.actions());
    }
  }

  // ------------------------------------------------------------------ one deal at a time

  @Test
  void evaluate_healthyProposal_hasNothingToDoAndIsReadyToAdvance() {
    Evaluation result = evaluate("ACME-1001");

    assertThat(result.gaps()).isEmpty();
    assertThat(result.actions()).isEmpty();
    assertThat(scorecard(result, "meddic").percent()).isEqualTo(88);
    assertThat(scorecard(result, "sop").percent()).isEqualTo(100);
    assertThat(result.stageReadiness().keyNodes())
        .extracting(StageReadiness.KeyNode::id)
        .containsExactly("proposal_accepted");
    assertThat(result.stageReadiness().ready()).isTrue();
  }

  @Test
  void evaluate_proposalWithoutEconomicBuyer_asksTheChampionForAnIntroduction() {
    Evaluation result = evaluate("ACME-1002");

    Gap gap = gap(result, "acme.eb-identified");
    assertThat(gap.severity()).isEqualTo(Severity.HIGH);
    assertThat(gap.message())
        .isEqualTo("杭州云帆科技 – 数据平台 is at proposal and no economic buyer is identified");
    assertThat(gap.methodology()).isEqualTo("meddic");
    assertThat(gap.element()).isEqualTo("economic_buyer");
    assertThat(gap.provenance().location()).isEqualTo("playbooks/acme/rules/meddic.yaml:4");
    Action action = action(result, "acme.eb-identified");
    assertThat(action.title())
        .isEqualTo("Ask your champion to introduce you to the economic buyer at 杭州云帆科技");
    assertThat(action.priority()).isEqualTo(90);
    assertThat(action.due())
        .isEqualTo(LocalDate.parse("2026-11-24")); // 2 business days after Friday
    assertThat(action.target()).isEqualTo(new Action.Target("c1", "王磊"));
    assertThat(action.reason()).isEqualTo(gap.message());
    assertThat(action.talkTrack()).startsWith("Who else will sign off on this investment?");
    assertThat(gap(result, "acme.metrics-quantified").message())
        .isEqualTo("杭州云帆科技 – 数据平台 is at proposal and the buyer's metrics are still partial");
  }

  @Test
  void evaluate_proposalWithoutEconomicBuyer_scorecardShowsTheGapsOnTheirElements() {
    Scorecard meddic = scorecard(evaluate("ACME-1002"), "meddic");

    assertThat(meddic.percent()).isEqualTo(56); // 4 confirmed + 1 partial of 8
    assertThat(meddic.elements())
        .extracting(Scorecard.Element::id, Scorecard.Element::status, Scorecard.Element::gaps)
        .containsExactly(
            tuple("metrics", EvidenceStatus.PARTIAL, List.of("acme.metrics-quantified")),
            tuple("economic_buyer", EvidenceStatus.UNKNOWN, List.of("acme.eb-identified")),
            tuple("decision_criteria", EvidenceStatus.CONFIRMED, List.of()),
            tuple("decision_process", EvidenceStatus.UNKNOWN, List.of("acme.decision-process")),
            tuple("paper_process", EvidenceStatus.UNKNOWN, List.of()),
            tuple("identify_pain", EvidenceStatus.CONFIRMED, List.of()),
            tuple("champion", EvidenceStatus.CONFIRMED, List.of()),
            tuple("competition", EvidenceStatus.CONFIRMED, List.of()));
  }

  @Test
  void evaluate_chineseLocale_rendersChineseMessagesTitlesAndTalkTracks() {
    Evaluation result = playbook.evaluate(deals.get("ACME-1002"), AS_OF, ZH_CN);

    assertThat(gap(result, "acme.eb-identified").message())
        .isEqualTo("杭州云帆科技 – 数据平台 已到 proposal 阶段，但尚未确定经济决策人");
    Action action = action(result, "acme.eb-identified");
    assertThat(action.title()).isEqualTo("请支持者引荐 杭州云帆科技 的经济决策人");
    assertThat(action.talkTrack()).isEqualTo("这项投资最终由谁审批？希望能和他/她沟通十五分钟，确保方案回应了他/她最关心的问题。");
    assertThat(scorecard(result, "sop").title()).isEqualTo("ACME 销售标准流程");
  }

  @Test
  void evaluate_ghostedDeal_countsOutboundTouchesSinceTheLastResponse() {
    Evaluation result = evaluate("ACME-1003");

    assertThat(gap(result, "acme.ghosted").message())
        .isEqualTo(
            "Contoso Retail – POS rollout looks ghosted: 4 outbound touches without a response; "
                + "last response: 2026-11-02 16:20 UTC");
    Action action = action(result, "acme.ghosted");
    assertThat(action.target()).isEqualTo(new Action.Target("c2", "Dana Whitfield"));
    assertThat(action.due()).isEqualTo(LocalDate.parse("2026-11-23"));
    assertThat(gap(result, "acme.next-step").message())
        .isEqualTo(
            "Contoso Retail – POS rollout has no dated next step the buyer committed to (open: 1, overdue: 1)");
  }

  @Test
  void evaluate_closeDatePushedTwice_reQualifiesTheTimelineWithTheEconomicBuyer() {
    Evaluation result = evaluate("ACME-1004");

    assertThat(gap(result, "acme.close-date-pushed").message())
        .isEqualTo("Fabrikam Health – patient portal: close date pushed 2 times, now 2026-12-15");
    Action action = action(result, "acme.close-date-pushed");
    assertThat(action.title())
        .isEqualTo(
            "Re-qualify the timeline with the economic buyer: what must happen before 2026-12-15?");
    assertThat(action.target()).isEqualTo(new Action.Target("c1", "Maria Gonzalez"));
    assertThat(result.stageReadiness().keyNodes().get(0).criteria())
        .extracting(StageReadiness.Criterion::id, StageReadiness.Criterion::met)
        .containsExactly(
            tuple("paper_process_known", false),
            tuple("eb_met", true),
            tuple("close_date_set", true),
            tuple("close_plan", true));
  }

  @Test
  void evaluate_noFirstContactAfterHandOff_callsTheDecisionMakerToday() {
    Evaluation result = evaluate("ACME-1005");

    assertThat(gap(result, "acme.first-contact-sla").message())
        .isEqualTo(
            "深圳智联制造 – MES 集成: no outbound contact within 24h of the SQL hand-off at 2026-11-18 02:00 UTC (46 hours ago)");
    Action action = action(result, "acme.first-contact-sla");
    assertThat(action.title()).isEqualTo("Call 深圳智联制造 now: the SQL hand-off was 46 hours ago");
    assertThat(action.priority()).isEqualTo(95);
    assertThat(action.due()).isEqualTo(LocalDate.parse("2026-11-20"));
    assertThat(action.target()).isEqualTo(new Action.Target("c1", "陈静"));
    assertThat(action(result, "acme.next-step").target()).isNull();
    assertThat(scorecard(result, "sop").elements())
        .extracting(Scorecard.Element::id, Scorecard.Element::status)
        .containsExactly(
            tuple("first_contact", EvidenceStatus.UNKNOWN),
            tuple("meeting_follow_up", EvidenceStatus.UNKNOWN),
            tuple("next_step", EvidenceStatus.UNKNOWN),
            tuple("activity_cadence", EvidenceStatus.CONFIRMED));
  }

  @Test
  void evaluate_singleThreadedEnterpriseDeal_usesTheEnterpriseThresholds() {
    Evaluation result = evaluate("ACME-1006");

    assertThat(gap(result, "acme.single-threaded").message())
        .isEqualTo(
            "Globex Bank – risk analytics (400,000 USD) is single-threaded: 1 contact(s) engaged in the last 30d, "
                + "3 needed for enterprise deals");
    assertThat(action(result, "acme.single-threaded").target())
        .isEqualTo(new Action.Target("c1", "Priya Shah"));
    assertThat(result.stageReadiness().ready()).isFalse();
  }

  @Test
  void evaluate_discoveryDealMeetingItsKeyNode_isReadyToAdvance() {
    Evaluation result = evaluate("ACME-1007");

    StageReadiness readiness = result.stageReadiness();
    assertThat(readiness.stage()).isEqualTo("discovery");
    assertThat(readiness.keyNodes())
        .extracting(StageReadiness.KeyNode::id, StageReadiness.KeyNode::title)
        .containsExactly(tuple("discovery_complete", "Discovery complete"));
    assertThat(readiness.keyNodes().get(0).criteria())
        .extracting(StageReadiness.Criterion::id, StageReadiness.Criterion::met)
        .containsExactly(
            tuple("pain_confirmed", true),
            tuple("metrics_known", true),
            tuple("champion_found", true),
            tuple("criteria_known", true),
            tuple("multi_threaded", true));
    assertThat(readiness.ready()).isTrue();
    assertThat(result.gaps()).isEmpty();
    assertThat(result.actions()).isEmpty();
  }

  @Test
  void evaluate_negotiationWithoutMeetingTheEconomicBuyer_targetsTheEconomicBuyer() {
    Evaluation result = evaluate("ACME-1008");

    assertThat(gap(result, "acme.eb-met").message())
        .isEqualTo(
            "Tailspin Airlines – crew scheduling is in negotiation, but nobody has met the economic buyer yet");
    Action meet = action(result, "acme.eb-met");
    assertThat(meet.target()).isEqualTo(new Action.Target("c2", "Sarah Lin"));
    assertThat(meet.due()).isEqualTo(LocalDate.parse("2026-11-25")); // 3 business days after Friday
    assertThat(gap(result, "acme.paper-process").message())
        .isEqualTo(
            "Tailspin Airlines – crew scheduling is in negotiation with the paper process unknown (close date 2026-12-18)");
  }

  @Test
  void evaluate_discoveryWithoutPowerfulChampion_targetsTheCoach() {
    Evaluation result = evaluate("ACME-1009");

    assertThat(gap(result, "acme.champion-power").message())
        .isEqualTo(
            "Woodgrove Insurance – claims automation has no champion with medium or high power (0 champion(s) named)");
    assertThat(action(result, "acme.champion-power").target())
        .isEqualTo(new Action.Target("c1", "Priya Nair"));
    assertThat(action(result, "acme.meeting-follow-up").due())
        .isEqualTo(LocalDate.parse("2026-11-20"));
  }

  /**
   * The meeting was on Monday 2026-11-16 at 15:00 UTC; as of Friday 00:00 three days and nine hours
   * have passed, so three whole business days (as {@code days_since} counts three whole days, and
   * the meeting time plus 3bd is Thursday 15:00, before the evaluation time, while plus 4bd is
   * Friday 15:00, after it).
   */
  @Test
  void evaluate_meetingWithoutFollowUp_countsWholeBusinessDaysSinceTheMeeting() {
    Evaluation result = evaluate("ACME-1009");

    assertThat(gap(result, "acme.meeting-follow-up").message())
        .isEqualTo(
            "Woodgrove Insurance – claims automation: no follow-up after the meeting of 2026-11-16 15:00 UTC, "
                + "3 business days ago (service level: 2 business days)");
  }

  @Test
  void evaluate_staleSmallDeal_explainsTheSegmentThresholdInTheReason() {
    Evaluation result = evaluate("ACME-1010");

    Action stale = action(result, "acme.stale");
    assertThat(stale.title()).isEqualTo("Re-engage Litware: no activity for 16 days");
    assertThat(stale.reason())
        .isEqualTo(
            "Litware – e-learning licences is stale: last activity 2026-11-03 09:00 UTC, limit 7 days for smb deals at qualification");
    assertThat(stale.due()).isEqualTo(LocalDate.parse("2026-11-23"));
    assertThat(gap(result, "acme.stalled").message())
        .isEqualTo(
            "Litware – e-learning licences has been in qualification for 38 days (limit 21)");
  }

  @Test
  void evaluate_closedWonDeal_producesNothingDespiteOldWarningSigns() {
    Evaluation result = evaluate("ACME-1011");

    assertThat(result.gaps()).isEmpty();
    assertThat(result.actions()).isEmpty();
    assertThat(result.stageReadiness().keyNodes()).isEmpty();
  }

  // ------------------------------------------------------------------ the other deal formats

  @Test
  void readYaml_exampleDeal_evaluates() {
    List<Deal> read = Deals.read(Path.of("deals/deal-yaml-example.yaml"));

    assertThat(read).extracting(Deal::id).containsExactly("ACME-2001");
    Evaluation result = playbook.evaluate(read.get(0), AS_OF, ZH_CN);
    assertThat(result.gaps()).extracting(Gap::rule).containsExactly("acme.competition-known");
    assertThat(result.gaps().get(0).message()).isEqualTo("成都蓝海物流 – 仓储调度：没有记录任何竞争对手，连“维持现状”也没有");
    assertThat(result.actions()).extracting(Action::rule).containsExactly("acme.competition-known");
    assertThat(result.stageReadiness().ready()).isTrue();
  }

  @Test
  void readJsonLines_exampleDeals_evaluate() {
    List<Deal> read = Deals.read(Path.of("deals/deals.jsonl"));

    List<Evaluation> results = playbook.evaluateAll(read, AS_OF, Locale.ENGLISH);

    assertThat(results)
        .extracting(Evaluation::dealId)
        .containsExactly("ACME-3001", "ACME-3002", "ACME-3003");
    // a fresh hand-off (9 hours ago) is still within its 24-hour service level; it only lacks a
    // next step
    assertThat(results.get(0).gaps()).extracting(Gap::rule).containsExactly("acme.next-step");
    assertThat(results.get(0).actions()).extracting(Action::rule).containsExactly("acme.next-step");
    // closed deals are left alone
    assertThat(results.get(1).gaps()).isEmpty();
    assertThat(results.get(1).actions()).isEmpty();
    // in negotiation the stage threshold (7 days) wins over the enterprise one (21 days)
    assertThat(results.get(2).gaps()).isEmpty();
    assertThat(results.get(2).actions())
        .extracting(Action::rule, Action::title)
        .containsExactly(tuple("acme.stale", "Re-engage Proseware: no activity for 9 days"));
  }
}
