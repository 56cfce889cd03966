package dev.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.json.ResultJson;
import dev.playbook.model.Deal;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Gap;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The segment a deal is evaluated in, its own or a derived one, is part of its result. */
class SegmentInResultsTest {

  static final Instant AS_OF = Instant.parse("2026-11-20T09:00:00Z");

  static final Playbook PLAYBOOK =
      Playbook.parse(
          "t.yaml",
          """
          playbook: t
          stages: [proposal, won]
          segments: [smb, enterprise]
          parameters:
            min_contacts: { default: 1, by_segment: { enterprise: 3 } }
          derive_segment:
            enterprise: amount >= 250000
          rules:
            - id: few-contacts
              when: count(contacts) < param(min_contacts)
              gap: { severity: medium, message: "{deal.name} ({segment}) needs {param(min_contacts)} contacts" }
          """);

  static Deal.Builder deal(String amount) {
    return Deal.builder("D-1", "proposal")
        .name("Globex")
        .createdAt(Instant.parse("2026-09-01T00:00:00Z"))
        .amount(new BigDecimal(amount));
  }

  @Test
  void derivedSegment_isTheEvaluationsSegment_andTheOneParametersAndMessagesRead() {
    Evaluation e = PLAYBOOK.evaluate(deal("300000").build(), AS_OF);

    assertThat(e.segment()).isEqualTo("enterprise");
    assertThat(e.gaps())
        .extracting(Gap::message)
        .containsExactly("Globex (enterprise) needs 3 contacts");
  }

  @Test
  void dealsOwnSegment_wins_andNoSegmentIsNull() {
    Evaluation own = PLAYBOOK.evaluate(deal("300000").segment("smb").build(), AS_OF);
    Evaluation none = PLAYBOOK.evaluate(deal("1000").build(), AS_OF);

    assertThat(own.segment()).isEqualTo("smb");
    assertThat(own.gaps())
        .extracting(Gap::message)
        .containsExactly("Globex (smb) needs 1 contacts");
    assertThat(none.segment()).isNull();
    assertThat(none.gaps())
        .extracting(Gap::message)
        .containsExactly("Globex (missing) needs 1 contacts");
  }

  @Test
  void segment_isWrittenToAndReadFromJson_andOlderDocumentsWithoutItRead() {
    Evaluation e = PLAYBOOK.evaluate(deal("300000").build(), AS_OF);

    String json = ResultJson.write(e);
    Evaluation back = ResultJson.readEvaluation(json);
    Evaluation older = ResultJson.readEvaluation(json.replace("\"segment\":\"enterprise\",", ""));

    assertThat(json).contains("\"locale\":\"en\",\"segment\":\"enterprise\",\"actions\":[]");
    assertThat(back.segment()).isEqualTo("enterprise");
    assertThat(older.segment()).isNull();
    assertThat(older.gaps()).isEqualTo(e.gaps());
  }

  @Test
  void evaluateEach_keepsEachDealsSegment() {
    List<Evaluation> all =
        PLAYBOOK
            .evaluateEach(
                List.of(deal("300000").build(), deal("10").segment("smb").build()),
                AS_OF,
                Locale.ENGLISH)
            .evaluated();

    assertThat(all).extracting(Evaluation::segment).containsExactly("enterprise", "smb");
  }
}
