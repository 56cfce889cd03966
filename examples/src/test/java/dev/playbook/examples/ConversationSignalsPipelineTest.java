package dev.playbook.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Deals;
import dev.playbook.Playbook;
import dev.playbook.conversations.DealSignals;
import dev.playbook.conversations.PlaybookTrackers;
import dev.playbook.conversations.ReadLimits;
import dev.playbook.model.Deal;
import dev.playbook.model.EvidenceStatus;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Gap;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Four pipeline deals carry a call transcript or an e-mail in {@code transcripts/<deal>/}: their
 * evaluation with {@code standard-b2b} changes because of what was said, in English and Chinese.
 * Each test lists every gap before and after, and the whole message of each gap that changed.
 */
class ConversationSignalsPipelineTest {

  static final Instant AS_OF = Instant.parse("2026-11-20T00:00:00Z");
  static final Path TRANSCRIPTS = Path.of("transcripts");
  static final Playbook PLAYBOOK = Playbook.builtIn("standard-b2b");
  static final DealSignals SIGNALS = DealSignals.of(PlaybookTrackers.builtin());
  static final Locale ZH = Locale.forLanguageTag("zh-CN");
  static final Map<String, Deal> DEALS = new LinkedHashMap<>();

  static {
    Deals.read(Path.of("deals", "pipeline.json")).forEach(d -> DEALS.put(d.id(), d));
  }

  static List<String> rules(Deal deal) {
    return PLAYBOOK.evaluate(deal, AS_OF, Locale.ENGLISH).gaps().stream().map(Gap::rule).toList();
  }

  static String message(Deal deal, String rule, Locale locale) {
    Evaluation e = PLAYBOOK.evaluate(deal, AS_OF, locale);
    return e.gaps().stream()
        .filter(g -> g.rule().equals(rule))
        .map(Gap::message)
        .findFirst()
        .orElse("(no gap " + rule + ")");
  }

  static DealSignals.Enriched analysed(String id) {
    return SIGNALS.enrich(DEALS.get(id), TRANSCRIPTS, ReadLimits.DEFAULT);
  }

  @Test
  void sb02_procurementCall_closesMeddicPaperProcessGapWithSuggestedEvidence() {
    // given SB-02 in negotiation, with the paper process unknown
    Deal before = DEALS.get("SB-02");
    assertThat(rules(before))
        .containsExactly(
            "deal-risk.close-date-pushed",
            "meddic.paper-process-known",
            "miller-heiman.red-flag-at-negotiation");
    assertThat(message(before, "meddic.paper-process-known", Locale.ENGLISH))
        .isEqualTo(
            "华东制造集团 – MES 升级 is in negotiation with the paper process unknown: legal,"
                + " procurement and signature steps are not mapped (close date 2026-12-25, 35 days"
                + " away)");
    assertThat(message(before, "meddic.paper-process-known", ZH))
        .isEqualTo("华东制造集团 – MES 升级 已进入 谈判 阶段，但签约流程未知：法务、采购和签字环节都没有梳理（预计成交日期 2026年12月25日，还剩 35 天）");

    // when its call with the purchasing manager (speaker '周经理', mapped to contact c3 in
    // speakers.yaml) is analysed
    DealSignals.Enriched e = analysed("SB-02");

    // then the paper process is suggested with her words, and the gap closes
    assertThat(e.warnings()).isEmpty();
    assertThat(e.deal().evidence().get("meddic.paper_process").status())
        .isEqualTo(EvidenceStatus.SUGGESTED);
    assertThat(e.deal().evidence().get("meddic.paper_process").text())
        .isEqualTo(
            "call 2026-11-17 03:00, 0:16, 周婷 (buyer): \"我们的采购流程是这样：先由法务审核合同条款，然后王总签字，一般需要两周左右。\"");
    assertThat(rules(e.deal()))
        .containsExactly("deal-risk.close-date-pushed", "miller-heiman.red-flag-at-negotiation");
    assertThat(message(e.deal(), "meddic.paper-process-known", ZH))
        .isEqualTo("(no gap meddic.paper-process-known)");
  }

  @Test
  void sb02_withoutTheSpeakerMapping_reportsThePurchasingManagerAndLeavesHerWordsOut() {
    // given SB-02's call read without speakers.yaml
    Deal deal = DEALS.get("SB-02");
    DealSignals.Enriched e =
        SIGNALS.enrich(
            deal, DealSignals.readFolder(TRANSCRIPTS, deal, ReadLimits.DEFAULT), Map.of());

    // then nobody guesses who '周经理' is: she is reported, and her words suggest nothing
    assertThat(e.warnings())
        .extracting(p -> p.render())
        .containsExactly(
            Path.of("transcripts", "SB-02", "a12.txt")
                + ":2:1: unattributed-speaker: speaker '周经理' is neither the deal's owner nor one"
                + " of its contacts; map it to 'rep', 'buyer' or a contact id");
    // and the paper process rests on the rep's own question instead of the buyer's account
    assertThat(e.deal().evidence().get("meddic.paper_process").text())
        .isEqualTo("call 2026-11-17 03:00, 0:41, li.na (rep): \"法务审核需要我们提供哪些材料？\"");
  }

  @Test
  void sb05_callWherePricingCameUp_removesThePricingGap() {
    // given SB-05 at proposal, price not discussed
    Deal before = DEALS.get("SB-05");
    assertThat(rules(before))
        .containsExactly(
            "meddic.eb-identified", "meddic.single-threaded", "challenger.pricing-by-proposal");
    assertThat(message(before, "challenger.pricing-by-proposal", Locale.ENGLISH))
        .isEqualTo(
            "Meridian Bank – fraud analytics is at proposal (480,000 USD) and price has not been"
                + " discussed with Meridian Bank yet (pricing evidence: unknown)");
    assertThat(message(before, "challenger.pricing-by-proposal", ZH))
        .isEqualTo(
            "Meridian Bank – fraud analytics 已到 方案 阶段（480,000 USD），但还没有和 Meridian Bank 谈过价格（价格证据：未知）");

    // when its call is analysed
    Deal after = analysed("SB-05").deal();

    // then the pricing gap is gone; the rep's promise "I will send over the quote today" is a
    // next step of its own, due on the call's day, so it is now overdue
    assertThat(rules(after))
        .containsExactly(
            "meddic.eb-identified", "meddic.single-threaded", "deal-risk.next-step-overdue");
    assertThat(message(after, "deal-risk.next-step-overdue", Locale.ENGLISH))
        .isEqualTo(
            "Meridian Bank – fraud analytics: 1 open next step(s) overdue, the oldest was due"
                + " 2026-11-17 (3 days ago)");
    assertThat(message(after, "deal-risk.next-step-overdue", ZH))
        .isEqualTo("Meridian Bank – fraud analytics：有 1 个下一步已逾期，最早的截止日期是 2026年11月17日（已逾期 3 天）");
  }

  @Test
  void sb11_emailWithBudgetAndTimeline_closesBantQualificationWithSuggestedEvidence() {
    // given SB-11 at discovery with budget, authority and timeline unknown
    Deal before = DEALS.get("SB-11");
    assertThat(rules(before))
        .containsExactly("bant.qualification-exit", "meddic.champion-identified");
    assertThat(message(before, "bant.qualification-exit", Locale.ENGLISH))
        .isEqualTo(
            "Do not advance Quanta Software – developer tooling: it is at discovery with two or"
                + " more BANT elements unknown (budget unknown; authority unknown, decision makers"
                + " among the contacts: 0; need partial; timeline unknown)");
    assertThat(message(before, "bant.qualification-exit", ZH))
        .isEqualTo(
            "Quanta Software – developer tooling 不应继续推进：已到 需求挖掘 阶段，但 BANT 中有两项及以上未知（预算 未知；决策权 未知，联系人中的决策人 0 位；需求 部分确认；时间表 未知）");

    // when its e-mail is analysed
    Deal after = analysed("SB-11").deal();

    // then budget and timeline are suggested with the buyer's sentence, and the gap closes
    String quote =
        "email 2026-11-13 09:00, Kevin Moore (buyer): \"Hi Sam, We have budgeted 60k for this"
            + " in the first half of next year, and we want to go live before the new year if the"
            + " pilot works.\"";
    assertThat(after.evidence().get("bant.budget").status()).isEqualTo(EvidenceStatus.SUGGESTED);
    assertThat(after.evidence().get("bant.budget").text()).isEqualTo(quote);
    assertThat(after.evidence().get("bant.timeline").text()).isEqualTo(quote);
    assertThat(rules(after)).containsExactly("meddic.champion-identified");
  }

  @Test
  void sb14_chineseMeetingWithAgreedNextStep_closesTheBuyerCommitmentGap() {
    // given SB-14, whose only next step the buyer has not committed to
    Deal before = DEALS.get("SB-14");
    assertThat(rules(before)).containsExactly("standard-b2b.buyer-commitment");
    assertThat(message(before, "standard-b2b.buyer-commitment", Locale.ENGLISH))
        .isEqualTo(
            "上海东方食品 – 需求预测: 1 dated next step(s), the earliest on 2026-11-24, but the buyer"
                + " has committed to none of them");
    assertThat(message(before, "standard-b2b.buyer-commitment", ZH))
        .isEqualTo("上海东方食品 – 需求预测：有 1 个带日期的下一步（最早在 2026年11月24日），但客户一个也没有承诺");

    // when its meeting is analysed
    Deal after = analysed("SB-14").deal();

    // then "下周二" (next Tuesday after the 17th) is a next step the buyer agreed to ("好的，没问题。")
    assertThat(after.nextSteps().get(after.nextSteps().size() - 1))
        .satisfies(
            n -> {
              assertThat(n.title()).isEqualTo("下一步我们下周二安排演示吧，请马经理也参加。");
              assertThat(n.due()).hasToString("2026-11-24");
              assertThat(n.buyerCommitment()).isTrue();
            });
    // and the commitment gap closes; the buyer's pain without an explicit need is a SPIN gap now
    assertThat(rules(after)).containsExactly("spin.implied-needs-only");
    assertThat(message(after, "spin.implied-needs-only", Locale.ENGLISH))
        .isEqualTo(
            "上海东方食品 – 需求预测: the buyer has voiced implied needs in 1 call(s) but no explicit"
                + " need yet");
    assertThat(message(after, "spin.implied-needs-only", ZH))
        .isEqualTo("上海东方食品 – 需求预测：客户已在 1 次通话中流露出隐含需求，但还没有说出明确需求");
  }

  @Test
  void sb14_withoutAnyNextStep_theDetectedNextStepSatisfiesTheNextStepRule() {
    // given SB-14 with no next step at all
    Deal before = DEALS.get("SB-14").toBuilder().nextSteps(List.of()).build();
    assertThat(rules(before)).containsExactly("standard-b2b.next-step");
    assertThat(message(before, "standard-b2b.next-step", Locale.ENGLISH))
        .isEqualTo("上海东方食品 – 需求预测 has no dated next step (0 open step(s), none with a due date)");
    assertThat(message(before, "standard-b2b.next-step", ZH))
        .isEqualTo("上海东方食品 – 需求预测 没有带日期的下一步（未完成步骤 0 个，均没有截止日期）");

    // when its meeting is analysed
    Deal after = SIGNALS.enrich(before, TRANSCRIPTS, ReadLimits.DEFAULT).deal();

    // then the next step found in the meeting satisfies the rule
    assertThat(rules(after)).containsExactly("spin.implied-needs-only");
  }

  @Test
  void pipeline_dealWithoutConversations_isLeftAsItIs() {
    Deal deal = DEALS.get("SB-01");
    assertThat(analysed("SB-01").deal()).isEqualTo(deal);
    assertThat(analysed("SB-01").analyses()).isEmpty();
  }
}
