package dev.playbook.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DealSourcePreparingTest {

  @Test
  void preparing_failingDeal_isABadRowWithItsProblemsAndTheOthersArePrepared() {
    // given two deals, the second of which cannot be prepared
    DealSource source =
        DealSource.of(
                List.of(
                        Deal.builder("a", "discovery").build(),
                        Deal.builder("b", "discovery").build())
                    .iterator())
            .preparing(
                d -> {
                  if (d.id().equals("b")) {
                    throw new ProblemException(
                        List.of(new Problem("syntax-error", "calls/b/a1.vtt", 1, 1, "no WEBVTT")));
                  }
                  return d.toBuilder().owner("prepared").build();
                });

    // when read
    List<Deal> read = new ArrayList<>();
    source.forEachRemaining(read::add);

    // then the first comes prepared, the second is a bad row with its problem
    assertThat(read)
        .extracting(Deal::id, Deal::owner)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "prepared"));
    assertThat(source.rows()).isEqualTo(2);
    assertThat(source.badRows()).isEqualTo(1);
    assertThat(source.problems())
        .extracting(Problem::render)
        .containsExactly("calls/b/a1.vtt:1:1: syntax-error: no WEBVTT");
  }
}
