package dev.playbook.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.playbook.model.Contact;
import dev.playbook.model.Deal;
import dev.playbook.model.NextStep;
import dev.playbook.model.NextStepStatus;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalysisTest {

  static final Deal DEAL =
      Deal.builder("d-1", "discovery")
          .owner("Maria Chen <maria@vendor.example>")
          .addContact(Contact.builder("c-daniel").name("Daniel Reed").build())
          .addContact(Contact.builder("dan@acme.example").name("Dan R").build())
          .addContact(Contact.builder("c-other").name("Daniel  REED").build())
          .build();

  private static Conversation text(String body) {
    return Transcripts.read("call.txt", body.getBytes(StandardCharsets.UTF_8))
        .withStartedAt(OffsetDateTime.parse("2026-11-17T15:00:00+01:00"));
  }

  @Test
  void attribute_byOwnerAddressContactIdAndMapping_reportsAmbiguousAndUnknownMapping() {
    Conversation c =
        text(
            "maria@vendor.example: hi\nDan R <dan@acme.example>: hello\nDaniel Reed: hey\nSam: yo\n");

    Attribution a = Attribution.of(c, DEAL, Map.of("sam", "rep", "Pat", "c-nobody"));

    assertThat(a.parties())
        .containsExactly(
            Map.entry("maria@vendor.example", new Party(Side.REP, null, "Maria Chen")),
            Map.entry(
                "Dan R <dan@acme.example>", new Party(Side.BUYER, "dan@acme.example", "Dan R")),
            Map.entry("Sam", new Party(Side.REP, null, "sam")));
    assertThat(a.unattributed()).containsExactly("Daniel Reed");
    assertThat(a.problems())
        .extracting(Problem::render)
        .containsExactly(
            "call.txt: unknown-contact: the mapping puts speaker 'Pat' on 'c-nobody', which is neither 'rep', 'buyer' nor one of the deal's contacts",
            "call.txt:3:1: unattributed-speaker: speaker 'Daniel Reed' matches 2 people of the deal; map it to 'rep', 'buyer' or a contact id");
  }

  @Test
  void compile_badTrackers_reportsEveryProblemAtItsOrigin() {
    List<Tracker> trackers =
        List.of(
            Tracker.builder("Pricing").phrases("en", "price").origin("t.yaml", 1, 3).build(),
            Tracker.builder("pain")
                .phrases("fr", "douleur")
                .phrases("en", "...")
                .origin("t.yaml", 5, 3)
                .build(),
            Tracker.builder("pain").origin("t.yaml", 9, 3).build());

    assertThatThrownBy(() -> TrackerSet.compile(trackers))
        .isInstanceOf(ProblemException.class)
        .hasMessage(
            String.join(
                "\n",
                "t.yaml:1:3: invalid-value: tracker concept 'Pricing' must be lower case letters, digits and '_', starting with a letter",
                "t.yaml:5:3: empty-phrase: tracker 'pain': phrase '...' has no words to match",
                "t.yaml:5:3: unknown-language: tracker 'pain': language 'fr' is not supported; use 'en' or 'zh-CN'",
                "t.yaml:9:3: duplicate-id: tracker concept 'pain' is defined twice",
                "t.yaml:9:3: missing-field: tracker 'pain' has no phrases"));
  }

  @Test
  void match_phraseWithNegation_doesNotMatchWithoutIt() {
    TrackerSet set = TrackerSet.compile(List.of(Tracker.of("objection", "not interested")));
    Conversation c =
        text(
            "Daniel Reed <x@y.example>: We are very interested.\nDaniel Reed <x@y.example>: Honestly we are not interested.\n");
    Attribution a =
        Attribution.of(c, Deal.builder("d", "s").build(), Map.of("x@y.example", "buyer"));

    assertThat(set.match(c, a))
        .extracting(TrackerHit::quote)
        .containsExactly("Honestly we are not interested.");
  }

  @Test
  void match_englishWordInChineseSentence_matchesEnglishPhrase() {
    TrackerSet set =
        TrackerSet.compile(
            List.of(Tracker.builder("crm").phrases("en", "CRM").phrases("zh-CN", "客户管理").build()));
    Conversation c = text("李明：我们的CRM系统太旧了。\n李明：客户管理很难。\n");
    Attribution a = Attribution.of(c, Deal.builder("d", "s").build(), Map.of("李明", "buyer"));

    assertThat(set.match(c, a))
        .extracting(TrackerHit::quote, TrackerHit::language)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("我们的CRM系统太旧了。", "en"),
            org.assertj.core.groups.Tuple.tuple("客户管理很难。", "zh-CN"));
  }

  @Test
  void analyze_buyerRefusesProposedDate_noCommitment() {
    ConversationAnalyzer analyzer =
        ConversationAnalyzer.of(TrackerSet.compile(List.of(Tracker.of("next_step", "follow up"))));
    Conversation c =
        text(
            "Maria Chen: Can we follow up by the 15th?\nDaniel Reed: Sorry, the 15th doesn't work.\n");
    Attribution a =
        Attribution.of(
            c,
            Deal.builder("d", "s")
                .owner("Maria Chen")
                .addContact(Contact.builder("c-daniel").name("Daniel Reed").build())
                .build());

    ConversationAnalysis result = analyzer.analyze(c, a);

    assertThat(result.nextSteps())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.due()).isEqualTo(LocalDate.of(2026, 12, 15));
              assertThat(s.datePhrase()).isEqualTo("by the 15th");
              assertThat(s.buyerCommitment()).isFalse();
              assertThat(s.toNextStep())
                  .isEqualTo(
                      new NextStep(
                          "Can we follow up by the 15th?",
                          LocalDate.of(2026, 12, 15),
                          "Maria Chen",
                          NextStepStatus.OPEN,
                          false));
            });
  }

  @Test
  void analyze_noConversationDate_proposesUndatedStepAndWarns() {
    ConversationAnalyzer analyzer =
        ConversationAnalyzer.of(TrackerSet.compile(List.of(Tracker.of("next_step", "next step"))));
    Conversation c =
        Transcripts.read(
            "call.txt",
            "Maria Chen: Next step is a demo on Friday.\n".getBytes(StandardCharsets.UTF_8));

    ConversationAnalysis result =
        analyzer.analyze(c, Attribution.of(c, Deal.builder("d", "s").owner("Maria Chen").build()));

    assertThat(result.nextSteps())
        .extracting(ProposedNextStep::datePhrase, ProposedNextStep::due)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("on Friday", null));
    assertThat(result.warnings())
        .extracting(Problem::render)
        .containsExactly(
            "call.txt:1:1: undated-conversation: 'on Friday' cannot be resolved to a day: the conversation has no date");
  }

  @Test
  void datePhrase_resolvesEnglishAndChineseAgainstTheConversationDate() {
    LocalDate tuesday = LocalDate.of(2026, 11, 17);
    assertThat(due("let's talk next Tuesday", tuesday)).isEqualTo("next Tuesday=2026-11-24");
    assertThat(due("on Tuesday then", tuesday)).isEqualTo("on Tuesday=2026-11-24");
    assertThat(due("by Friday", tuesday)).isEqualTo("by Friday=2026-11-20");
    assertThat(due("next Friday", tuesday)).isEqualTo("next Friday=2026-11-27");
    assertThat(due("by the 15th", tuesday)).isEqualTo("by the 15th=2026-12-15");
    assertThat(due("on the 30th", tuesday)).isEqualTo("on the 30th=2026-11-30");
    assertThat(due("the day after tomorrow", tuesday))
        .isEqualTo("the day after tomorrow=2026-11-19");
    assertThat(due("in two weeks", tuesday)).isEqualTo("in two weeks=2026-12-01");
    assertThat(due("by January 5", tuesday)).isEqualTo("by January 5=2027-01-05");
    assertThat(due("2026-12-01 works", tuesday)).isEqualTo("2026-12-01=2026-12-01");
    assertThat(due("我们下周二见", tuesday)).isEqualTo("下周二=2026-11-24");
    assertThat(due("明天再说", tuesday)).isEqualTo("明天=2026-11-18");
    assertThat(due("本周五之前", tuesday)).isEqualTo("本周五=2026-11-20");
    assertThat(due("十二月三号开会", tuesday)).isEqualTo("十二月三号=2026-12-03");
    assertThat(due("三天后", tuesday)).isEqualTo("三天后=2026-11-20");
    assertThat(due("25号之前", tuesday)).isEqualTo("25号=2026-11-25");
    assertThat(due("no date at all", tuesday)).isEqualTo("");
  }

  private static String due(String sentence, LocalDate date) {
    return String.join(
        ",", DatePhrase.find(sentence, date).stream().map(p -> p.text() + "=" + p.due()).toList());
  }
}
