package dev.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.playbook.Deals;
import dev.playbook.Playbook;
import dev.playbook.json.ResultJson;
import dev.playbook.model.Deal;
import dev.playbook.result.Evaluation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {

  static final String ACME =
      """
      playbook: acme
      title: ACME enterprise playbook
      stages: [prospecting, qualification, discovery, proposal, negotiation, closed_won, closed_lost]
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
        - id: ready_to_sign
          stage: negotiation
          title: Ready to sign
          exit_criteria:
            - { id: eb_met, title: Economic buyer met, when: "any(contacts, role == economic_buyer)" }
            - { id: metrics, title: Metrics confirmed, when: "evidence(meddic.metrics) == confirmed" }
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
          title: Activity within the stale threshold
          when: days_since(last_activity) > param(stale_days)
          action: { title: "Re-engage: no activity for {days_since(last_activity)} days", priority: 70, due: 1d }
      """;

  /** A deal at negotiation with no economic buyer, and a quiet deal in discovery. */
  static final String DEALS =
      """
      [
        {
          "id": "D-1042",
          "name": "Globex renewal",
          "stage": "negotiation",
          "segment": "smb",
          "amount": 120000,
          "currency": "USD",
          "owner": "Ana Ruiz",
          "contacts": [{ "id": "c1", "name": "Li Wei", "roles": ["champion"], "power": "high" }],
          "activities": [{ "id": "a1", "type": "call", "direction": "outbound",
                           "occurred_at": "2026-11-01T10:00:00Z", "contacts": ["c1"] }],
          "evidence": { "meddic.metrics": { "status": "partial", "text": "20% faster close" } }
        },
        {
          "id": "D-7",
          "name": "Initech pilot",
          "stage": "discovery",
          "segment": "enterprise",
          "contacts": [{ "id": "c1", "name": "Sam Lee", "roles": ["champion", "economic_buyer"] }],
          "activities": [{ "id": "a1", "type": "meeting", "occurred_at": "2026-11-18T15:00:00Z" }]
        }
      ]
      """;

  static final String AS_OF = "2026-11-20";

  @TempDir Path dir;
  CliRunner cli;
  String playbook;
  String deals;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliRunner(dir);
    playbook = write("acme/playbook.yaml", ACME).getParent().toString();
    deals = write("deals.json", DEALS).toString();
  }

  Path write(String name, String content) {
    return TestFiles.write(dir, name, content);
  }

  @Test
  void evaluate_twoDeals_printsGapsActionsScorecardsAndReadiness() {
    CliRunner.Run run = cli.run("evaluate", deals, "--playbook", playbook, "--as-of", AS_OF);

    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .isEqualTo(
            """
        Playbook acme (2 rules) · as of 2026-11-20 · 2 deals

        D-1042  Globex renewal — negotiation · smb · 120,000 USD · owner Ana Ruiz
          Gaps (1)
            HIGH     Globex renewal is at negotiation with no economic buyer  [acme.eb-before-proposal]
          Next best actions (2)
            1. Ask your champion for an introduction to the economic buyer
               priority 90 · due 2026-11-23 · with Li Wei
               why: Globex renewal is at negotiation with no economic buyer
               say: "Who else will sign off on this?"
            2. Re-engage: no activity for 18 days
               priority 70 · due 2026-11-23
               why: Activity within the stale threshold
          Scorecards
            MEDDIC 25% (Metrics partial, Economic buyer unknown)
          Stage negotiation: not ready
            Ready to sign: Economic buyer met ✗, Metrics confirmed ✗

        D-7  Initech pilot — discovery · enterprise
          No gaps or actions.
          Scorecards
            MEDDIC 50% (Metrics unknown)
          Stage discovery: not ready
            Discovery complete: Pain confirmed ✗, Champion identified ✓

        2 deals: 1 gap (1 high), 2 actions
        """);
    assertThat(run.exitCode()).isZero();
  }

  /** Two reps in two teams; file order puts the deal without gaps first. */
  static final String TEAM_DEALS =
      """
      [
        { "id": "D-1", "name": "Quiet one", "stage": "discovery", "owner": "Ana Ruiz",
          "team": "east", "contacts": [{ "id": "c1", "name": "Sam Lee", "roles": ["champion"] }],
          "activities": [{ "id": "a1", "type": "meeting", "occurred_at": "2026-11-18T15:00:00Z" }] },
        { "id": "D-2", "name": "Risky one", "stage": "negotiation", "owner": "Ana Ruiz",
          "team": "east", "contacts": [{ "id": "c1", "name": "Li Wei", "roles": ["champion"] }],
          "activities": [{ "id": "a1", "type": "call", "occurred_at": "2026-11-19T10:00:00Z" }] },
        { "id": "D-3", "name": "Other rep", "stage": "negotiation", "owner": "Bo Chen",
          "team": "west", "contacts": [],
          "activities": [{ "id": "a1", "type": "call", "occurred_at": "2026-11-19T10:00:00Z" }] }
      ]
      """;

  @Test
  void evaluate_ownerCompactWorstFirst_printsTheRepsDealsShortWorstFirst() {
    String teamDeals = write("team.json", TEAM_DEALS).toString();

    CliRunner.Run run =
        cli.run(
            "evaluate",
            teamDeals,
            "--playbook",
            playbook,
            "--as-of",
            AS_OF,
            "--owner",
            "Ana Ruiz",
            "--compact",
            "--sort",
            "worst-first");

    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .isEqualTo(
            """
        Playbook acme (2 rules) · as of 2026-11-20 · 2 deals

        D-2  Risky one — negotiation · owner Ana Ruiz
          Gaps (1)
            HIGH     Risky one is at negotiation with no economic buyer  [acme.eb-before-proposal]
          Next best actions (1)
            1. Ask your champion for an introduction to the economic buyer
               priority 90 · due 2026-11-23 · with Li Wei
               say: "Who else will sign off on this?"
          Stage negotiation: not ready
            Ready to sign: Economic buyer met ✗, Metrics confirmed ✗

        D-1  Quiet one — discovery · owner Ana Ruiz
          No gaps or actions.
          Stage discovery: not ready
            Discovery complete: Pain confirmed ✗, Champion identified ✓

        2 deals: 1 gap (1 high), 1 action
        """);
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void evaluate_team_printsOnlyThatTeamsDealsInFileOrder() {
    String teamDeals = write("team.json", TEAM_DEALS).toString();

    CliRunner.Run run =
        cli.run("evaluate", teamDeals, "--playbook", playbook, "--as-of", AS_OF, "--team", "east");

    assertThat(run.out())
        .startsWith("Playbook acme (2 rules) · as of 2026-11-20 · 2 deals\n\nD-1  Quiet one")
        .contains("\nD-2  Risky one")
        .doesNotContain("D-3");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void evaluate_ownerNobodyHas_suggestsTheClosestAndExits1() {
    String teamDeals = write("team.json", TEAM_DEALS).toString();

    CliRunner.Run run =
        cli.run(
            "evaluate", teamDeals, "--playbook", playbook, "--as-of", AS_OF, "--owner", "Ana Ruis");

    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "error: no deal in "
                + teamDeals
                + " has owner 'Ana Ruis' (did you mean 'Ana Ruiz'?)\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void evaluate_unknownSortOrder_isAUsageError() {
    CliRunner.Run run =
        cli.run("evaluate", deals, "--playbook", playbook, "--as-of", AS_OF, "--sort", "worst");

    assertThat(run.err())
        .startsWith(
            "Invalid value for option '--sort': 'worst' is not an order of deals; use file or"
                + " worst-first\n");
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void evaluate_chineseLocale_headerSummaryAndStageLinesAreChinese() {
    CliRunner.Run run =
        cli.run("evaluate", deals, "--playbook", playbook, "--as-of", AS_OF, "--locale", "zh-CN");

    assertThat(run.out())
        .startsWith("销售剧本 acme（2 条规则） · 截至 2026年11月20日 · 2 个商机\n")
        .contains(
            "D-1042  Globex renewal — negotiation · smb · 120,000 USD · 负责人 Ana Ruiz\n",
            "  阶段 negotiation：尚不可推进\n",
            " · 截止 2026年11月23日")
        .endsWith("\n2 个商机：1 个差距（1 高），2 个行动\n");
  }

  @Test
  void evaluate_jsonFormat_eachEvaluationIsTheLibrarysJsonOfIt() throws IOException {
    CliRunner.Run run =
        cli.run("evaluate", deals, "--playbook", playbook, "--as-of", AS_OF, "--format", "json");

    JsonNode root = new ObjectMapper().readTree(run.out());
    Playbook acme = Playbook.load(Path.of(playbook));
    List<Deal> input = Deals.read(Path.of(deals));
    assertThat(root.get("evaluations")).hasSize(input.size());
    for (int i = 0; i < input.size(); i++) {
      ObjectNode written = (ObjectNode) root.get("evaluations").get(i).deepCopy();
      written.remove("deal");
      ObjectNode document = new ObjectMapper().createObjectNode().put("schema_version", 1);
      document.setAll(written);
      Evaluation evaluation = acme.evaluate(input.get(i), Instant.parse(AS_OF + "T00:00:00Z"));

      assertThat(ResultJson.readEvaluation(document.toString())).isEqualTo(evaluation);
      assertThat(new ObjectMapper().readTree(ResultJson.write(evaluation))).isEqualTo(document);
    }
  }

  @Test
  void evaluate_jsonFormat_writesDocumentedFields() throws IOException {
    CliRunner.Run run =
        cli.run("evaluate", deals, "--playbook", playbook, "--as-of", AS_OF, "--format", "json");

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertThat(fields(root))
        .containsExactly("schema_version", "playbook", "as_of", "locale", "evaluations", "errors");
    assertThat(root.get("schema_version").asInt()).isEqualTo(1);
    assertThat(root.get("playbook").asText()).isEqualTo("acme");
    assertThat(root.get("as_of").asText()).isEqualTo("2026-11-20T00:00:00Z");
    assertThat(root.get("locale").asText()).isEqualTo("en");
    assertThat(root.get("errors")).isEmpty();
    assertThat(root.get("evaluations")).hasSize(2);

    JsonNode first = root.get("evaluations").get(0);
    assertThat(fields(first))
        .containsExactly(
            "deal",
            "deal_id",
            "as_of",
            "locale",
            "segment",
            "actions",
            "gaps",
            "scorecards",
            "stage_readiness",
            "fired_rules");
    assertThat(first.get("deal_id").asText()).isEqualTo("D-1042");
    assertThat(first.get("fired_rules"))
        .extracting(JsonNode::asText)
        .containsExactly("acme.eb-before-proposal", "acme.stale");
    JsonNode deal = first.get("deal");
    assertThat(fields(deal))
        .containsExactly("id", "name", "stage", "segment", "owner", "amount", "currency");
    assertThat(deal.get("id").asText()).isEqualTo("D-1042");
    assertThat(deal.get("amount").decimalValue()).isEqualByComparingTo("120000");
    assertThat(deal.get("currency").asText()).isEqualTo("USD");

    JsonNode action = first.get("actions").get(0);
    assertThat(fields(action))
        .containsExactly(
            "rule",
            "title",
            "priority",
            "due",
            "reason",
            "target",
            "talk_track",
            "methodology",
            "element",
            "provenance");
    assertThat(action.get("rule").asText()).isEqualTo("acme.eb-before-proposal");
    assertThat(action.get("priority").asInt()).isEqualTo(90);
    assertThat(action.get("due").asText()).isEqualTo("2026-11-23");
    assertThat(fields(action.get("target"))).containsExactly("contact_id", "name");
    assertThat(action.get("target").get("contact_id").asText()).isEqualTo("c1");
    assertThat(action.get("talk_track").asText()).isEqualTo("Who else will sign off on this?");
    assertThat(action.get("methodology").asText()).isEqualTo("meddic");
    assertThat(action.get("provenance").asText()).isEqualTo(playbook + "/playbook.yaml:31");
    JsonNode stale = first.get("actions").get(1);
    assertThat(stale.get("target").isNull()).isTrue();
    assertThat(stale.get("talk_track").isNull()).isTrue();
    assertThat(stale.get("methodology").isNull()).isTrue();

    JsonNode gap = first.get("gaps").get(0);
    assertThat(fields(gap))
        .containsExactly(
            "rule", "severity", "message", "methodology", "element", "evidence", "provenance");
    assertThat(gap.get("severity").asText()).isEqualTo("high");
    assertThat(gap.get("message").asText())
        .isEqualTo("Globex renewal is at negotiation with no economic buyer");
    assertThat(gap.get("element").asText()).isEqualTo("economic_buyer");
    assertThat(gap.get("evidence"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "stage >= proposal: true (stage = negotiation)",
            "none(contacts, role == economic_buyer): true (none of 1 contacts match: Li Wei)");

    JsonNode scorecard = first.get("scorecards").get(0);
    assertThat(fields(scorecard)).containsExactly("methodology", "title", "percent", "elements");
    assertThat(scorecard.get("percent").asInt()).isEqualTo(25);
    JsonNode element = scorecard.get("elements").get(1);
    assertThat(fields(element)).containsExactly("id", "title", "status", "gaps");
    assertThat(element.get("status").asText()).isEqualTo("unknown");
    assertThat(element.get("gaps"))
        .extracting(JsonNode::asText)
        .containsExactly("acme.eb-before-proposal");

    JsonNode readiness = root.get("evaluations").get(1).get("stage_readiness");
    assertThat(fields(readiness)).containsExactly("stage", "ready", "key_nodes");
    assertThat(readiness.get("ready").asBoolean()).isFalse();
    JsonNode keyNode = readiness.get("key_nodes").get(0);
    assertThat(fields(keyNode)).containsExactly("id", "title", "met", "criteria");
    assertThat(fields(keyNode.get("criteria").get(0))).containsExactly("id", "title", "met");
    assertThat(keyNode.get("criteria"))
        .extracting(c -> c.get("id").asText() + "=" + c.get("met").asBoolean())
        .containsExactly("pain=false", "champion=true");
    JsonNode quiet = root.get("evaluations").get(1).get("deal");
    assertThat(quiet.get("amount").isNull()).isTrue();
    assertThat(quiet.get("owner").isNull()).isTrue();
  }

  @Test
  void evaluate_severalPlaybooks_printsOneSectionEachAndJsonResults() throws IOException {
    String other =
        write(
                "lean.yaml",
                """
        playbook: lean
        stages: [prospecting, qualification, discovery, proposal, negotiation, closed_won, closed_lost]
        rules: []
        """)
            .toString();

    CliRunner.Run text =
        cli.run("evaluate", deals, "--playbook", playbook, "--playbook", other, "--as-of", AS_OF);
    CliRunner.Run json =
        cli.run(
            "evaluate",
            deals,
            "--playbook",
            playbook,
            "--playbook",
            other,
            "--as-of",
            AS_OF,
            "--format",
            "json");

    assertThat(text.exitCode()).isZero();
    assertThat(text.out())
        .contains(
            "\n2 deals: 1 gap (1 high), 2 actions\n\nPlaybook lean (0 rules) · as of 2026-11-20 · 2 deals\n")
        .endsWith(
            """
            D-7  Initech pilot — discovery · enterprise
              No gaps or actions.

            2 deals: 0 gaps, 0 actions
            """);
    assertThat(json.exitCode()).isZero();
    JsonNode root = new ObjectMapper().readTree(json.out());
    assertThat(fields(root)).containsExactly("results");
    assertThat(root.get("results"))
        .extracting(r -> r.get("playbook").asText())
        .containsExactly("acme", "lean");
  }

  @Test
  void evaluate_dealAtUnknownStage_reportsErrorEvaluatesTheOthersAndExitsPartial()
      throws IOException {
    String mixed =
        write(
                "mixed.yaml",
                """
        - { id: D-9, name: Hooli, stage: won }
        - { id: D-10, name: Umbrella, stage: prospecting }
        """)
            .toString();

    CliRunner.Run run = cli.run("evaluate", mixed, "--playbook", playbook, "--as-of", AS_OF);

    assertThat(run.out())
        .isEqualTo(
            """
        Playbook acme (2 rules) · as of 2026-11-20 · 2 deals

        D-10  Umbrella — prospecting
          No gaps or actions.
          Scorecards
            MEDDIC 0% (Metrics unknown, Economic buyer unknown)

        2 deals: 0 gaps, 0 actions; 1 could not be evaluated
        """);
    assertThat(run.err())
        .isEqualTo(
            "error: deal 'D-9' is at stage 'won', which playbook 'acme' does not define;"
                + " its stages are: prospecting, qualification, discovery, proposal, negotiation, closed_won, closed_lost\n");
    assertThat(run.exitCode()).isEqualTo(4);
  }

  @Test
  void evaluate_dealAtUnknownStageAsJson_listsTheError() throws IOException {
    String mixed =
        write(
                "mixed.jsonl",
                """
        {"id": "D-9", "stage": "won"}
        {"id": "D-10", "stage": "prospecting"}
        """)
            .toString();

    CliRunner.Run run =
        cli.run("evaluate", mixed, "--playbook", playbook, "--as-of", AS_OF, "--format", "json");

    JsonNode root = new ObjectMapper().readTree(run.out());
    assertThat(root.get("evaluations"))
        .extracting(e -> e.get("deal").get("id").asText())
        .containsExactly("D-10");
    assertThat(root.get("errors")).hasSize(1);
    assertThat(fields(root.get("errors").get(0))).containsExactly("deal", "message");
    assertThat(root.get("errors").get(0).get("deal").asText()).isEqualTo("D-9");
    assertThat(root.get("errors").get(0).get("message").asText())
        .startsWith("deal 'D-9' is at stage 'won'");
    assertThat(run.err()).startsWith("error: deal 'D-9' is at stage 'won'");
    assertThat(run.exitCode()).isEqualTo(4);
  }

  @Test
  void evaluate_playbookWithProblems_printsEveryProblemAndExits1() throws IOException {
    Path broken = write("broken/playbook.yaml", ValidateCommandTest.BROKEN);

    CliRunner.Run run =
        cli.run("evaluate", deals, "--playbook", broken.getParent().toString(), "--as-of", AS_OF);

    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(ValidateCommandTest.brokenProblems(broken));
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void evaluate_badDealsFile_printsEveryProblemAndExits1() throws IOException {
    Path bad =
        write(
            "bad.json",
            """
        [
          { "id": "D-1", "stage": "proposal", "amout": 5 },
          { "id": "D-2", "amount": "lots" }
        ]
        """);

    CliRunner.Run run =
        cli.run("evaluate", bad.toString(), "--playbook", playbook, "--as-of", AS_OF);

    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            bad
                + ":2:39: unknown-field: 'amout' is not a deal field (did you mean 'amount'?)\n"
                + bad
                + ":3:3: missing-field: a deal needs 'stage'\n"
                + bad
                + ":3:28: wrong-type: 'amount' must be a number, not a string\n"
                + "3 problems found\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void evaluate_brokenPlaybookAndDealsFile_reportsTheProblemsOfBoth() throws IOException {
    Path broken =
        write(
            "broken.yaml",
            """
        playbook: broken
        stages: [open, won]
        rulez: []
        """);
    Path bad =
        write(
            "bad.jsonl",
            """
        {"id": "D-1"}
        """);

    CliRunner.Run run = cli.run("evaluate", bad.toString(), "--playbook", broken.toString());

    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            bad
                + ":1:1: missing-field: a deal needs 'stage'\n"
                + broken
                + ":3:1: unknown-field: 'rulez' is not a field of a playbook (did you mean 'rules'?)\n"
                + "2 problems found\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void evaluate_customValueOfAnotherTypeThanDeclared_reportsItAtTheValue_andEvaluatesNothing() {
    String typed =
        write(
                "typed/playbook.yaml",
                """
                playbook: typed
                stages: [lead, proposal, won, lost]
                custom_fields: { exec_sponsor: boolean }
                rules:
                  - id: typed.no-sponsor
                    when: stage == proposal and custom.exec_sponsor != true
                    gap: { severity: critical, message: "no executive sponsor" }
                """)
            .getParent()
            .toString();
    Path sponsor =
        write(
            "sponsor.jsonl",
            """
            {"id": "D-1", "stage": "proposal", "custom": {"exec_sponsor": "yes"}}
            """);

    CliRunner.Run run =
        cli.run("evaluate", sponsor.toString(), "--playbook", typed, "--as-of", AS_OF);

    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            sponsor
                + ":1:63: custom-field-type: custom field 'exec_sponsor' is declared boolean (true"
                + " or false), but this value is the text \"yes\"; write true, without quotes\n"
                + "1 problem found\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void evaluate_missingDealsFile_reportsUnreadableFile() {
    String missing = dir.resolve("nowhere.json").toString();

    CliRunner.Run run = cli.run("evaluate", missing, "--playbook", playbook, "--as-of", AS_OF);

    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            missing + ": file-unreadable: cannot read file: no such file\n" + "1 problem found\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void evaluate_chineseLocale_printsChineseMessagesAndTalkTracks() {
    CliRunner.Run text =
        cli.run("evaluate", deals, "--playbook", playbook, "--as-of", AS_OF, "--locale", "zh-CN");
    CliRunner.Run json =
        cli.run(
            "evaluate",
            deals,
            "--playbook",
            playbook,
            "--as-of",
            AS_OF,
            "--locale",
            "zh-CN",
            "--format",
            "json");

    assertThat(text.exitCode()).isZero();
    assertThat(text.out())
        .contains(
            """
          差距 (1)
            高        Globex renewal 已到 negotiation 阶段，但没有经济决策人  [acme.eb-before-proposal]
        """,
            """
               话术： "还有谁会最终批准这个项目？"
        """);
    assertThat(json.exitCode()).isZero();
    assertThat(json.out())
        .contains("\"locale\": \"zh-CN\"", "\"talk_track\": \"还有谁会最终批准这个项目？\"")
        .doesNotContain("\\u");
  }

  @Test
  void evaluate_yamlDealsAndPlaybookFile_areAccepted() throws IOException {
    String yamlDeals =
        write(
                "deals.yml",
                """
        id: D-10
        name: Umbrella
        stage: prospecting
        """)
            .toString();

    CliRunner.Run run =
        cli.run(
            "evaluate",
            yamlDeals,
            "--playbook",
            playbook + "/playbook.yaml",
            "--as-of",
            "2026-11-20T09:30:00Z");

    assertThat(run.out())
        .startsWith("Playbook acme (2 rules) · as of 2026-11-20T09:30:00Z · 1 deal\n")
        .endsWith("\n1 deal: 0 gaps, 0 actions\n");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void evaluate_noPlaybookOption_usesTheExampleFolderUnderHome() throws IOException {
    write("examples/playbooks/acme/playbook.yaml", ACME);

    CliRunner.Run run = cli.run("evaluate", deals, "--as-of", AS_OF);

    assertThat(run.out()).startsWith("Playbook acme (2 rules) · as of 2026-11-20 · 2 deals\n");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void evaluate_noPlaybookOptionAndNoDefault_isAUsageError() {
    CliRunner.Run run = cli.run("evaluate", deals, "--as-of", AS_OF);

    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "no --playbook given and no default playbook found (looked for the built-in"
                + " standard-b2b and the folder "
                + dir.resolve("examples/playbooks/acme")
                + ")\n"
                + cli.usage("evaluate"));
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void evaluate_unknownPlaybook_isAUsageError() {
    CliRunner.Run run = cli.run("evaluate", deals, "--playbook", "no-such-playbook");

    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "Invalid value for option '--playbook': 'no-such-playbook' is neither a playbook"
                + " folder or file nor a built-in playbook (there are no built-in playbooks)\n"
                + cli.usage("evaluate"));
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void evaluate_badAsOf_isAUsageErrorNamingOptionAndValue() {
    CliRunner.Run run = cli.run("evaluate", deals, "--playbook", playbook, "--as-of", "2026-13-01");

    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "Invalid value for option '--as-of': '2026-13-01' is not a date such as"
                + " 2026-11-20 or an instant such as 2026-11-20T09:00:00Z\n"
                + cli.usage("evaluate"));
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void evaluate_badLocaleOrFormat_isAUsageError() {
    CliRunner.Run locale = cli.run("evaluate", deals, "--playbook", playbook, "--locale", "en_US!");
    CliRunner.Run format = cli.run("evaluate", deals, "--playbook", playbook, "--format", "xml");

    assertThat(locale.err())
        .isEqualTo(
            "Invalid value for option '--locale': 'en_US!' is not a language tag such"
                + " as en or zh-CN\n"
                + cli.usage("evaluate"));
    assertThat(locale.exitCode()).isEqualTo(2);
    assertThat(format.err())
        .isEqualTo(
            "Invalid value for option '--format': 'xml' is not an output format;"
                + " use text or json\n"
                + cli.usage("evaluate"));
    assertThat(format.exitCode()).isEqualTo(2);
  }

  @Test
  void evaluate_unknownOption_isAUsageError() {
    CliRunner.Run unknown = cli.run("evaluate", deals, "--bogus");
    CliRunner.Run typo = cli.run("evaluate", deals, "--playbok=" + playbook);

    assertThat(unknown.out()).isEmpty();
    assertThat(unknown.err()).isEqualTo("Unknown option: '--bogus'\n" + cli.usage("evaluate"));
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(typo.err())
        .isEqualTo(
            "Unknown option: '--playbok="
                + playbook
                + "'\n"
                + "Possible solutions: --playbook\n"
                + cli.usage("evaluate"));
    assertThat(typo.exitCode()).isEqualTo(2);
  }

  @Test
  void evaluate_noDealsFile_isAUsageError() {
    CliRunner.Run run = cli.run("evaluate");

    assertThat(run.err())
        .isEqualTo("Missing required parameter: 'DEALS'\n" + cli.usage("evaluate"));
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void evaluate_help_printsUsageAndExits0() {
    CliRunner.Run run = cli.run("evaluate", "--help");

    assertThat(run.out()).isEqualTo(cli.usage("evaluate"));
    assertThat(run.out())
        .contains("--playbook=PLAYBOOK", "--as-of=WHEN", "--format=FORMAT", "--locale=TAG");
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
  }

  static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
