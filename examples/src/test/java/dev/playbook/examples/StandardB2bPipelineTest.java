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
import java.util.LinkedHashMap;
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
 * The built-in company playbook {@code standard-b2b} evaluated over the example pipeline in {@code
 * deals/pipeline.json}, as of 2026-11-20 (a Friday). Each deal is built to show particular
 * findings; {@code examples/README.md} describes what a sales manager sees for each one.
 */
class StandardB2bPipelineTest {

  static final Instant AS_OF = Instant.parse("2026-11-20T00:00:00Z");
  static final Locale ZH_CN = Locale.forLanguageTag("zh-CN");

  static Playbook playbook;
  static Map<String, Deal> deals;

  /**
   * The rules each pipeline deal must fire, gaps and actions each in the order the engine ranks
   * them.
   */
  record Expected(String dealId, List<String> gaps, List<String> actions) {}

  static final List<Expected> EXPECTED =
      List.of(
          new Expected("SB-01", List.of(), List.of()),
          new Expected(
              "SB-02",
              List.of(
                  "deal-risk.close-date-pushed",
                  "meddic.paper-process-known",
                  "miller-heiman.red-flag-at-negotiation"),
              List.of(
                  "meddic.paper-process-known",
                  "miller-heiman.red-flag-at-negotiation",
                  "deal-risk.close-date-pushed")),
          new Expected(
              "SB-03",
              List.of("standard-b2b.first-contact-sla"),
              List.of("standard-b2b.first-contact-sla")),
          new Expected(
              "SB-04",
              List.of("deal-risk.ghosted", "deal-risk.next-step-overdue"),
              List.of("deal-risk.ghosted", "deal-risk.next-step-overdue")),
          new Expected(
              "SB-05",
              List.of(
                  "meddic.eb-identified",
                  "meddic.single-threaded",
                  "challenger.pricing-by-proposal"),
              List.of(
                  "meddic.eb-identified",
                  "challenger.pricing-by-proposal",
                  "meddic.single-threaded")),
          new Expected(
              "SB-06",
              List.of(
                  "spin.demo-before-implication",
                  "standard-b2b.meeting-follow-up",
                  "spin.situation-heavy-call"),
              List.of(
                  "standard-b2b.meeting-follow-up",
                  "spin.demo-before-implication",
                  "spin.situation-heavy-call")),
          new Expected("SB-07", List.of(), List.of("bant.nurture")),
          new Expected(
              "SB-08",
              List.of("deal-risk.close-date-past", "deal-risk.no-activity"),
              List.of("deal-risk.close-date-past", "deal-risk.no-activity")),
          new Expected(
              "SB-09",
              List.of("miller-heiman.key-influence-timing-off", "challenger.delay-accepted"),
              List.of("challenger.delay-accepted", "miller-heiman.key-influence-timing-off")),
          new Expected("SB-10", List.of(), List.of()),
          new Expected(
              "SB-11",
              List.of("bant.qualification-exit", "meddic.champion-identified"),
              List.of(
                  "bant.qualification-exit",
                  "meddic.champion-identified",
                  "bant.authority-introduction")),
          new Expected(
              "SB-12",
              List.of("spin.continuations-in-a-row", "deal-risk.stalled"),
              List.of("spin.continuations-in-a-row", "deal-risk.stalled")),
          new Expected("SB-13", List.of(), List.of()),
          new Expected(
              "SB-14",
              List.of("standard-b2b.buyer-commitment"),
              List.of("standard-b2b.buyer-commitment")));

  /**
   * Each deal's stage readiness: the key node of its stage and whether each exit criterion is met.
   */
  static final Map<String, List<Map.Entry<String, Boolean>>> READINESS = new LinkedHashMap<>();

  static {
    READINESS.put(
        "SB-01",
        List.of(
            Map.entry("eb_met", true),
            Map.entry("criteria_confirmed", true),
            Map.entry("pricing_discussed", true)));
    READINESS.put(
        "SB-02",
        List.of(
            Map.entry("paper_process_confirmed", false), Map.entry("commitment_to_sign", false)));
    READINESS.put(
        "SB-03", List.of(Map.entry("bant_known", true), Map.entry("sql_accepted", false)));
    READINESS.put(
        "SB-04",
        List.of(
            Map.entry("pain_confirmed", false),
            Map.entry("champion_identified", true),
            Map.entry("next_step_dated", false)));
    READINESS.put(
        "SB-05",
        List.of(
            Map.entry("eb_met", false),
            Map.entry("criteria_confirmed", true),
            Map.entry("pricing_discussed", false)));
    READINESS.put(
        "SB-06",
        List.of(
            Map.entry("pain_confirmed", false),
            Map.entry("champion_identified", true),
            Map.entry("next_step_dated", true)));
    READINESS.put(
        "SB-07",
        List.of(
            Map.entry("contact_named", true),
            Map.entry("buyer_responded", true),
            Map.entry("meeting_booked", false)));
    READINESS.put(
        "SB-08",
        List.of(
            Map.entry("paper_process_confirmed", false), Map.entry("commitment_to_sign", true)));
    READINESS.put(
        "SB-09",
        List.of(
            Map.entry("pain_confirmed", true),
            Map.entry("champion_identified", true),
            Map.entry("next_step_dated", true)));
    READINESS.put("SB-10", List.of());
    READINESS.put(
        "SB-11",
        List.of(
            Map.entry("pain_confirmed", false),
            Map.entry("champion_identified", false),
            Map.entry("next_step_dated", true)));
    READINESS.put(
        "SB-12",
        List.of(
            Map.entry("eb_met", true),
            Map.entry("criteria_confirmed", true),
            Map.entry("pricing_discussed", true)));
    READINESS.put("SB-13", List.of());
    READINESS.put("SB-14", List.of(Map.entry("bant_known", true), Map.entry("sql_accepted", true)));
  }

  @BeforeAll
  static void loadPlaybookAndDeals() {
    playbook = Playbook.builtIn("standard-b2b");
    deals =
        Deals.read(Path.of("deals/pipeline.json")).stream()
            .collect(
                Collectors.toMap(Deal::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
  }

  static Evaluation evaluate(String dealId) {
    return playbook.evaluate(deals.get(dealId), AS_OF);
  }

  static Evaluation evaluateInChinese(String dealId) {
    return playbook.evaluate(deals.get(dealId), AS_OF, ZH_CN);
  }

  // ------------------------------------------------------------------ the playbook and the file

  @Test
  void builtIn_standardB2b_extendsTheMethodologiesWithoutTheirDuplicates() {
    assertThat(playbook.id()).isEqualTo("standard-b2b");
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
        .contains(
            "meddic.eb-identified",
            "spin.demo-before-implication",
            "challenger.pricing-by-proposal",
            "miller-heiman.key-influence-timing-off",
            "bant.qualification-exit",
            "deal-risk.ghosted",
            "standard-b2b.first-contact-sla",
            "standard-b2b.meeting-follow-up",
            "standard-b2b.next-step",
            "standard-b2b.buyer-commitment")
        .doesNotContain(
            "miller-heiman.economic-influence",
            "miller-heiman.coach",
            "miller-heiman.dated-commitment",
            "meddic.decision-milestone",
            "meddic.close-date-pushed",
            "bant.need-confirmed",
            "spin.explicit-need-by-proposal",
            "spin.need-payoff-before-proposal",
            "challenger.solution-before-teaching",
            "deal-risk.pricing-not-discussed",
            "deal-risk.few-contacts",
            "deal-risk.no-power");
  }

  @Test
  void expectations_coverEveryDealInThePipeline() {
    assertThat(EXPECTED).extracting(Expected::dealId).containsExactlyElementsOf(deals.keySet());
    assertThat(READINESS.keySet()).containsExactlyElementsOf(deals.keySet());
  }

  @TestFactory
  Stream<DynamicTest> evaluate_eachPipelineDeal_firesExactlyItsRules() {
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

  @TestFactory
  Stream<DynamicTest> evaluate_eachPipelineDeal_reportsTheExitCriteriaOfItsStage() {
    return READINESS.entrySet().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.getKey(),
                    () -> {
                      StageReadiness readiness = evaluate(e.getKey()).stageReadiness();

                      List<Map.Entry<String, Boolean>> criteria =
                          readiness.keyNodes().stream()
                              .flatMap(k -> k.criteria().stream())
                              .map(c -> Map.entry(c.id(), c.met()))
                              .toList();
                      assertThat(criteria)
                          .as("exit criteria of %s", e.getKey())
                          .containsExactlyElementsOf(e.getValue());
                      assertThat(readiness.keyNodes())
                          .as("one key node per open stage")
                          .hasSize(e.getValue().isEmpty() ? 0 : 1);
                    }));
  }

  @Test
  void evaluateAll_inChinese_givesTheSameRulesAsOneDealAtATimeInEnglish() {
    List<Evaluation> all = playbook.evaluateAll(deals.values(), AS_OF, ZH_CN);

    assertThat(all).extracting(Evaluation::dealId).containsExactlyElementsOf(deals.keySet());
    for (Evaluation batch : all) {
      Evaluation single = evaluate(batch.dealId());
      assertThat(batch.gaps())
          .extracting(Gap::rule)
          .isEqualTo(single.gaps().stream().map(Gap::rule).toList());
      assertThat(batch.actions())
          .extracting(Action::rule)
          .isEqualTo(single.actions().stream().map(Action::rule).toList());
    }
  }

  // ------------------------------------------------------------------ one deal at a time

  @Test
  void evaluate_healthyProposal_hasNothingToDoAndIsReadyToAdvance() {
    Evaluation result = evaluate("SB-01");

    assertThat(result.gaps()).isEmpty();
    assertThat(result.actions()).isEmpty();
    assertThat(result.scorecards())
        .extracting(Scorecard::methodology)
        .containsExactly(
            "meddic", "spin", "challenger", "miller_heiman", "bant", "deal_risk", "sop");
    assertThat(result.scorecards())
        .extracting(Scorecard::methodology, Scorecard::percent)
        .containsExactly(
            tuple("meddic", 94),
            tuple("spin", 100),
            tuple("challenger", 100),
            tuple("miller_heiman", 100),
            tuple("bant", 100),
            tuple("deal_risk", 100),
            tuple("sop", 100));
    assertThat(result.stageReadiness().keyNodes())
        .extracting(StageReadiness.KeyNode::id)
        .containsExactly("sop_proposal_done");
    assertThat(result.stageReadiness().ready()).isTrue();
  }

  @Test
  void evaluate_enterpriseNegotiationSlipping_reQualifiesTheTimelineWithTheEconomicBuyer() {
    Evaluation result = evaluate("SB-02");

    Gap pushed = gap(result, "deal-risk.close-date-pushed");
    assertThat(pushed.severity()).isEqualTo(Severity.HIGH);
    assertThat(pushed.message())
        .isEqualTo(
            "华东制造集团 – MES 升级: close date pushed 2 times (first planned for 2026-10-30, now 2026-12-25)");
    assertThat(pushed.methodology()).isEqualTo("deal_risk");
    assertThat(pushed.element()).isEqualTo("close_date");
    Action timeline = action(result, "deal-risk.close-date-pushed");
    assertThat(timeline.title())
        .isEqualTo("Re-qualify the timeline with 华东制造集团: work back from their go-live date");
    assertThat(timeline.target()).isEqualTo(new Action.Target("c1", "王建国"));
    assertThat(timeline.due())
        .isEqualTo(LocalDate.parse("2026-11-24")); // 2 business days after Friday
    assertThat(timeline.talkTrack())
        .startsWith("The date has moved a few times, so let's work back");
    assertThat(action(result, "meddic.paper-process-known").target())
        .isEqualTo(new Action.Target("c2", "刘洋"));
    assertThat(result.stageReadiness().ready()).isFalse();
    assertThat(scorecard(result, "deal_risk").elements())
        .filteredOn(e -> e.id().equals("close_date"))
        .extracting(Scorecard.Element::gaps)
        .containsExactly(List.of("deal-risk.close-date-pushed"));
  }

  @Test
  void evaluate_enterpriseNegotiationSlipping_inChinese() {
    Evaluation result = evaluateInChinese("SB-02");

    assertThat(gap(result, "deal-risk.close-date-pushed").message())
        .isEqualTo("华东制造集团 – MES 升级：预计成交日期已推迟 2 次（最初定在 2026年10月30日，现为 2026年12月25日）");
    Action timeline = action(result, "deal-risk.close-date-pushed");
    assertThat(timeline.title()).isEqualTo("与 华东制造集团 重新确认时间表：从客户的上线日期倒推");
    assertThat(timeline.talkTrack()).startsWith("时间已经推迟了几次，我们从您需要的上线日期倒推一下");
    assertThat(scorecard(result, "sop").title()).isEqualTo("销售标准流程（SOP）");
    assertThat(result.stageReadiness().keyNodes().get(0).title()).isEqualTo("可以签约");
  }

  @Test
  void evaluate_handOffNotCalledFor38Hours_callsTheDecisionMakerToday() {
    Evaluation result = evaluate("SB-03");

    Gap sla = gap(result, "standard-b2b.first-contact-sla");
    assertThat(sla.severity()).isEqualTo(Severity.HIGH);
    assertThat(sla.message())
        .isEqualTo(
            "杭州数智零售 – 会员营销平台: nobody has contacted the buyer since the SQL hand-off "
                + "38 hours ago (service level: first contact within 24h)");
    assertThat(sla.methodology()).isEqualTo("sop");
    assertThat(sla.element()).isEqualTo("first_contact");
    Action call = action(result, "standard-b2b.first-contact-sla");
    assertThat(call.title()).isEqualTo("Call 杭州数智零售 today: the SQL hand-off was 38 hours ago");
    assertThat(call.priority()).isEqualTo(95);
    assertThat(call.due()).isEqualTo(LocalDate.parse("2026-11-20"));
    assertThat(call.target()).isEqualTo(new Action.Target("c1", "陈晓"));
    assertThat(call.talkTrack()).startsWith("Thanks for your time.");
    assertThat(result.stageReadiness().keyNodes().get(0).criteria())
        .extracting(StageReadiness.Criterion::id, StageReadiness.Criterion::met)
        .containsExactly(tuple("bant_known", true), tuple("sql_accepted", false));
    assertThat(scorecard(result, "sop").elements())
        .extracting(Scorecard.Element::id, Scorecard.Element::status, Scorecard.Element::gaps)
        .containsExactly(
            tuple(
                "first_contact", EvidenceStatus.UNKNOWN, List.of("standard-b2b.first-contact-sla")),
            tuple("meeting_follow_up", EvidenceStatus.CONFIRMED, List.of()),
            tuple("next_step", EvidenceStatus.CONFIRMED, List.of()));
  }

  @Test
  void evaluate_handOffNotCalled_inChinese() {
    Evaluation result = evaluateInChinese("SB-03");

    assertThat(gap(result, "standard-b2b.first-contact-sla").message())
        .isEqualTo("杭州数智零售 – 会员营销平台：销售合格线索交接已过去 38 小时，仍没有人联系客户（服务标准：24 小时 内首次联系）");
    Action call = action(result, "standard-b2b.first-contact-sla");
    assertThat(call.title()).isEqualTo("今天就致电 杭州数智零售：销售合格线索交接已过去 38 小时");
    assertThat(call.talkTrack())
        .isEqualTo(
            "感谢您抽出时间。您之前和我们团队沟通的内容我都看过了。在介绍我们之前，想先请教："
                + "为什么现在要解决这个问题？到年底，什么样的结果对您来说算是成功？如果今天聊完觉得合适，我们就把下一步定下来。");
  }

  @Test
  void evaluate_ghostedDeal_goesAroundTheQuietChampionAndResetsTheOverdueStep() {
    Evaluation result = evaluate("SB-04");

    assertThat(gap(result, "deal-risk.ghosted").message())
        .isEqualTo(
            "Brightwave Media – digital asset management looks "
                + "ghosted: 3 outbound touches since the buyer last responded 15 days ago (ghosted from 3 touches)");
    Action ghosted = action(result, "deal-risk.ghosted");
    assertThat(ghosted.target()).isEqualTo(new Action.Target("c1", "Laura Chen"));
    assertThat(ghosted.due()).isEqualTo(LocalDate.parse("2026-11-23"));
    assertThat(gap(result, "deal-risk.next-step-overdue").message())
        .isEqualTo(
            "Brightwave Media – digital asset management: 1 open next step(s) overdue, the oldest was due 2026-11-11 (9 days ago)");
    assertThat(action(result, "deal-risk.next-step-overdue").target())
        .isEqualTo(new Action.Target("c2", "Priya Raman"));
    // the company's deal-risk scorecard leaves out contacts, power and pricing (MEDDIC's and
    // Challenger's here)
    assertThat(scorecard(result, "deal_risk").elements())
        .extracting(Scorecard.Element::id, Scorecard.Element::status, Scorecard.Element::gaps)
        .containsExactly(
            tuple("activity", EvidenceStatus.CONFIRMED, List.of()),
            tuple("responsiveness", EvidenceStatus.UNKNOWN, List.of("deal-risk.ghosted")),
            tuple("next_step", EvidenceStatus.UNKNOWN, List.of("deal-risk.next-step-overdue")),
            tuple("stage_velocity", EvidenceStatus.CONFIRMED, List.of()),
            tuple("close_date", EvidenceStatus.CONFIRMED, List.of()));
    assertThat(scorecard(result, "deal_risk").percent()).isEqualTo(60);
  }

  @Test
  void evaluate_ghostedDeal_inChinese() {
    Evaluation result = evaluateInChinese("SB-04");

    assertThat(gap(result, "deal-risk.ghosted").message())
        .isEqualTo(
            "Brightwave Media – digital asset management 疑似失联："
                + "客户 15 天前最后一次回应，此后已连续外联 3 次未获回复（达到 3 次即视为失联）");
    assertThat(action(result, "deal-risk.ghosted").title())
        .isEqualTo("换人、换渠道：联系 Brightwave Media 的其他人，而不是一直不回复的那位");
  }

  @Test
  void evaluate_enterpriseProposalWithoutEconomicBuyer_usesTheEnterpriseThreadingThreshold() {
    Evaluation result = evaluate("SB-05");

    assertThat(gap(result, "meddic.single-threaded").severity()).isEqualTo(Severity.HIGH);
    assertThat(gap(result, "meddic.single-threaded").message())
        .contains("enterprise deals from 30,000 need 3");
    assertThat(action(result, "meddic.eb-identified").target())
        .isEqualTo(new Action.Target("c1", "Marcus Hale"));
    assertThat(result.stageReadiness().keyNodes().get(0).criteria())
        .extracting(StageReadiness.Criterion::id, StageReadiness.Criterion::met)
        .containsExactly(
            tuple("eb_met", false),
            tuple("criteria_confirmed", true),
            tuple("pricing_discussed", false));
  }

  @Test
  void evaluate_demoWithoutFollowUp_sendsTheRecapToday() {
    Evaluation result = evaluate("SB-06");

    assertThat(gap(result, "standard-b2b.meeting-follow-up").message())
        .isEqualTo(
            "深圳云启科技 – 研发协同平台: nothing has "
                + "gone to the buyer since the last meeting 3 business days ago (service level: follow-up within 2 business days)");
    Action recap = action(result, "standard-b2b.meeting-follow-up");
    assertThat(recap.due()).isEqualTo(LocalDate.parse("2026-11-20"));
    assertThat(recap.target()).isEqualTo(new Action.Target("c1", "林海"));
    assertThat(recap.talkTrack()).startsWith("Thanks for today. Here is what I heard");
    assertThat(gap(result, "spin.situation-heavy-call").severity()).isEqualTo(Severity.LOW);
  }

  @Test
  void evaluate_demoWithoutFollowUp_inChinese() {
    Evaluation result = evaluateInChinese("SB-06");

    assertThat(gap(result, "standard-b2b.meeting-follow-up").message())
        .isEqualTo("深圳云启科技 – 研发协同平台：上次会议已过去 " + "3 个工作日，仍没有向客户发出任何跟进（服务标准：2 个工作日内跟进）");
    assertThat(action(result, "standard-b2b.meeting-follow-up").talkTrack())
        .isEqualTo("感谢今天的交流。以下是我的理解：您的目标、您提到的顾虑，以及我们约定的下一步和日期。有遗漏或理解不对的地方吗？");
  }

  @Test
  void evaluate_prospectWithASpringTimeline_isANurtureActionNotAGap() {
    Evaluation result = evaluate("SB-07");

    assertThat(result.gaps()).isEmpty();
    assertThat(action(result, "bant.nurture").target())
        .isEqualTo(new Action.Target("c1", "Ben Carter"));
    assertThat(result.stageReadiness().ready()).isFalse();
  }

  @Test
  void evaluate_negotiationPastItsCloseDate_asksForARealDateAndUsesTheNegotiationThreshold() {
    Evaluation result = evaluate("SB-08");

    assertThat(gap(result, "deal-risk.close-date-past").message())
        .isEqualTo(
            "成都天府物流 – 仓储管理系统 is still open at negotiation, but its close date 2026-11-13 passed 7 days ago");
    Action date = action(result, "deal-risk.close-date-past");
    assertThat(date.title())
        .isEqualTo("Set a real close date for 成都天府物流 – 仓储管理系统 with the buyer, or close it as lost");
    assertThat(date.priority()).isEqualTo(85);
    assertThat(date.target()).isEqualTo(new Action.Target("c2", "李娜"));
    // in negotiation the stage threshold (7 days) wins over the default of 14
    assertThat(gap(result, "deal-risk.no-activity").message())
        .isEqualTo(
            "成都天府物流 – 仓储管理系统 has had no activity for 9 days (limit 7 days for mid_market deals in negotiation)");
  }

  @Test
  void evaluate_negotiationPastItsCloseDate_inChinese() {
    Evaluation result = evaluateInChinese("SB-08");

    assertThat(gap(result, "deal-risk.close-date-past").message())
        .isEqualTo("成都天府物流 – 仓储管理系统 仍处于 谈判 阶段，但预计成交日期 2026年11月13日 已过去 7 天");
    assertThat(action(result, "deal-risk.no-activity").title()).isEqualTo("重新联系 成都天府物流：已 9 天没有跟进");
    assertThat(action(result, "deal-risk.close-date-past").talkTrack())
        .isEqualTo("我们原定的日期已经过了。目前决策进展到哪一步？现在双方应该按哪个日期来安排？");
  }

  @Test
  void evaluate_economicBuyerInEvenKeel_buildsUrgencyWithTheCoo() {
    Evaluation result = evaluate("SB-09");

    assertThat(gap(result, "miller-heiman.key-influence-timing-off").severity())
        .isEqualTo(Severity.HIGH);
    assertThat(action(result, "miller-heiman.key-influence-timing-off").target())
        .isEqualTo(new Action.Target("c1", "Robert Lang"));
    assertThat(result.stageReadiness().ready()).isTrue();
  }

  @Test
  void evaluate_closedDeals_produceNothingDespiteOldWarningSigns() {
    for (String id : List.of("SB-10", "SB-13")) {
      Evaluation result = evaluate(id);

      assertThat(result.gaps()).as("gaps of %s", id).isEmpty();
      assertThat(result.actions()).as("actions of %s", id).isEmpty();
      assertThat(result.stageReadiness().keyNodes()).as("key nodes of %s", id).isEmpty();
    }
  }

  @Test
  void evaluate_dealAdvancedOnAnInfluencer_asksForTheSignerWithTheCompanyTalkTrack() {
    Evaluation result = evaluate("SB-11");

    Action intro = action(result, "bant.authority-introduction");
    assertThat(intro.title())
        .isEqualTo(
            "Ask your contact at Quanta Software for an introduction to the person who signs off");
    assertThat(intro.reason())
        .isEqualTo(
            "Quanta Software – developer tooling is at discovery and the only authority known is "
                + "influence: 1 influencer(s), no economic buyer or decision maker among 1 contact(s)");
    assertThat(intro.talkTrack())
        .startsWith("Decisions of this size usually land with someone who owns the budget.");
    assertThat(intro.target()).isEqualTo(new Action.Target("c1", "Kevin Moore"));
  }

  @Test
  void evaluate_proposalStuckInContinuations_plansAMutualActionPlan() {
    Evaluation result = evaluate("SB-12");

    assertThat(gap(result, "deal-risk.stalled").message())
        .isEqualTo(
            "Atlas Insurance – claims portal has been in proposal for 41 days (limit 30 days for mid_market deals in proposal)");
    Action plan = action(result, "deal-risk.stalled");
    assertThat(plan.title())
        .isEqualTo(
            "Agree a mutual action plan with Atlas Insurance to move past proposal: steps, owners and dates");
    assertThat(plan.target()).isEqualTo(new Action.Target("c1", "Grace Liu"));
    assertThat(result.stageReadiness().ready()).isTrue();
  }

  @Test
  void evaluate_nextStepOnlyTheRepCommittedTo_isALowGap() {
    Evaluation result = evaluate("SB-14");

    Gap commitment = gap(result, "standard-b2b.buyer-commitment");
    assertThat(commitment.severity()).isEqualTo(Severity.LOW);
    assertThat(commitment.message())
        .isEqualTo(
            "上海东方食品 – 需求预测: 1 dated next step(s), the earliest on 2026-11-24, but the buyer has committed to none of them");
    assertThat(evaluateInChinese("SB-14").gaps().get(0).message())
        .isEqualTo("上海东方食品 – 需求预测：有 1 个带日期的下一步（最早在 2026年11月24日），但客户一个也没有承诺");
    assertThat(action(result, "standard-b2b.buyer-commitment").talkTrack())
        .startsWith("Before we hang up:");
    assertThat(result.stageReadiness().ready()).isTrue();
  }
}
