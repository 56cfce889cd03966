package dev.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {

  @TempDir Path dir;
  CliRunner cli;
  String playbook;
  String rules;
  String deals;

  @BeforeEach
  void setUp() {
    cli = new CliRunner(dir);
    Path file = TestFiles.write(dir, "acme/playbook.yaml", EvaluateCommandTest.ACME);
    playbook = file.getParent().toString();
    rules = file.toString();
    deals = TestFiles.write(dir, "deals.json", EvaluateCommandTest.DEALS).toString();
  }

  @Test
  void explain_everyRule_saysWhichFiredAndWhy() {
    CliRunner.Run run =
        cli.run(
            "explain", deals, "--deal", "D-1042", "--playbook", playbook, "--as-of", "2026-11-20");

    assertThat(run.out())
        .isEqualTo(
            """
        Playbook acme (2 rules) · as of 2026-11-20
        D-1042  Globex renewal — negotiation · smb · 120,000 USD · owner Ana Ruiz

        acme.eb-before-proposal  fired          (%1$s:31)
          when: stage >= proposal and none(contacts, role == economic_buyer)
            and: true
              stage >= proposal: true (stage = negotiation)
              none(contacts, role == economic_buyer): true (none of 1 contacts match: Li Wei)

        acme.stale               fired          (%1$s:47)
          when: days_since(last_activity) > param(stale_days)
            days_since(last_activity) > param(stale_days): true (days_since(last_activity) = 18, param(stale_days) = 14)

        Exit criteria of the deal's stage

        ready_to_sign.eb_met     not met        (%1$s:24)
          when: any(contacts, role == economic_buyer)
            any(contacts, role == economic_buyer): false (none of 1 contacts match: Li Wei)

        ready_to_sign.metrics    not met        (%1$s:25)
          when: evidence(meddic.metrics) == confirmed
            evidence(meddic.metrics) == confirmed: false (evidence(meddic.metrics) = partial)

        Scorecard elements with confirmed_when

        meddic.economic_buyer    unconfirmed    (%1$s:12)
          when: any(contacts, role == economic_buyer)
            any(contacts, role == economic_buyer): false (none of 1 contacts match: Li Wei)

        2 of 2 rules fired, 0 of 2 exit criteria met, 0 of 1 scorecard element confirmed
        """
                .formatted(rules));
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void explain_ruleThatDidNotFire_showsThePartThatWasFalse() {
    String eb =
        TestFiles.write(
                dir,
                "eb.yaml",
                """
        - id: D-1043
          name: Globex expansion
          stage: negotiation
          contacts: [{ id: c1, name: Li Wei, roles: [economic_buyer] }]
        """)
            .toString();

    CliRunner.Run run =
        cli.run(
            "explain",
            eb,
            "--deal",
            "D-1043",
            "--rule",
            "acme.eb-before-proposal",
            "--playbook",
            playbook,
            "--as-of",
            "2026-11-20");

    assertThat(run.out())
        .isEqualTo(
            """
        Playbook acme (2 rules) · as of 2026-11-20
        D-1043  Globex expansion — negotiation

        acme.eb-before-proposal  did not fire   (%s:31)
          when: stage >= proposal and none(contacts, role == economic_buyer)
            and: false
              stage >= proposal: true (stage = negotiation)
              none(contacts, role == economic_buyer): false (role == economic_buyer: Li Wei)
        """
                .formatted(rules));
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void explain_conditionOverSeveralLines_isPrintedOnOne() {
    String multiLine =
        TestFiles.write(
                dir,
                "multi.yaml",
                """
        playbook: multi
        stages: [open, won]
        rules:
          - id: multi.big
            when: |
              stage == open
              and amount > 100
            action: { title: Look closer }
        """)
            .toString();
    String deal =
        TestFiles.write(dir, "deal.yaml", "{ id: D-1, stage: open, amount: 50 }\n").toString();

    CliRunner.Run run =
        cli.run("explain", deal, "--deal", "D-1", "--playbook", multiLine, "--as-of", "2026-11-20");

    assertThat(run.out())
        .isEqualTo(
            """
        Playbook multi (1 rule) · as of 2026-11-20
        D-1  open · 50

        multi.big  did not fire   (%s:4)
          when: stage == open and amount > 100
            and: false
              stage == open: true (stage = open)
              amount > 100: false (amount = 50)

        0 of 1 rule fired
        """
                .formatted(multiLine));
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void explain_notAndOrNesting_isIndentedSoEachPartShowsWhereItCounts() {
    String nested =
        TestFiles.write(
                dir,
                "nested.yaml",
                """
        playbook: nested
        stages: [open, won]
        rules:
          - id: nested.watch
            when: (amount > 100 and not (owner is present)) or (stage == won and amount > 1000)
            action: { title: Look closer }
        """)
            .toString();
    String deal =
        TestFiles.write(dir, "deal.yaml", "{ id: D-1, stage: open, amount: 500 }\n").toString();

    CliRunner.Run run =
        cli.run("explain", deal, "--deal", "D-1", "--playbook", nested, "--as-of", "2026-11-20");

    assertThat(run.out())
        .isEqualTo(
            """
        Playbook nested (1 rule) · as of 2026-11-20
        D-1  open · 500

        nested.watch  fired          (%s:4)
          when: (amount > 100 and not (owner is present)) or (stage == won and amount > 1000)
            or: true
              and: true
                amount > 100: true (amount = 500)
                not: true
                  (owner is present): false (owner = missing)
              and: false
                stage == won: false (stage = open)
                amount > 1000: false (amount = 500)

        1 of 1 rule fired
        """
                .formatted(nested));
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void explain_exitCriterionByItsId_explainsOnlyThatCriterion() {
    CliRunner.Run run =
        cli.run(
            "explain",
            deals,
            "--deal",
            "D-7",
            "--rule",
            "discovery_done.champion",
            "--playbook",
            playbook,
            "--as-of",
            "2026-11-20");

    assertThat(run.out())
        .isEqualTo(
            """
        Playbook acme (2 rules) · as of 2026-11-20
        D-7  Initech pilot — discovery · enterprise

        Exit criteria of the deal's stage

        discovery_done.champion  met            (%s:19)
          when: any(contacts, role == champion)
            any(contacts, role == champion): true (role == champion: Sam Lee)
        """
                .formatted(rules));
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void explain_formatJson_keepsTheTree() throws Exception {
    CliRunner.Run run =
        cli.run(
            "explain",
            deals,
            "--deal",
            "D-1042",
            "--rule",
            "acme.eb-before-proposal",
            "--playbook",
            playbook,
            "--as-of",
            "2026-11-20",
            "--format",
            "json");

    assertThat(run.out())
        .isEqualTo(
            """
        {
          "schema_version": 1,
          "playbook": "acme",
          "as_of": "2026-11-20T00:00:00Z",
          "deal": "D-1042",
          "explanations": [
            {
              "kind": "rule",
              "rule": "acme.eb-before-proposal",
              "title": "Economic buyer identified before proposal",
              "fired": true,
              "condition": "stage >= proposal and none(contacts, role == economic_buyer)",
              "parts": [
                {
                  "text": "stage >= proposal",
                  "value": "true",
                  "detail": "stage = negotiation"
                },
                {
                  "text": "none(contacts, role == economic_buyer)",
                  "value": "true",
                  "detail": "none of 1 contacts match: Li Wei"
                }
              ],
              "tree": {
                "text": "and",
                "value": "true",
                "detail": "",
                "kids": [
                  {
                    "text": "stage >= proposal",
                    "value": "true",
                    "detail": "stage = negotiation",
                    "kids": []
                  },
                  {
                    "text": "none(contacts, role == economic_buyer)",
                    "value": "true",
                    "detail": "none of 1 contacts match: Li Wei",
                    "kids": []
                  }
                ]
              },
              "provenance": "%s:31"
            }
          ]
        }
        """
                .formatted(rules));
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void explain_unknownDeal_suggestsTheClosestIdAndListsThemAndExits1() {
    CliRunner.Run run = cli.run("explain", deals, "--deal", "D-1024", "--playbook", playbook);

    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "error: deal 'D-1024' is not in "
                + deals
                + " (did you mean 'D-1042'?); its deals are: D-1042, D-7\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void explain_unknownDealAmongMany_listsTheFirstTen() {
    StringBuilder many = new StringBuilder();
    for (int i = 1; i <= 12; i++) {
      many.append("{\"id\": \"N-").append(i).append("\", \"stage\": \"proposal\"}\n");
    }
    String file = TestFiles.write(dir, "many.jsonl", many.toString()).toString();

    CliRunner.Run run = cli.run("explain", file, "--deal", "Z-9999", "--playbook", playbook);

    assertThat(run.err())
        .isEqualTo(
            "error: deal 'Z-9999' is not in "
                + file
                + "; its deals are: N-1, N-2, N-3, N-4, N-5, N-6, N-7, N-8, N-9, N-10 and 2 more\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void explain_unknownRule_saysSoWithTheClosestIdAndExits1() {
    CliRunner.Run run =
        cli.run("explain", deals, "--deal", "D-7", "--rule", "acme.stail", "--playbook", playbook);

    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "error: playbook 'acme' has no rule 'acme.stail' (did you mean 'acme.stale'?)\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void explain_severalPlaybooks_explainsWithEachAndNamesThoseWithoutTheRule() {
    String lean =
        TestFiles.write(
                dir,
                "lean.yaml",
                """
        playbook: lean
        stages: [prospecting, qualification, discovery, proposal, negotiation, closed_won, closed_lost]
        rules: []
        """)
            .toString();

    CliRunner.Run run =
        cli.run(
            "explain",
            deals,
            "--deal",
            "D-7",
            "--rule",
            "acme.stale",
            "--playbook",
            lean,
            "--playbook",
            playbook,
            "--playbook",
            playbook,
            "--as-of",
            "2026-11-20");

    String section =
        """
        Playbook acme (2 rules) · as of 2026-11-20
        D-7  Initech pilot — discovery · enterprise

        acme.stale  did not fire   (%s:47)
          when: days_since(last_activity) > param(stale_days)
            days_since(last_activity) > param(stale_days): false (days_since(last_activity) = 1, param(stale_days) = 21)
        """
            .formatted(rules);
    assertThat(run.out()).isEqualTo(section + "\n" + section);
    assertThat(run.err()).isEqualTo("error: playbook 'lean' has no rule 'acme.stale'\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void explain_dealAtUnknownStage_saysSoAndExits1() {
    String won = TestFiles.write(dir, "won.yaml", "{ id: D-9, stage: won }\n").toString();

    CliRunner.Run run = cli.run("explain", won, "--deal", "D-9", "--playbook", playbook);

    assertThat(run.err())
        .isEqualTo(
            "error: deal 'D-9' is at stage 'won', which playbook 'acme' does not define;"
                + " its stages are: prospecting, qualification, discovery, proposal, negotiation, closed_won, closed_lost\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void explain_brokenPlaybook_printsItsProblemsAndExits1() {
    Path broken = TestFiles.write(dir, "broken/playbook.yaml", ValidateCommandTest.BROKEN);

    CliRunner.Run run =
        cli.run("explain", deals, "--deal", "D-7", "--playbook", broken.getParent().toString());

    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(ValidateCommandTest.brokenProblems(broken));
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void explain_noPlaybookOption_usesTheExampleFolderUnderHome() {
    TestFiles.write(dir, "examples/playbooks/acme/playbook.yaml", EvaluateCommandTest.ACME);

    CliRunner.Run run = cli.run("explain", deals, "--deal", "D-7", "--as-of", "2026-11-20");

    assertThat(run.out())
        .startsWith("Playbook acme (2 rules) · as of 2026-11-20\n")
        .endsWith(
            "\n0 of 2 rules fired, 1 of 2 exit criteria met, 1 of 1 scorecard element confirmed\n");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void explain_withoutDeal_isAUsageError() {
    cli.assertUsageError(
        "Missing required option: '--deal=ID'", "explain", deals, "--playbook", playbook);
  }

  @Test
  void explain_badAsOf_isAUsageError() {
    cli.assertUsageError(
        "Invalid value for option '--as-of': 'yesterday' is not a date such as 2026-11-20 or an"
            + " instant such as 2026-11-20T09:00:00Z",
        "explain",
        deals,
        "--deal",
        "D-7",
        "--as-of",
        "yesterday");
  }

  @Test
  void explain_unknownPlaybook_isAUsageError() {
    cli.assertUsageError(
        "Invalid value for option '--playbook': 'medic' is neither a playbook folder or file nor"
            + " a built-in playbook (there are no built-in playbooks)",
        "explain",
        deals,
        "--deal",
        "D-7",
        "--playbook",
        "medic");
  }

  @Test
  void explain_help_listsTheOptions() {
    assertThat(cli.assertHelp("explain"))
        .contains("--deal=ID", "--rule=RULE", "--playbook=PLAYBOOK", "--as-of=WHEN");
  }
}
