package dev.playbook.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Deals;
import dev.playbook.Playbook;
import dev.playbook.conversations.DealSignals;
import dev.playbook.conversations.PlaybookTrackers;
import dev.playbook.conversations.ReadLimits;
import dev.playbook.model.Deal;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Gap;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Three pipeline deals carry a call transcript or an e-mail in {@code transcripts/<deal>/}: their
 * evaluation with {@code standard-b2b} changes because of what was said, in English and Chinese.
 */
class ConversationSignalsPipelineTest {

  static final Instant AS_OF = Instant.parse("2026-11-20T00:00:00Z");
  static final Path TRANSCRIPTS = Path.of("transcripts");
  static final Playbook PLAYBOOK = Playbook.builtIn("standard-b2b");
  static final DealSignals SIGNALS = DealSignals.of(PlaybookTrackers.builtin());

  static List<String> gaps(Deal deal, Locale locale) {
    Evaluation e = PLAYBOOK.evaluate(deal, AS_OF, locale);
    return e.gaps().stream().map(Gap::rule).toList();
  }

  static Deal analysed(Deal deal) {
    return SIGNALS
        .enrich(deal, DealSignals.readFolder(TRANSCRIPTS, deal, ReadLimits.DEFAULT), Map.of())
        .deal();
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  void pipeline_conversationsChangeThreeDeals(String tag) {
    // given the pipeline, and the transcripts of some of its deals
    Locale locale = Locale.forLanguageTag(tag);
    Map<String, Deal> deals = new java.util.LinkedHashMap<>();
    Deals.read(Path.of("deals", "pipeline.json")).forEach(d -> deals.put(d.id(), d));

    // when SB-05's call: pricing came up, so the pricing gap disappears
    assertThat(gaps(deals.get("SB-05"), locale)).contains("challenger.pricing-by-proposal");
    assertThat(gaps(analysed(deals.get("SB-05")), locale))
        .doesNotContain("challenger.pricing-by-proposal");

    // and SB-11's e-mail: budget and timeline are suggested, so BANT qualification is no gap
    assertThat(gaps(deals.get("SB-11"), locale)).contains("bant.qualification-exit");
    Deal sb11 = analysed(deals.get("SB-11"));
    assertThat(gaps(sb11, locale)).doesNotContain("bant.qualification-exit");
    assertThat(sb11.evidence().get("bant.budget").text())
        .isEqualTo(
            "email 2026-11-13 09:00, Kevin Moore (buyer): \"Hi Sam, We have budgeted 60k for this"
                + " in the first half of next year, and we want to go live before the new year if the"
                + " pilot works.\"");

    // and SB-14's meeting (Chinese): a next step the buyer agreed to closes the commitment gap
    assertThat(gaps(deals.get("SB-14"), locale)).contains("standard-b2b.buyer-commitment");
    Deal sb14 = analysed(deals.get("SB-14"));
    assertThat(gaps(sb14, locale)).doesNotContain("standard-b2b.buyer-commitment");
    assertThat(sb14.nextSteps().get(sb14.nextSteps().size() - 1).title())
        .isEqualTo("下一步我们下周二安排演示吧，请马经理也参加。");

    // and a deal without conversations is left as it is
    assertThat(analysed(deals.get("SB-01"))).isEqualTo(deals.get("SB-01"));
  }
}
