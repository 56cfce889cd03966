package dev.playbook.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.playbook.Playbook;
import dev.playbook.model.Activity;
import dev.playbook.model.ActivityType;
import dev.playbook.model.BuyingRole;
import dev.playbook.model.Contact;
import dev.playbook.model.Deal;
import dev.playbook.model.Evidence;
import dev.playbook.model.EvidenceStatus;
import dev.playbook.model.NextStep;
import dev.playbook.model.NextStepStatus;
import dev.playbook.model.Signals;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Gap;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A deal's conversations become facts, and the built-in rules see them: en and zh-CN deals whose
 * evaluation with {@code standard-b2b} changes because of one call.
 */
class DealSignalsTest {

  static final Playbook STANDARD = Playbook.builtIn("standard-b2b");
  static final DealSignals SIGNALS = DealSignals.of(PlaybookTrackers.builtin());
  static final Instant AS_OF = Instant.parse("2026-11-20T00:00:00Z");

  static final String CALL_EN =
      """
      WEBVTT

      00:00:05.000 --> 00:00:12.000
      <v Maya Chen>Thanks for the time, Daniel. How many people in your team handle the invoices today?

      00:00:13.000 --> 00:00:25.000
      <v Daniel Reed>About twelve. The close always takes too long and it is frustrating.

      00:00:26.000 --> 00:00:33.000
      <v Maya Chen>What impact does a late close have on your reporting?

      00:12:41.000 --> 00:12:48.000
      <v Daniel Reed>What would this cost for the whole team? We have budgeted forty thousand.

      00:12:50.000 --> 00:13:00.000
      <v Maya Chen>Our pricing is per seat. As a next step, shall we book a demo next Tuesday?

      00:13:01.000 --> 00:13:04.000
      <v Daniel Reed>Yes, Tuesday works.
      """;

  static final String CALL_ZH =
      """
      [
        {"speaker": "王伟", "start": 5, "end": 12, "text": "你们现在用哪个系统做对账？"},
        {"speaker": "李娜", "start": 13, "end": 25, "text": "用表格，结账太慢了。"},
        {"speaker": "王伟", "start": 26, "end": 33, "text": "对账延迟对季度报告有什么影响？"},
        {"speaker": "李娜", "start": 761, "end": 768, "text": "全团队用的话多少钱？今年这块的预算是四十万。"},
        {"speaker": "王伟", "start": 770, "end": 780, "text": "按席位报价。下一步我们下周二安排演示吧。"},
        {"speaker": "李娜", "start": 781, "end": 784, "text": "好的，没问题。"}
      ]
      """;

  static Deal deal(String owner, String contact, String account) {
    return Deal.builder("d1", "proposal")
        .name(account + " finance")
        .account(account)
        .owner(owner)
        .amount(new BigDecimal("40000"))
        .contacts(
            List.of(
                new Contact(
                    "c1", contact, "CFO", EnumSet.of(BuyingRole.ECONOMIC_BUYER), null, null, null)))
        .activities(
            List.of(
                Activity.builder("a1", ActivityType.CALL, Instant.parse("2026-11-17T14:00:00Z"))
                    .contactIds("c1")
                    .build()))
        .build();
  }

  static Conversation read(String file, String text) {
    return Transcripts.read(file, text.getBytes(StandardCharsets.UTF_8));
  }

  static List<String> gaps(Evaluation e) {
    return e.gaps().stream().map(Gap::rule).toList();
  }

  @Test
  void enrich_englishCall_closesPricingBudgetAndNextStepGaps() {
    // given a proposal-stage deal with one call and nothing written down
    Deal deal = deal("Maya Chen", "Daniel Reed", "Acme");
    Evaluation before = STANDARD.evaluate(deal, AS_OF);

    // when its call transcript is analysed
    DealSignals.Enriched e = SIGNALS.enrich(deal, Map.of("a1", read("a1.vtt", CALL_EN)), Map.of());
    Evaluation after = STANDARD.evaluate(e.deal(), AS_OF);

    // then pricing, budget and the next step are no longer gaps
    assertThat(gaps(before))
        .contains("challenger.pricing-by-proposal", "bant.budget-known", "standard-b2b.next-step");
    assertThat(gaps(after))
        .doesNotContain(
            "challenger.pricing-by-proposal", "bant.budget-known", "standard-b2b.next-step");
    assertThat(e.warnings()).isEmpty();

    // and the budget is suggested evidence with the quote and where it was said
    Evidence budget = e.deal().evidence().get("bant.budget");
    assertThat(budget.status()).isEqualTo(EvidenceStatus.SUGGESTED);
    assertThat(budget.text())
        .isEqualTo(
            "call 2026-11-17 14:00, 12:41, Daniel Reed (buyer): \"We have budgeted forty"
                + " thousand.\"");
    assertThat(budget.updatedAt()).isEqualTo(Instant.parse("2026-11-17T14:12:41Z"));

    // and the next step is resolved against the call's date, committed by the buyer
    assertThat(e.deal().nextSteps())
        .containsExactly(
            new NextStep(
                "As a next step, shall we book a demo next Tuesday?",
                LocalDate.parse("2026-11-24"),
                "Maya Chen",
                NextStepStatus.OPEN,
                true));

    // and the SPIN counts and tags the rules read are filled from the hits
    Activity call = e.deal().activities().get(0);
    assertThat(call.tags()).contains("pricing", "implied_need");
    assertThat(call.counts())
        .containsEntry("situation_questions", BigDecimal.ONE)
        .containsEntry("implication_questions", BigDecimal.ONE)
        .containsEntry("problem_questions", BigDecimal.ZERO);
  }

  @Test
  void enrich_chineseCall_closesTheSameGaps() {
    // given the same deal in Chinese
    Deal deal = deal("王伟", "李娜", "华信");
    Evaluation before = STANDARD.evaluate(deal, AS_OF, Locale.SIMPLIFIED_CHINESE);

    // when its call, a JSON transcript, is analysed
    DealSignals.Enriched e = SIGNALS.enrich(deal, Map.of("a1", read("a1.json", CALL_ZH)), Map.of());
    Evaluation after = STANDARD.evaluate(e.deal(), AS_OF, Locale.SIMPLIFIED_CHINESE);

    // then the same gaps close
    assertThat(gaps(before))
        .contains("challenger.pricing-by-proposal", "bant.budget-known", "standard-b2b.next-step");
    assertThat(gaps(after))
        .doesNotContain(
            "challenger.pricing-by-proposal", "bant.budget-known", "standard-b2b.next-step");
    assertThat(e.deal().evidence().get("bant.budget").text())
        .isEqualTo("call 2026-11-17 14:00, 12:41, 李娜 (buyer): \"今年这块的预算是四十万。\"");
    assertThat(e.deal().nextSteps())
        .extracting(NextStep::due, NextStep::buyerCommitment)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-11-24"), true));
    assertThat(e.deal().activities().get(0).counts())
        .containsEntry("situation_questions", BigDecimal.ONE)
        .containsEntry("implication_questions", BigDecimal.ONE);
  }

  @Test
  void conditions_readMetricsAndHitsOfAnalysedActivities() {
    // given a playbook whose rules read the new activity fields
    Playbook p =
        Playbook.parse(
            "signals.yaml",
            """
            playbook: signals
            title: { en: Signals }
            stages: [discovery, proposal, closed_won, closed_lost]
            rules:
              - id: buyer-asked-price
                title: { en: The buyer asked about price }
                when: any(activities, buyer_hits.pricing > 0 and rep_hits.competitor == 0)
                gap: { severity: low, message: { en: "ratio {max(activities, talk_ratio, type == call)}" } }
              - id: rep-talks-too-much
                title: { en: The rep talks too much }
                when: max(activities, talk_ratio, type == call) > 0.6
                gap: { severity: low, message: { en: too much } }
              - id: not-analysed
                title: { en: Nothing analysed }
                when: none(activities, hits.pricing is present)
                gap: { severity: low, message: { en: nothing } }
            """);
    Deal deal = deal("Maya Chen", "Daniel Reed", "Acme");

    // when the deal is evaluated before and after its call is analysed
    Evaluation before = p.evaluate(deal, AS_OF);
    Evaluation after =
        p.evaluate(
            SIGNALS.enrich(deal, Map.of("a1", read("a1.vtt", CALL_EN)), Map.of()).deal(), AS_OF);

    // then only the analysed deal has hits; talk ratio is rep 24 s of 46 s
    assertThat(gaps(before)).containsExactly("not-analysed");
    assertThat(gaps(after)).containsExactly("buyer-asked-price");
    assertThat(after.gaps().get(0).message()).isEqualTo("ratio 0.52");
  }

  @Test
  void enrich_personsEvidenceWins_suggestionOnlyReplacesUnknown() {
    // given a deal whose budget a person marked partial
    Deal deal =
        deal("Maya Chen", "Daniel Reed", "Acme").toBuilder()
            .evidence(Map.of("bant.budget", new Evidence(EvidenceStatus.PARTIAL, "40k?", null)))
            .build();

    // when the call is analysed
    Deal out = SIGNALS.enrich(deal, Map.of("a1", read("a1.vtt", CALL_EN)), Map.of()).deal();

    // then the person's word stays
    assertThat(out.evidence().get("bant.budget"))
        .isEqualTo(new Evidence(EvidenceStatus.PARTIAL, "40k?", null));
  }

  @Test
  void enrich_unattributedSpeaker_reportedAndLeftOut() {
    // given a call where someone the deal does not know speaks
    String vtt =
        """
        WEBVTT

        00:00:01.000 --> 00:00:04.000
        <v Sam Unknown>What does it cost?
        """;

    // when it is analysed
    DealSignals.Enriched e =
        SIGNALS.enrich(
            deal("Maya Chen", "Daniel Reed", "Acme"), Map.of("a1", read("a1.vtt", vtt)), Map.of());

    // then the speaker is reported, not guessed, and nothing of theirs is a hit
    assertThat(e.warnings()).extracting(p -> p.code()).containsExactly("unattributed-speaker");
    assertThat(e.deal().activities().get(0).signals().hits()).isEmpty();
    assertThat(e.deal().activities().get(0).tags()).doesNotContain("pricing");
  }

  @Test
  void enrich_conversationForUnknownActivity_isRefused() {
    Deal deal = deal("Maya Chen", "Daniel Reed", "Acme");
    assertThatThrownBy(() -> SIGNALS.enrich(deal, Map.of("a9", read("a9.vtt", CALL_EN)), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("deal d1 has no activity 'a9' for its conversation");
  }

  @Test
  void explainAndGapEvidence_quoteTheConversation() {
    // given the analysed English deal
    Deal deal =
        SIGNALS
            .enrich(
                deal("Maya Chen", "Daniel Reed", "Acme"),
                Map.of("a1", read("a1.vtt", CALL_EN)),
                Map.of())
            .deal();

    // when a rule that still fires on suggested evidence is explained
    Evaluation result = STANDARD.evaluate(deal, AS_OF);
    Gap pain =
        result.gaps().stream()
            .filter(g -> g.rule().equals("meddic.pain-confirmed"))
            .findFirst()
            .orElseThrow();
    dev.playbook.result.Explanation pricing =
        STANDARD.explain(deal, AS_OF, "challenger.pricing-by-proposal");

    // then the gap's evidence quotes the sentence the suggestion came from
    assertThat(pain.evidence())
        .anyMatch(
            line ->
                line.contains(
                    "evidence(meddic.identify_pain) = suggested (call 2026-11-17 14:00, 0:13,"
                        + " Daniel Reed (buyer): \"The close always takes too long and it is"
                        + " frustrating.\")"));
    // and the explanation of the pricing rule names the call with its quote
    assertThat(pricing.fired()).isFalse();
    assertThat(pricing.parts())
        .anyMatch(
            p ->
                p.detail()
                    .contains(
                        "call on 2026-11-17 (a1): call 2026-11-17 14:00, 12:41, Daniel Reed"
                            + " (buyer): \"What would this cost for the whole team?\""));
  }

  @Test
  void readFolder_findsFilesByActivityId_andRefusesAnOversizedOneLocated(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    // given a deal folder with the call's transcript, and one of 10 MB for a second activity
    Deal deal =
        deal("Maya Chen", "Daniel Reed", "Acme").toBuilder()
            .activities(
                List.of(
                    Activity.builder("a1", ActivityType.CALL, Instant.parse("2026-11-17T14:00:00Z"))
                        .build(),
                    Activity.builder("a2", ActivityType.CALL, Instant.parse("2026-11-18T14:00:00Z"))
                        .build()))
            .build();
    java.nio.file.Files.createDirectories(dir.resolve("d1"));
    java.nio.file.Files.writeString(dir.resolve("d1/a1.vtt"), CALL_EN);
    java.nio.file.Files.write(dir.resolve("d1/a2.txt"), new byte[10 << 20]);

    // then the oversized file is a located problem, read no further
    assertThatThrownBy(() -> DealSignals.readFolder(dir, deal, ReadLimits.DEFAULT))
        .isInstanceOf(dev.playbook.problem.ProblemException.class)
        .extracting(e -> ((dev.playbook.problem.ProblemException) e).problems().get(0).render())
        .isEqualTo(
            dir.resolve("d1/a2.txt")
                + ": file-too-large: file is 10485760 bytes, more than the limit of 8388608");

    // and without it, the call is found by its activity id
    java.nio.file.Files.delete(dir.resolve("d1/a2.txt"));
    assertThat(DealSignals.readFolder(dir, deal, ReadLimits.DEFAULT)).containsOnlyKeys("a1");
  }

  static Deal dealWithBodies(Activity... activities) {
    return deal("Maya Chen", "Daniel Reed", "Acme").toBuilder()
        .activities(List.of(activities))
        .build();
  }

  static Activity.Builder activity(String id, ActivityType type) {
    return Activity.builder(id, type, Instant.parse("2026-11-17T14:00:00Z")).contactIds("c1");
  }

  static List<String> hits(Activity a) {
    return a.signals().hits().stream()
        .map(
            h ->
                h.tracker()
                    + " "
                    + h.quote().speaker()
                    + " ("
                    + h.quote().party()
                    + "): "
                    + h.quote().text())
        .toList();
  }

  @Test
  void enrichBodies_inboundEmail_givesTheBuyersBudgetHitAndClosesTheGap() {
    // given a proposal-stage deal whose only activity is an e-mail from the buyer, kept as text
    Deal deal =
        dealWithBodies(
            activity("e1", ActivityType.EMAIL)
                .direction(dev.playbook.model.Direction.INBOUND)
                .subject("Re: pricing")
                .body(
                    "Hi Maya,\n\nthe budget is approved, so we can move ahead.\n\nBest"
                        + " regards,\nDaniel\n\nOn Mon, Nov 16, 2026 Maya Chen wrote:\n> What"
                        + " about the spend?")
                .build());
    Evaluation before = STANDARD.evaluate(deal, AS_OF);

    // when the bodies are analysed
    DealSignals.Enriched e = SIGNALS.enrichBodies(deal);

    // then the budget is a buyer hit quoted from the e-mail, not from the quoted reply
    Activity email = e.deal().activities().get(0);
    assertThat(hits(email))
        .containsExactly(
            "bant_budget Daniel Reed (buyer): Hi Maya, the budget is approved, so we can move"
                + " ahead.");
    assertThat(e.warnings()).isEmpty();
    assertThat(e.deal().evidence().get("bant.budget").status()).isEqualTo(EvidenceStatus.SUGGESTED);
    // and the rule that asked for a known budget no longer reports a gap
    assertThat(gaps(before)).contains("bant.budget-known");
    assertThat(gaps(STANDARD.evaluate(e.deal(), AS_OF))).doesNotContain("bant.budget-known");
  }

  @Test
  void
      enrichBodies_callWithTranscriptAndNote_attributeTheSummaryToTheOwnerAndEachTurnToItsSpeaker() {
    // given a call whose body is the rep's summary, then the transcript; and a note
    Deal deal =
        dealWithBodies(
            activity("t1", ActivityType.CALL)
                .body(
                    "Spoke with Daniel about the rollout plan.\n\nMaya Chen: What would"
                        + " pricing look like for you?\nDaniel Reed: We have set aside forty"
                        + " thousand.")
                .build(),
            activity("n1", ActivityType.NOTE).body("Competitor is in the deal.").build(),
            activity("m1", ActivityType.MEETING).body("Agenda: budget, pricing.").build());

    // when the bodies are analysed
    DealSignals.Enriched e = SIGNALS.enrichBodies(deal);

    // then each hit is on its speaker's side, the note's on the owner's; the meeting's agenda is
    // not analysed
    assertThat(hits(e.deal().activities().get(0)))
        .containsExactly(
            "pricing Maya Chen (rep): What would pricing look like for you?",
            "bant_budget Daniel Reed (buyer): We have set aside forty thousand.");
    assertThat(e.deal().activities().get(1).signals().hits())
        .extracting(Signals.Hit::tracker)
        .containsExactly("meddic_competition", "competitor");
    assertThat(e.deal().activities().get(2).signals()).isNull();
    assertThat(e.analyses()).containsOnlyKeys("t1", "n1");
  }

  @Test
  void enrichBodies_activityAnalysedAlready_isLeftAsItIs() {
    // given a call analysed from its transcript file, whose body also speaks of budget
    Deal deal =
        dealWithBodies(activity("a1", ActivityType.CALL).body("Budget is approved.").build());
    Deal analysed = SIGNALS.enrich(deal, Map.of("a1", read("a1.vtt", CALL_EN)), Map.of()).deal();

    // when the bodies are analysed
    DealSignals.Enriched e = SIGNALS.enrichBodies(analysed);

    // then the deal is unchanged
    assertThat(e.deal()).isEqualTo(analysed);
    assertThat(e.analyses()).isEmpty();
  }
}
