package dev.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.playbook.model.Deal;
import dev.playbook.model.StageChange;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Evaluations;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A company playbook with its own stages mapped onto a parent's pipeline with {@code stage_map}:
 * inherited rules, key nodes and per-stage values follow the map, the company's own rules name its
 * own stages, and a bad map is a located problem.
 */
class StageMapTest {

  static final Instant AS_OF = Instant.parse("2026-11-20T00:00:00Z");

  static final String PARENT =
      """
      playbook: base
      stages: [prospecting, qualification, discovery, proposal, negotiation, closed_won, closed_lost]
      stage_titles:
        negotiation: { zh-CN: 谈判 }
        proposal: { zh-CN: 方案 }
      parameters:
        max_days:
          default: 30
          by_stage: { negotiation: 7 }
      key_nodes:
        - id: ready_to_sign
          stage: negotiation
          title: Ready to sign
          exit_criteria:
            - id: amount_known
              title: Amount known
              when: amount is present
      rules:
        - id: base.late-open
          when: stage >= proposal and stage is open and days_since(created_at) > param(max_days)
          gap: { severity: high, message: "{deal.name} is at {stage}, limit {param(max_days)} days" }
        - id: base.in-negotiation
          when: stage in [negotiation] and stage not in [closed_won, closed_lost]
          gap: { severity: low, message: "{deal.name} negotiates" }
        - id: base.won
          when: stage is won
          gap: { severity: low, message: "{deal.name} is won" }
      """;

  static final String COMPANY =
      """
      playbook: robots
      extends: [../base]
      stages: [lead, survey, quote, trial, contract, won, lost]
      stage_map:
        lead: prospecting
        survey: discovery
        quote: proposal
        trial: negotiation
        contract: negotiation
        won: closed_won
        lost: closed_lost
      stage_titles:
        contract: { zh-CN: 合同 }
      rules:
        - id: robots.trial-needs-survey
          when: stage == trial and none(stage_history, stage == survey)
          gap: { severity: medium, message: "{deal.name} is on trial without a site survey" }
      """;

  @TempDir Path dir;

  @BeforeEach
  void writeParent() throws IOException {
    write("base/playbook.yaml", PARENT);
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  static Deal deal(String stage, StageChange... history) {
    return Deal.builder("D-1", stage)
        .name("Kiva pilot")
        .amount(new BigDecimal("90000"))
        .createdAt(Instant.parse("2026-11-01T00:00:00Z"))
        .stageHistory(List.of(history))
        .build();
  }

  private static List<String> gaps(Evaluation e) {
    return e.gaps().stream().map(g -> g.rule() + ": " + g.message()).toList();
  }

  @Test
  void evaluate_companyStageMappedOntoNegotiation_firesInheritedRulesWithThePhaseValues()
      throws IOException {
    Playbook playbook = Playbook.load(write("robots/playbook.yaml", COMPANY));

    Evaluation e = playbook.evaluate(deal("contract"), AS_OF);

    assertThat(playbook.stages())
        .containsExactly("lead", "survey", "quote", "trial", "contract", "won", "lost");
    assertThat(gaps(e))
        .containsExactly(
            "base.late-open: Kiva pilot is at contract, limit 7 days",
            "base.in-negotiation: Kiva pilot negotiates");
    assertThat(e.stageReadiness().stage()).isEqualTo("contract");
    assertThat(e.stageReadiness().keyNodes())
        .extracting(k -> k.id())
        .containsExactly("ready_to_sign");
  }

  @Test
  void evaluate_companyStageBeforeTheInheritedThreshold_firesNothingInherited() throws IOException {
    Playbook playbook = Playbook.load(write("robots/playbook.yaml", COMPANY));

    assertThat(gaps(playbook.evaluate(deal("survey"), AS_OF))).isEmpty();
    Deal older = deal("quote").toBuilder().createdAt(Instant.parse("2026-10-01T00:00:00Z")).build();
    assertThat(gaps(playbook.evaluate(older, AS_OF)))
        .containsExactly("base.late-open: Kiva pilot is at quote, limit 30 days");
  }

  @Test
  void evaluate_wonAndLostCompanyStages_areNotOpen() throws IOException {
    Playbook playbook = Playbook.load(write("robots/playbook.yaml", COMPANY));

    assertThat(gaps(playbook.evaluate(deal("won"), AS_OF)))
        .containsExactly("base.won: Kiva pilot is won");
    assertThat(gaps(playbook.evaluate(deal("lost"), AS_OF))).isEmpty();
  }

  @Test
  void evaluate_companyRule_namesTheCompanysOwnStages() throws IOException {
    Playbook playbook = Playbook.load(write("robots/playbook.yaml", COMPANY));
    StageChange surveyed = new StageChange("survey", Instant.parse("2026-11-05T00:00:00Z"));

    assertThat(gaps(playbook.evaluate(deal("trial"), AS_OF)))
        .contains("robots.trial-needs-survey: Kiva pilot is on trial without a site survey");
    assertThat(gaps(playbook.evaluate(deal("trial", surveyed), AS_OF)))
        .doesNotContain("robots.trial-needs-survey: Kiva pilot is on trial without a site survey");
  }

  @Test
  void evaluate_inChinese_showsTheCompanyStageTitleNotTheParents() throws IOException {
    Playbook playbook = Playbook.load(write("robots/playbook.yaml", COMPANY));

    Evaluation e = playbook.evaluate(deal("contract"), AS_OF, Locale.forLanguageTag("zh-CN"));

    assertThat(e.gaps().get(0).message()).isEqualTo("Kiva pilot is at 合同, limit 7 days");
    assertThat(playbook.describe().stages())
        .extracting(s -> s.id())
        .containsExactly("lead", "survey", "quote", "trial", "contract", "won", "lost");
  }

  @Test
  void evaluate_dealAtAParentStageNotInTheCompanyPipeline_isAnErrorNamingThePipeline()
      throws IOException {
    Playbook playbook = Playbook.load(write("robots/playbook.yaml", COMPANY));

    Evaluations result = playbook.evaluateEach(List.of(deal("negotiation")), AS_OF, Locale.ENGLISH);

    assertThat(result.evaluated()).isEmpty();
    assertThat(result.failed())
        .extracting(er -> er.message())
        .containsExactly(
            "deal 'D-1' is at stage 'negotiation', which playbook 'robots' does not define; its"
                + " stages are: lead, survey, quote, trial, contract, won, lost");
  }

  @Test
  void load_stageNotInTheMap_reportsUnmappedStage() throws IOException {
    Path p =
        write(
            "robots/playbook.yaml",
            COMPANY.replace("  trial: negotiation\n", "").replace("stage == trial and ", ""));

    assertThat(problems(p))
        .containsExactly(
            "robots/playbook.yaml:4:1: unmapped-stage: stage 'trial' is not in 'stage_map'; map it"
                + " onto one of the inherited stages (prospecting, qualification, discovery,"
                + " proposal, negotiation, closed_won, closed_lost) so inherited rules know where a"
                + " deal at 'trial' stands, for example trial: prospecting");
  }

  @Test
  void load_mapOntoAStageNoParentHas_reportsUnknownStageAtTheValue() throws IOException {
    Path p = write("robots/playbook.yaml", COMPANY.replace("quote: proposal", "quote: propsal"));

    assertThat(problems(p))
        .containsExactly(
            "robots/playbook.yaml:7:10: unknown-stage: stage 'quote' maps onto 'propsal', which is"
                + " not a stage of the playbooks this one extends (did you mean 'proposal'?); their"
                + " stages are: prospecting, qualification, discovery, proposal, negotiation,"
                + " closed_won, closed_lost");
  }

  @Test
  void load_mapKeyNotAStage_reportsUnknownStageAtTheKey() throws IOException {
    Path p =
        write(
            "robots/playbook.yaml",
            COMPANY.replace("  lead: prospecting\n", "  led: prospecting\n  lead: prospecting\n"));

    assertThat(problems(p))
        .containsExactly(
            "robots/playbook.yaml:5:3: unknown-stage: 'led' is not a stage of this playbook (did"
                + " you mean 'lead'?); its stages are: lead, survey, quote, trial, contract, won,"
                + " lost");
  }

  @Test
  void load_stageMapWithoutStages_reportsMissingField() throws IOException {
    Path p =
        write(
            "robots/playbook.yaml",
            "playbook: robots\nextends: [../base]\nstage_map: { lead: prospecting }\n");

    assertThat(problems(p))
        .containsExactly(
            "robots/playbook.yaml:3:1: missing-field: 'stage_map' maps this playbook's own stages"
                + " onto inherited ones, but it declares no 'stages'; list its stages in order"
                + " under 'stages'");
  }

  @Test
  void load_stageIsOpenOnANumber_reportsTypeMismatch() throws IOException {
    Path p =
        write(
            "robots/playbook.yaml",
            COMPANY.replace(
                "stage == trial and none(stage_history, stage == survey)", "amount is open"));

    assertThat(problems(p))
        .containsExactly(
            "robots/playbook.yaml:16:11: type-mismatch: only a stage is open, won or lost, but"
                + " this is a number; write 'stage is open'");
  }

  @Test
  void load_isFollowedByAnUnknownWord_reportsSyntaxErrorNamingTheRoles() throws IOException {
    Path p =
        write(
            "robots/playbook.yaml",
            COMPANY.replace(
                "stage == trial and none(stage_history, stage == survey)", "stage is closed"));

    assertThat(problems(p))
        .containsExactly(
            "robots/playbook.yaml:16:20: syntax-error: expected 'missing', 'present', 'open',"
                + " 'won' or 'lost' after 'is' but found 'closed'");
  }

  @Test
  void load_canonicalStagesWithoutAMap_keepWorkingAsBefore() throws IOException {
    Path p = write("plain/playbook.yaml", "playbook: plain\nextends: [../base]\n");

    Playbook playbook = Playbook.load(p);

    assertThat(gaps(playbook.evaluate(deal("negotiation"), AS_OF)))
        .containsExactly(
            "base.late-open: Kiva pilot is at negotiation, limit 7 days",
            "base.in-negotiation: Kiva pilot negotiates");
    assertThat(gaps(playbook.evaluate(deal("closed_won"), AS_OF)))
        .containsExactly("base.won: Kiva pilot is won");
  }

  private List<String> problems(Path p) {
    ProblemException e = catchThrowableOfType(ProblemException.class, () -> Playbook.load(p));
    assertThat(e).as("loading %s fails", p).isNotNull();
    String prefix = dir.toString() + dir.getFileSystem().getSeparator();
    return e.problems().stream()
        .sorted()
        .map(Problem::render)
        .map(s -> s.replace(prefix, ""))
        .toList();
  }
}
