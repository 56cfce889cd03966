package dev.playbook.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.playbook.Deals;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DealsTest {

  static final String FULL_JSON =
      """
      {
        "id": "D-1",
        "name": "Acme renewal",
        "account": "Acme",
        "owner": "rep@example.com",
        "team": "emea",
        "segment": "enterprise",
        "stage": "proposal",
        "stage_history": [
          {"stage": "discovery", "entered_at": "2026-09-01T09:00:00Z"},
          {"stage": "proposal", "entered_at": "2026-10-15"}
        ],
        "amount": 120000.50,
        "currency": "eur",
        "created_at": "2026-08-20T10:15:00+08:00",
        "close_date": "2026-12-15",
        "close_date_history": [
          {"from": null, "to": "2026-11-30", "changed_at": "2026-08-20T10:15:00Z"},
          {"from": "2026-11-30", "to": "2026-12-15", "changed_at": "2026-10-01T08:00:00Z"}
        ],
        "lead_source": "webinar",
        "mql_at": "2026-08-01T00:00:00Z",
        "sql_at": "2026-08-10T00:00:00Z",
        "assigned_at": "2026-08-11T00:00:00Z",
        "probability": 60,
        "forecast_category": "best case",
        "contacts": [
          {"id": "c-1", "name": "Ana Diaz", "title": "CFO",
           "roles": ["decision-maker", "economic_buyer"], "power": "high",
           "response_mode": "Even Keel", "last_engaged_at": "2026-10-20T14:00:00Z",
           "primary": true},
          {"id": "c-2", "name": "Ben Ode", "roles": ["champion"]}
        ],
        "activities": [
          {"id": "A-1", "type": "meeting", "direction": "outbound",
           "occurred_at": "2026-10-20T14:00:00Z", "contacts": ["c-1", "c-2"], "outcome": "advance",
           "tags": ["reframe", "pricing"], "counts": {"implication_questions": 3},
           "duration_minutes": 45, "subject": "Pricing, \\\"final\\\" review",
           "body": "Ana: the budget is approved.\\nBen: we sign in Q4."},
          {"id": "A-2", "type": "email", "occurred_at": "2026-10-21"}
        ],
        "next_steps": [
          {"title": "Send proposal", "due": "2026-10-25", "owner": "rep@example.com",
           "status": "done", "buyer_commitment": true},
          {"title": "Legal review"}
        ],
        "evidence": {
          "meddic.metrics": {"status": "confirmed", "text": "Cuts month-end close by 3 days",
                             "updated_at": "2026-10-01T00:00:00Z"},
          "meddic.champion": {"status": "partial"}
        },
        "custom": {"renewal": true, "seats": 250, "go_live": "2027-01-15", "region": "EMEA"}
      }
      """;

  static final String FULL_YAML =
      """
      id: D-1
      name: Acme renewal
      account: Acme
      owner: rep@example.com
      team: emea
      segment: enterprise
      stage: proposal
      stage_history:
        - stage: discovery
          entered_at: 2026-09-01T09:00:00Z
        - stage: proposal
          entered_at: 2026-10-15
      amount: 120000.50
      currency: eur
      created_at: 2026-08-20T10:15:00+08:00
      close_date: 2026-12-15
      close_date_history:
        - from:
          to: 2026-11-30
          changed_at: 2026-08-20T10:15:00Z
        - {from: 2026-11-30, to: 2026-12-15, changed_at: 2026-10-01T08:00:00Z}
      lead_source: webinar
      mql_at: 2026-08-01T00:00:00Z
      sql_at: 2026-08-10T00:00:00Z
      assigned_at: 2026-08-11T00:00:00Z
      probability: 60
      forecast_category: best case
      contacts:
        - id: c-1
          name: Ana Diaz
          title: CFO
          roles: [decision-maker, economic_buyer]
          power: high
          response_mode: Even Keel
          last_engaged_at: 2026-10-20T14:00:00Z
          primary: true
        - id: c-2
          name: Ben Ode
          roles: [champion]
      activities:
        - id: A-1
          type: meeting
          direction: outbound
          occurred_at: 2026-10-20T14:00:00Z
          contacts: [c-1, c-2]
          outcome: advance
          tags: [reframe, pricing]
          counts:
            implication_questions: 3
          duration_minutes: 45
          subject: 'Pricing, "final" review'
          body: |-
            Ana: the budget is approved.
            Ben: we sign in Q4.
        - {id: A-2, type: email, occurred_at: 2026-10-21}
      next_steps:
        - title: Send proposal
          due: 2026-10-25
          owner: rep@example.com
          status: done
          buyer_commitment: true
        - title: Legal review
      evidence:
        meddic.metrics:
          status: confirmed
          text: Cuts month-end close by 3 days
          updated_at: 2026-10-01T00:00:00Z
        meddic.champion: {status: partial}
      custom:
        renewal: true
        seats: 250
        go_live: 2027-01-15
        region: EMEA
      """;

  static Deal expectedFullDeal() {
    return Deal.builder("D-1", "proposal")
        .name("Acme renewal")
        .account("Acme")
        .owner("rep@example.com")
        .team("emea")
        .segment("enterprise")
        .addStageChange("discovery", Instant.parse("2026-09-01T09:00:00Z"))
        .addStageChange("proposal", Instant.parse("2026-10-15T00:00:00Z"))
        .amount(new BigDecimal("120000.50"))
        .currency("EUR")
        .createdAt(Instant.parse("2026-08-20T02:15:00Z"))
        .closeDate(LocalDate.parse("2026-12-15"))
        .addCloseDateChange(
            null, LocalDate.parse("2026-11-30"), Instant.parse("2026-08-20T10:15:00Z"))
        .addCloseDateChange(
            LocalDate.parse("2026-11-30"),
            LocalDate.parse("2026-12-15"),
            Instant.parse("2026-10-01T08:00:00Z"))
        .leadSource("webinar")
        .mqlAt(Instant.parse("2026-08-01T00:00:00Z"))
        .sqlAt(Instant.parse("2026-08-10T00:00:00Z"))
        .assignedAt(Instant.parse("2026-08-11T00:00:00Z"))
        .probability(new BigDecimal("60"))
        .forecastCategory(ForecastCategory.BEST_CASE)
        .addContact(
            Contact.builder("c-1")
                .name("Ana Diaz")
                .title("CFO")
                .roles(BuyingRole.ECONOMIC_BUYER, BuyingRole.DECISION_MAKER)
                .power(Power.HIGH)
                .responseMode(ResponseMode.EVEN_KEEL)
                .lastEngagedAt(Instant.parse("2026-10-20T14:00:00Z"))
                .primary(true)
                .build())
        .addContact(Contact.builder("c-2").name("Ben Ode").roles(BuyingRole.CHAMPION).build())
        .addActivity(
            Activity.builder("A-1", ActivityType.MEETING, Instant.parse("2026-10-20T14:00:00Z"))
                .direction(Direction.OUTBOUND)
                .contactIds("c-1", "c-2")
                .outcome(Outcome.ADVANCE)
                .tags("reframe", "pricing")
                .count("implication_questions", 3)
                .durationMinutes(45)
                .subject("Pricing, \"final\" review")
                .body("Ana: the budget is approved.\nBen: we sign in Q4.")
                .build())
        .addActivity(
            Activity.builder("A-2", ActivityType.EMAIL, Instant.parse("2026-10-21T00:00:00Z"))
                .build())
        .addNextStep(
            new NextStep(
                "Send proposal",
                LocalDate.parse("2026-10-25"),
                "rep@example.com",
                NextStepStatus.DONE,
                true))
        .addNextStep(new NextStep("Legal review", null, null, NextStepStatus.OPEN, false))
        .putEvidence(
            "meddic.metrics",
            new Evidence(
                EvidenceStatus.CONFIRMED,
                "Cuts month-end close by 3 days",
                Instant.parse("2026-10-01T00:00:00Z")))
        .putEvidence("meddic.champion", Evidence.of(EvidenceStatus.PARTIAL))
        .putCustom("renewal", CustomValue.of(true))
        .putCustom("seats", CustomValue.of(new BigDecimal("250")))
        .putCustom("go_live", CustomValue.of(LocalDate.parse("2027-01-15")))
        .putCustom("region", CustomValue.of("EMEA"))
        .build();
  }

  private static List<String> problemsOf(String fileName, String content) {
    ProblemException e =
        catchThrowableOfType(ProblemException.class, () -> Deals.parse(fileName, content));
    assertThat(e).as("expected problems").isNotNull();
    return e.problems().stream().map(Problem::render).toList();
  }

  @Nested
  class HappyPaths {

    @Test
    void parse_fullJsonDeal_mapsEveryField() {
      List<Deal> deals = Deals.parse("deals.json", FULL_JSON);

      assertThat(deals).containsExactly(expectedFullDeal());
    }

    @Test
    void parse_fullYamlDeal_mapsEveryFieldLikeJson() {
      List<Deal> deals = Deals.parse("deals.yaml", FULL_YAML);

      assertThat(deals).containsExactly(expectedFullDeal());
    }

    @Test
    void parse_mapsKeepFileOrder() {
      Deal deal = Deals.parse("deals.json", FULL_JSON).get(0);

      assertThat(deal.evidence().keySet()).containsExactly("meddic.metrics", "meddic.champion");
      assertThat(deal.custom().keySet()).containsExactly("renewal", "seats", "go_live", "region");
      assertThat(deal.activities().get(0).tags()).containsExactly("reframe", "pricing");
      assertThat(deal.contacts().get(0).roles())
          .containsExactly(BuyingRole.ECONOMIC_BUYER, BuyingRole.DECISION_MAKER);
    }

    @Test
    void parse_jsonArray_readsEveryDeal() {
      String content =
          """
          [
            {"id": "D-1", "stage": "discovery"},
            {"id": 1002, "stage": "proposal", "amount": 5e3}
          ]
          """;

      List<Deal> deals = Deals.parse("deals.json", content);

      assertThat(deals)
          .containsExactly(
              Deal.builder("D-1", "discovery").build(),
              Deal.builder("1002", "proposal").amount(new BigDecimal("5e3")).build());
    }

    @Test
    void parse_yamlList_readsEveryDeal() {
      String content = "- id: D-1\n  stage: discovery\n- {id: D-2, stage: proposal}\n";

      assertThat(Deals.parse("deals.yml", content))
          .containsExactly(
              Deal.builder("D-1", "discovery").build(), Deal.builder("D-2", "proposal").build());
    }

    @Test
    void parse_jsonLines_readsOneDealPerLineSkippingBlankLines() {
      String content =
          "{\"id\": \"D-1\", \"stage\": \"discovery\"}\n\n{\"id\": \"D-2\", \"stage\": \"won\"}\n";

      assertThat(Deals.parse("deals.jsonl", content))
          .extracting(Deal::id)
          .containsExactly("D-1", "D-2");
    }

    @Test
    void parse_emptyYaml_isNoDeals() {
      assertThat(Deals.parse("deals.yaml", "# nothing yet\n")).isEmpty();
    }

    @Test
    void parse_nullValues_areTheSameAsLeavingTheFieldOut() {
      String content =
          "{\"id\": \"D-1\", \"stage\": \"x\", \"amount\": null, \"contacts\": null,"
              + " \"custom\": {\"a\": null}}";

      assertThat(Deals.parse("deals.json", content))
          .containsExactly(Deal.builder("D-1", "x").build());
    }

    @Test
    void parse_timestamps_acceptZuluOffsetsAndBareDates() {
      String content =
          """
          id: D-1
          stage: x
          created_at: 2026-11-02T10:15:00Z
          mql_at: 2026-11-02T10:15:30.5+08:00
          sql_at: 2026-11-02
          """;

      Deal deal = Deals.parse("d.yaml", content).get(0);

      assertThat(deal.createdAt()).isEqualTo(Instant.parse("2026-11-02T10:15:00Z"));
      assertThat(deal.mqlAt()).isEqualTo(Instant.parse("2026-11-02T02:15:30.5Z"));
      assertThat(deal.sqlAt()).isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"deals.json", "deals.JSON", "deals.yaml", "deals.yml"})
    void read_jsonAndYamlFiles_choosesTheFormatByExtension(String name, @TempDir Path dir)
        throws IOException {
      Path file = dir.resolve(name);
      Files.writeString(file, name.toLowerCase().endsWith(".json") ? FULL_JSON : FULL_YAML);

      assertThat(Deals.read(file)).containsExactly(expectedFullDeal());
    }

    @ParameterizedTest
    @ValueSource(strings = {"deals.jsonl", "deals.ndjson"})
    void read_jsonLinesFiles_choosesTheFormatByExtension(String name, @TempDir Path dir)
        throws IOException {
      Path file = dir.resolve(name);
      Files.writeString(
          file,
          FULL_JSON.replace("\n", " ")
              + "\n"
              + FULL_JSON.replace("\n", " ").replace("\"D-1\"", "\"D-2\""));

      assertThat(Deals.read(file)).extracting(Deal::id).containsExactly("D-1", "D-2");
    }
  }

  @Nested
  class Problems {

    @Test
    void read_unknownExtension_isUnknownFormat(@TempDir Path dir) throws IOException {
      Path file = dir.resolve("deals.csv");
      Files.writeString(file, "id,stage\n");

      ProblemException e = catchThrowableOfType(ProblemException.class, () -> Deals.read(file));

      assertThat(e.getMessage())
          .isEqualTo(
              file
                  + ": unknown-format: cannot tell the format of this file from its name; use"
                  + " .json, .jsonl, .ndjson, .yaml or .yml");
    }

    @Test
    void read_missingFile_isUnreadable(@TempDir Path dir) {
      Path file = dir.resolve("deals.json");

      ProblemException e = catchThrowableOfType(ProblemException.class, () -> Deals.read(file));

      assertThat(e.getMessage())
          .isEqualTo(file + ": file-unreadable: cannot read file: no such file");
    }

    @Test
    void parse_misspeltContactField_isUnknownFieldWithSuggestion() {
      String content = "id: D-1\nstage: x\ncontacts:\n  - id: c-1\n    titel: CFO\n";

      assertThat(problemsOf("d.yaml", content))
          .containsExactly(
              "d.yaml:5:5: unknown-field: 'titel' is not a contact field (did you mean 'title'?)");
    }

    @Test
    void parse_camelCaseDealField_isUnknownFieldWithTheSnakeCaseSuggestion() {
      String content = "{\"id\": \"D-1\", \"stage\": \"x\", \"closeDate\": \"2026-01-01\"}";

      assertThat(problemsOf("d.json", content))
          .containsExactly(
              "d.json:1:29: unknown-field: 'closeDate' is not a deal field (did you mean"
                  + " 'close_date'?)");
    }

    @Test
    void parse_subjectLongerThanTheLimit_isInvalidValueAndTheDealIsLeftOut() {
      String content =
          "- id: D-1\n  stage: x\n  activities:\n"
              + "    - {id: A-1, type: email, occurred_at: 2026-11-02, subject: "
              + "s".repeat(Activity.MAX_SUBJECT_LENGTH + 1)
              + "}\n"
              + "- id: D-2\n  stage: x\n";

      assertThat(problemsOf("d.yaml", content))
          .containsExactly(
              "d.yaml:4:64: invalid-value: 'subject' has 1001 characters, more than the 1000"
                  + " allowed");
    }

    @Test
    void parse_primaryThatIsNotTrueOrFalse_isWrongType() {
      String content =
          "{\"id\": \"D-1\", \"stage\": \"x\", \"contacts\": [{\"id\": \"c\", \"primary\": \"yes\"}]}";

      assertThat(problemsOf("d.json", content))
          .containsExactly(
              "d.json:1:65: wrong-type: 'primary' must be true or false, not a string");
    }

    @Test
    void parse_dealWithoutStage_isMissingField() {
      assertThat(problemsOf("d.yaml", "- id: D-1\n  name: Acme\n"))
          .containsExactly("d.yaml:1:3: missing-field: a deal needs 'stage'");
    }

    @Test
    void parse_amountAsString_isWrongType() {
      assertThat(problemsOf("d.json", "{\"id\": \"D-1\", \"stage\": \"x\", \"amount\": \"50000\"}"))
          .containsExactly("d.json:1:39: wrong-type: 'amount' must be a number, not a string");
    }

    @Test
    void parse_misspeltRole_isInvalidValueWithSuggestionAndKnownRoles() {
      String content =
          "id: D-1\nstage: x\ncontacts:\n  - id: c-1\n    roles: [champion, economic buyerr]\n";

      assertThat(problemsOf("d.yaml", content))
          .containsExactly(
              "d.yaml:5:23: invalid-value: 'roles' has 'economic buyerr', which is not a buying"
                  + " role (did you mean 'economic_buyer'?); known: economic_buyer, champion,"
                  + " coach, technical, user, decision_maker, influencer, blocker");
    }

    @Test
    void parse_unknownPower_isInvalidValueListingTheChoices() {
      String content = "id: D-1\nstage: x\ncontacts:\n  - id: c-1\n    power: hihg\n";

      assertThat(problemsOf("d.yaml", content))
          .containsExactly(
              "d.yaml:5:12: invalid-value: 'power' is 'hihg', which is not a power level (did"
                  + " you mean 'high'?); known: high, medium, low");
    }

    @Test
    void parse_badTimestampDateAndProbability_areInvalidValues() {
      String content =
          """
          id: D-1
          stage: x
          created_at: 2026/11/02
          close_date: 2026-11-31
          probability: 130
          """;

      assertThat(problemsOf("d.yaml", content))
          .containsExactly(
              "d.yaml:3:13: invalid-value: 'created_at' must be a date-time like"
                  + " 2026-11-02T10:15:00Z, not '2026/11/02'",
              "d.yaml:4:13: invalid-value: 'close_date' must be a date like 2026-11-02, not"
                  + " '2026-11-31'",
              "d.yaml:5:14: invalid-value: 'probability' must be between 0 and 100, not 130");
    }

    @Test
    void parse_dateTimeWithoutOffset_isInvalidValue() {
      assertThat(problemsOf("d.yaml", "id: D-1\nstage: x\nsql_at: 2026-11-02T10:15:00\n"))
          .containsExactly(
              "d.yaml:3:9: invalid-value: 'sql_at' must be a date-time like 2026-11-02T10:15:00Z,"
                  + " not '2026-11-02T10:15:00'");
    }

    @Test
    void parse_otherValueChecks_areInvalidValues() {
      String content =
          """
          id: D-1
          stage: " "
          amount: -5
          currency: dollars
          activities:
            - id: A-1
              type: call
              occurred_at: 2026-11-02
              duration_minutes: 12.5
              counts: {questions: -1}
          custom:
            renewal_date: 2026-02-30
          """;

      assertThat(problemsOf("d.yaml", content))
          .containsExactly(
              "d.yaml:2:8: invalid-value: 'stage' must not be empty",
              "d.yaml:3:9: invalid-value: 'amount' must be zero or more, not -5",
              "d.yaml:4:11: invalid-value: 'currency' must be a three-letter code like USD, not"
                  + " 'dollars'",
              "d.yaml:9:23: invalid-value: 'duration_minutes' must be a whole number of zero or"
                  + " more, not 12.5",
              "d.yaml:10:25: invalid-value: 'questions' in 'counts' must be zero or more, not -1",
              "d.yaml:12:17: invalid-value: 'renewal_date' in 'custom' looks like a date, but"
                  + " '2026-02-30' is not a day in the calendar");
    }

    @Test
    void parse_wrongShapes_areWrongTypes() {
      String content =
          """
          id: D-1
          stage: x
          contacts: c-1
          next_steps: [call them]
          evidence: {meddic.metrics: confirmed}
          custom: {tiers: [1, 2]}
          activities:
            - {id: A-1, type: 3, occurred_at: 2026-11-02, tags: [[x]], counts: {q: many}}
          created_at: 20261102
          """;

      assertThat(problemsOf("d.yaml", content))
          .containsExactly(
              "d.yaml:3:11: wrong-type: 'contacts' must be a list, not a string",
              "d.yaml:4:14: wrong-type: each item of 'next_steps' must be a mapping, not a string",
              "d.yaml:5:28: wrong-type: 'meddic.metrics' in 'evidence' must be a mapping, not a"
                  + " string",
              "d.yaml:6:17: wrong-type: 'tiers' in 'custom' must be text, a number, true/false or"
                  + " a date, not a list",
              "d.yaml:8:21: wrong-type: 'type' must be an activity type, not a number",
              "d.yaml:8:56: wrong-type: each item of 'tags' must be a string, not a list",
              "d.yaml:8:74: wrong-type: 'q' in 'counts' must be a number, not a string",
              "d.yaml:9:13: wrong-type: 'created_at' must be a date-time like"
                  + " 2026-11-02T10:15:00Z, not a number");
    }

    @Test
    void parse_dealIdTwiceInJsonLines_isDuplicateIdWithTheFirstLine() {
      String content =
          "{\"id\": \"D-1\", \"stage\": \"x\"}\n{\"id\": \"D-2\", \"stage\": \"x\"}\n"
              + "{\"id\": \"D-1\", \"stage\": \"y\"}\n";

      assertThat(problemsOf("d.jsonl", content))
          .containsExactly(
              "d.jsonl:3:8: duplicate-id: deal id 'D-1' appears twice (first at line 1)");
    }

    @Test
    void parse_contactAndActivityIdsTwiceInADeal_areDuplicateIds() {
      String content =
          """
          id: D-1
          stage: x
          contacts:
            - id: c-1
            - id: c-1
          activities:
            - {id: A-1, type: call, occurred_at: 2026-11-02}
            - {id: A-1, type: call, occurred_at: 2026-11-03}
          """;

      assertThat(problemsOf("d.yaml", content))
          .containsExactly(
              "d.yaml:5:9: duplicate-id: contact id 'c-1' appears twice in this deal (first at"
                  + " line 4)",
              "d.yaml:8:10: duplicate-id: activity id 'A-1' appears twice in this deal (first at"
                  + " line 7)");
    }

    @Test
    void parse_activityNamingAnotherContact_isUnknownContact() {
      String content =
          """
          id: D-1
          stage: x
          contacts: [{id: c-1}]
          activities:
            - id: A-3
              type: call
              occurred_at: 2026-11-02
              contacts: [c-1, c-9]
          """;

      assertThat(problemsOf("d.yaml", content))
          .containsExactly(
              "d.yaml:8:21: unknown-contact: activity 'A-3' names contact 'c-9', which is not"
                  + " among this deal's contacts");
    }

    @Test
    void parse_requiredFieldsOfNestedRecords_areMissingFields() {
      String content =
          """
          id: D-1
          stage: x
          stage_history: [{stage: discovery}]
          close_date_history: [{from: 2026-01-01}]
          contacts: [{name: Ana}]
          activities: [{id: A-1}]
          next_steps: [{due: 2026-01-01}]
          evidence: {meddic.metrics: {text: "x"}}
          """;

      assertThat(problemsOf("d.yaml", content))
          .containsExactly(
              "d.yaml:3:17: missing-field: a stage change needs 'entered_at'",
              "d.yaml:4:22: missing-field: a close date change needs 'changed_at'",
              "d.yaml:4:22: missing-field: a close date change needs 'to'",
              "d.yaml:5:12: missing-field: a contact needs 'id'",
              "d.yaml:6:14: missing-field: an activity needs 'occurred_at'",
              "d.yaml:6:14: missing-field: an activity needs 'type'",
              "d.yaml:7:14: missing-field: a next step needs 'title'",
              "d.yaml:8:28: missing-field: an evidence entry needs 'status'");
    }

    @Test
    void parse_rootThatIsNotADeal_isWrongType() {
      assertThat(problemsOf("d.json", "\"D-1\""))
          .containsExactly(
              "d.json:1:1: wrong-type: a deal file must hold a deal or a list of deals, not a"
                  + " string");
      assertThat(problemsOf("d.jsonl", "[{\"id\": \"D-1\"}]\n"))
          .containsExactly(
              "d.jsonl:1:1: wrong-type: each line must hold one deal (a JSON object), not a list");
    }

    @Test
    void parse_syntaxErrors_comeFromTheTreeReader() {
      assertThat(problemsOf("d.json", "{\"id\": \"D-1\",}"))
          .containsExactly("d.json:1:14: json-syntax: expected a key in double quotes, found '}'");
      assertThat(problemsOf("d.yaml", "id: &a D-1\nstage: x\n"))
          .containsExactly(
              "d.yaml:1:5: yaml-anchor: anchor '&a': anchors and aliases are not supported;"
                  + " repeat the value instead");
    }

    @Test
    void parse_manyProblems_areAllReportedSortedAcrossDealsAndLines() {
      // given: three bad deals and a syntax error in a JSON Lines file, and one good deal
      String content =
          String.join(
              "\n",
              "{\"id\": \"D-1\", \"stage\": \"x\", \"amount\": \"50000\", \"probabilty\": 5}",
              "{\"id\": \"D-2\"}",
              "{\"id\": \"D-3\", \"stage\": \"x\",",
              "{\"id\": \"D-4\", \"stage\": \"x\"}",
              "{\"id\": \"D-1\", \"stage\": \"x\", \"contacts\": [{\"id\": \"c-1\", \"roles\":"
                  + " [\"champ\"]}]}",
              "");

      // when
      ProblemException e =
          catchThrowableOfType(ProblemException.class, () -> Deals.parse("d.jsonl", content));

      // then
      assertThat(e.getMessage())
          .isEqualTo(
              String.join(
                  "\n",
                  "d.jsonl:1:39: wrong-type: 'amount' must be a number, not a string",
                  "d.jsonl:1:48: unknown-field: 'probabilty' is not a deal field (did you mean"
                      + " 'probability'?)",
                  "d.jsonl:2:1: missing-field: a deal needs 'stage'",
                  "d.jsonl:3:28: json-syntax: the line ends before the value is complete",
                  "d.jsonl:5:8: duplicate-id: deal id 'D-1' appears twice (first at line 1)",
                  "d.jsonl:5:66: invalid-value: 'roles' has 'champ', which is not a buying role"
                      + " (did you mean 'champion'?); known: economic_buyer, champion, coach, technical, user, decision_maker,"
                      + " influencer, blocker"));
    }
  }
}
