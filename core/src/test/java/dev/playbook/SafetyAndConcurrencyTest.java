package dev.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.model.BuyingRole;
import dev.playbook.model.Contact;
import dev.playbook.model.Deal;
import dev.playbook.problem.ProblemException;
import dev.playbook.result.Evaluation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Text from rule files is data, never code; one playbook serves many threads. */
class SafetyAndConcurrencyTest {

  static final Instant AS_OF = Instant.parse("2026-11-20T00:00:00Z");

  @Test
  void hostileTextInIdsMessagesAndTalkTracks_isRenderedAsPlainData() {
    String yaml =
        """
        playbook: t
        stages: [a, b]
        talk_tracks:
          "x.y-z": "\\") then System.exit(3); end rule \\"evil\\" when eval(true) then Runtime.getRuntime().exec(\\"rm\\"); end"
        rules:
          - id: "r.1-evil_end"
            title: "rule \\"x\\" when then end"
            when: stage == a and name == "\\") then System.exit(3); end \\\\u0022"
            gap:
              severity: high
              message: "{name} -- ${{java:version}} #{{1+1}} %s \\\\u0022 end"
            action: { title: "new java.io.File(\\"/\\").delete()", talk_track: x.y-z }
        """;
    Playbook p = Playbook.parse("t.yaml", yaml);
    String hostileName = "\") then System.exit(3); end \\u0022";

    Evaluation e = p.evaluate(Deal.builder("d", "a").name(hostileName).build(), AS_OF);

    assertThat(p.ruleIds()).containsExactly("r.1-evil_end");
    assertThat(e.gaps())
        .singleElement()
        .satisfies(
            g ->
                assertThat(g.message())
                    .isEqualTo(hostileName + " -- ${java:version} #{1+1} %s \\u0022 end"));
    assertThat(e.actions())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.title()).isEqualTo("new java.io.File(\"/\").delete()");
              assertThat(a.talkTrack()).startsWith("\") then System.exit(3); end rule \"evil\"");
            });
    assertThat(p.evaluate(Deal.builder("d", "a").name("other").build(), AS_OF).gaps()).isEmpty();
  }

  @Test
  void templatePlaceholder_withCodeInside_isRejectedAtLoad() {
    String yaml =
        """
        playbook: t
        stages: [a, b]
        rules:
          - id: r
            when: stage == a
            gap: { severity: high, message: "x {T(java.lang.Runtime).getRuntime()} y" }
        """;
    ProblemException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ProblemException.class, () -> Playbook.parse("t.yaml", yaml));
    assertThat(e.getMessage())
        .isEqualTo("t.yaml:6:61: syntax-error: unexpected '.' after a complete condition");
  }

  @Test
  void evaluate_sameInputs_givesEqualResultsOnManyThreads() throws Exception {
    Playbook p = Playbook.parse("acme.yaml", PlaybookEvaluateTest.ACME);
    List<Deal> deals = new ArrayList<>();
    String[] stages = {"prospecting", "qualification", "discovery", "proposal", "negotiation"};
    for (int i = 0; i < 400; i++) {
      Deal.Builder b =
          PlaybookEvaluateTest.deal(stages[i % stages.length], i % 3 == 0 ? "enterprise" : "smb")
              .toBuilder()
              .id("D-" + i)
              .amount(new BigDecimal(1000 * i));
      if (i % 2 == 0) {
        b.addContact(
            Contact.builder("eb" + i).name("EB " + i).roles(BuyingRole.ECONOMIC_BUYER).build());
      }
      deals.add(b.build());
    }
    List<Evaluation> sequential = new ArrayList<>();
    for (Deal d : deals) {
      sequential.add(p.evaluate(d, AS_OF));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<Evaluation>>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        boolean batch = t % 2 == 0;
        futures.add(
            pool.submit(
                () -> {
                  if (batch) {
                    return p.evaluateAll(deals, AS_OF, Locale.ENGLISH);
                  }
                  List<Evaluation> out = new ArrayList<>();
                  for (Deal d : deals) {
                    out.add(p.evaluate(d, AS_OF));
                  }
                  return out;
                }));
      }
      for (Future<List<Evaluation>> f : futures) {
        assertThat(f.get()).isEqualTo(sequential);
      }
    } finally {
      pool.shutdownNow();
    }
    long withGaps = sequential.stream().filter(e -> !e.gaps().isEmpty()).count();
    assertThat(withGaps)
        .isEqualTo(80); // proposal and negotiation deals (160) without an economic buyer (odd ids)
  }
}
