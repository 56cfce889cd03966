package dev.playbook.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.playbook.Deals;
import dev.playbook.Playbook;
import dev.playbook.model.Deal;
import dev.playbook.model.EvidenceStatus;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import dev.playbook.result.Action;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Evaluations;
import dev.playbook.result.Explanation;
import dev.playbook.result.Gap;
import dev.playbook.result.Provenance;
import dev.playbook.result.Scorecard;
import dev.playbook.result.Severity;
import dev.playbook.result.StageReadiness;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ResultJsonTest {

  private static final Instant AS_OF = Instant.parse("2026-11-20T09:00:00Z");

  private static final String ACME =
      """
      playbook: acme
      title: ACME enterprise playbook
      stages: [prospecting, qualification, discovery, proposal, negotiation, closed_won, closed_lost]
      stage_titles:
        proposal: { zh-CN: 方案 }
        negotiation: { zh-CN: 谈判 }
      segments: [smb, mid_market, enterprise]
      parameters:
        stale_days: { default: 14, by_segment: { enterprise: 21 } }
      methodologies:
        meddic:
          title: MEDDIC
          elements:
            - { id: metrics, title: Metrics }
            - { id: economic_buyer, title: Economic buyer, confirmed_when: "any(contacts, role == economic_buyer)" }
      key_nodes:
        - id: discovery_done
          stage: discovery
          title: Discovery complete
          exit_criteria:
            - { id: pain, title: Pain confirmed, when: "evidence(meddic.metrics) == confirmed" }
            - { id: champion, title: Champion identified, when: "any(contacts, role == champion)" }
      talk_tracks:
        eb-intro:
          en: "Who else will sign off on this?"
          zh-CN: "还有谁会最终批准这个项目？"
      rules:
        - id: acme.eb-before-proposal
          title: Economic buyer identified before proposal
          methodology: meddic
          element: economic_buyer
          when: stage >= proposal and none(contacts, role == economic_buyer)
          gap:
            severity: high
            message:
              en: "{deal.name} is at {stage} with no economic buyer"
              zh-CN: "{deal.name} 已到 {stage} 阶段，但没有经济决策人"
          action:
            title: Ask your champion for an introduction to the economic buyer
            priority: 90
            due: 2d
            talk_track: eb-intro
            target: role == champion
        - id: acme.stale
          when: days_since(last_activity) > param(stale_days)
          action: { title: "Re-engage: no activity for {days_since(last_activity)} days", priority: 70, due: 1d }
      """;

  private static final String DEALS =
      """
      [
        {"id": "D-1", "name": "Acme renewal", "segment": "enterprise", "stage": "proposal",
         "activities": [{"id": "A-1", "type": "email", "occurred_at": "2026-10-01T00:00:00Z"}],
         "contacts": [{"id": "c-2", "name": "Ben Ode", "roles": ["champion"]}],
         "evidence": {"meddic.metrics": {"status": "confirmed"}}},
        {"id": "D-2", "name": "Nowhere", "stage": "dreaming"}
      ]
      """;

  private static final Evaluation SMALL =
      new Evaluation(
          "D-9",
          AS_OF,
          Locale.forLanguageTag("zh-CN"),
          List.of(
              new Action(
                  "r.a",
                  "Call",
                  80,
                  LocalDate.parse("2026-11-22"),
                  "Because",
                  new Action.Target("c-1", null),
                  null,
                  "meddic",
                  null,
                  new Provenance("r.a", "rules/a.yaml", 3))),
          List.of(
              new Gap(
                  "r.a",
                  Severity.HIGH,
                  "No buyer",
                  null,
                  "economic_buyer",
                  List.of("stage >= proposal: true"),
                  new Provenance("r.a", "rules/a.yaml", 3))),
          List.of(
              new Scorecard(
                  "meddic",
                  "MEDDIC",
                  List.of(
                      new Scorecard.Element(
                          "metrics", "Metrics", EvidenceStatus.PARTIAL, List.of())),
                  50)),
          new StageReadiness(
              "proposal",
              List.of(
                  new StageReadiness.KeyNode(
                      "k", "K", List.of(new StageReadiness.Criterion("c", "C", false))))),
          List.of("r.a"));

  @Test
  void write_evaluation_writesEveryKeyInSnakeCaseWithLowerCaseEnums() {
    // when
    String json = ResultJson.write(SMALL);

    // then
    assertThat(json)
        .isEqualTo(
            "{\"schema_version\":1,\"deal_id\":\"D-9\",\"as_of\":\"2026-11-20T09:00:00Z\","
                + "\"locale\":\"zh-CN\",\"segment\":null,\"actions\":[{\"rule\":\"r.a\",\"title\":\"Call\","
                + "\"priority\":80,\"due\":\"2026-11-22\",\"reason\":\"Because\","
                + "\"target\":{\"contact_id\":\"c-1\",\"name\":null},\"talk_track\":null,"
                + "\"methodology\":\"meddic\",\"element\":null,\"provenance\":\"rules/a.yaml:3\"}],"
                + "\"gaps\":[{\"rule\":\"r.a\",\"severity\":\"high\",\"message\":\"No buyer\","
                + "\"methodology\":null,\"element\":\"economic_buyer\","
                + "\"evidence\":[\"stage >= proposal: true\"],\"provenance\":\"rules/a.yaml:3\"}],"
                + "\"scorecards\":[{\"methodology\":\"meddic\",\"title\":\"MEDDIC\",\"percent\":50,"
                + "\"elements\":[{\"id\":\"metrics\",\"title\":\"Metrics\",\"status\":\"partial\","
                + "\"gaps\":[]}]}],\"stage_readiness\":{\"stage\":\"proposal\",\"ready\":false,"
                + "\"key_nodes\":[{\"id\":\"k\",\"title\":\"K\",\"met\":false,"
                + "\"criteria\":[{\"id\":\"c\",\"title\":\"C\",\"met\":false}]}]},"
                + "\"fired_rules\":[\"r.a\"]}");
  }

  @Test
  void readEvaluation_ofWrittenEvaluation_isEqualToIt() {
    assertThat(ResultJson.readEvaluation(ResultJson.write(SMALL))).isEqualTo(SMALL);
  }

  @Test
  void evaluations_ofARealPlaybook_roundTripWithTheirErrors() {
    // given
    Playbook playbook = Playbook.parse("acme.yaml", ACME);
    List<Deal> deals = Deals.parse("deals.json", DEALS);

    // when
    Evaluations evaluations = playbook.evaluateEach(deals, AS_OF, Locale.forLanguageTag("zh-CN"));
    Evaluations back = ResultJson.readEvaluations(ResultJson.write(evaluations));

    // then
    assertThat(evaluations.evaluated()).hasSize(1);
    assertThat(evaluations.failed()).hasSize(1);
    assertThat(evaluations.evaluated().get(0).gaps()).isNotEmpty();
    assertThat(back).isEqualTo(evaluations);
    assertThat(back.failed().get(0).code()).isEqualTo("unknown-stage");
  }

  @Test
  void explanations_ofARealPlaybook_roundTrip() {
    // given
    Playbook playbook = Playbook.parse("acme.yaml", ACME);
    Deal deal = Deals.parse("deals.json", DEALS).get(0);
    List<Explanation> explanations = playbook.explain(deal, AS_OF);

    // when
    List<Explanation> back =
        ResultJson.readExplanations(ResultJson.writeExplanations(explanations));

    // then
    assertThat(back).isEqualTo(explanations).isNotEmpty();
  }

  @Test
  void problems_ofAPlaybookThatDoesNotLoad_roundTripWithTheirRendering() {
    // given
    List<Problem> problems;
    try {
      Playbook.parse("bad.yaml", "playbook: x\nstages: [a]\nrules:\n  - id: r\n    whn: a\n");
      throw new AssertionError("loaded");
    } catch (ProblemException e) {
      problems = e.problems();
    }

    // when
    String json = ResultJson.writeProblems(problems);

    // then
    assertThat(ResultJson.readProblems(json)).isEqualTo(problems);
    assertThat(json).contains("\"rendered\":\"" + problems.get(0).render() + "\"");
  }

  @Test
  void readEvaluation_laterSchemaVersion_isRefused() {
    assertThatThrownBy(() -> ResultJson.readEvaluation("{\"schema_version\": 2}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("schema_version: 2 is not supported; this library reads version 1");
  }

  @Test
  void readEvaluation_badSeverity_namesThePathAndTheChoices() {
    String json = ResultJson.write(SMALL).replace("\"high\"", "\"urgent\"");

    assertThatThrownBy(() -> ResultJson.readEvaluation(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("gaps[0].severity: 'urgent' is not one of critical, high, medium, low, info");
  }

  @Test
  void readEvaluation_missingKey_namesIt() {
    String json = ResultJson.write(SMALL).replace("\"fired_rules\"", "\"fired\"");

    assertThatThrownBy(() -> ResultJson.readEvaluation(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fired_rules: is missing");
  }

  @Test
  void readEvaluation_wrongTypeAndRange_sayWhatWasFound() {
    assertThatThrownBy(
            () ->
                ResultJson.readEvaluation(
                    ResultJson.write(SMALL).replace("\"priority\":80", "\"priority\":\"80\"")))
        .hasMessage("actions[0].priority: must be a whole number, was a string");
    assertThatThrownBy(
            () ->
                ResultJson.readEvaluation(
                    ResultJson.write(SMALL).replace("\"percent\":50", "\"percent\":150")))
        .hasMessage("scorecards[0].percent: 150 is outside 0 to 100");
    assertThatThrownBy(
            () ->
                ResultJson.readEvaluation(
                    ResultJson.write(SMALL).replace("2026-11-22", "22.11.2026")))
        .hasMessage("actions[0].due: '22.11.2026' is not an ISO-8601 date such as 2026-11-20");
  }

  @Test
  void readEvaluation_notJson_givesLineAndColumn() {
    assertThatThrownBy(() -> ResultJson.readEvaluation("{\n  \"schema_version\": 1,,\n}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("line 2, column 23: not valid JSON: ");
    assertThatThrownBy(() -> ResultJson.readEvaluation("{} {}"))
        .hasMessage("line 1, column 5: more than one JSON value");
    assertThatThrownBy(() -> ResultJson.readEvaluation("")).hasMessage("the document is empty");
  }

  @Test
  void readDealErrors_unknownCode_listsTheCodes() {
    String json =
        "{\"schema_version\":1,\"evaluations\":[],\"errors\":[{\"index\":0,\"deal_id\":\"d\","
            + "\"code\":\"boom\",\"rule\":null,\"condition\":null,\"message\":\"m\"}]}";

    assertThatThrownBy(() -> ResultJson.readEvaluations(json))
        .hasMessage(
            "errors[0].code: 'boom' is not one of unknown-stage, too-costly, evaluation-failed");
  }

  @Test
  void readEvaluation_deeplyNested_isRefusedBeforeReading() {
    String json = "[".repeat(400) + "]".repeat(400);

    assertThatThrownBy(() -> ResultJson.readEvaluation(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("line 1, column 162: nested deeper than 160 levels");
  }
}
