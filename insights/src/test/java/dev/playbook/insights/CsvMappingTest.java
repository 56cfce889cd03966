package dev.playbook.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import org.junit.jupiter.api.Test;

class CsvMappingTest {

  @Test
  void parse_badMapping_reportsEveryProblemWithPosition() {
    // given
    String yaml =
        """
        mapping: crm
        delimitter: ";"
        date_formats: [yyyy-MM-dd, "yyyy-MM-dd ppp Q{"]
        joins:
          teams: { file: teams.csv, on: rep }
        columns:
          id: opp_id
          ownr: rep
          team: team.manager
          stage: [stage]
        custom_types:
          product: money
        outcome:
          won: { column: stage }
        """;

    // when
    ProblemException e =
        catchThrowableOfType(
            ProblemException.class, () -> CsvMapping.parse("crm.mapping.yaml", yaml));

    // then
    assertThat(e.problems())
        .extracting(Problem::render)
        .containsExactly(
            "crm.mapping.yaml:2:1: unknown-field: 'delimitter' is not a mapping field (did you mean 'delimiter'?);"
                + " the fields are: mapping, description, delimiter, date_formats, zero_is_missing, columns,"
                + " custom_types, stages, outcome, stage_history, joins, file, keys, skip, time_zone, children",
            "crm.mapping.yaml:3:28: invalid-value: date format 'yyyy-MM-dd ppp Q{' is not a valid pattern (Pad letter"
                + " 'p' must be followed by valid pad pattern: yyyy-MM-dd ppp Q{); write it like 'yyyy-MM-dd' or 'M/d/yyyy'",
            "crm.mapping.yaml:8:3: unknown-field: 'ownr' is not a deal field (did you mean 'owner'?); the fields are: id,"
                + " stage, name, account, owner, team, segment, amount, currency, created_at, close_date, lead_source,"
                + " mql_at, sql_at, assigned_at, probability, forecast_category, next_step, and custom.<name>",
            "crm.mapping.yaml:9:9: unknown-join: 'team' in 'team.manager' is not a join of this mapping (did you mean"
                + " 'teams'?); its joins are: teams",
            "crm.mapping.yaml:12:12: invalid-value: type 'money' of custom.product must be one of: text, number, date,"
                + " boolean",
            "crm.mapping.yaml:14:8: missing-field: outcome won needs 'values': the texts that mean it"
                + " (or 'present: true')");
  }

  @Test
  void parse_yamlSyntaxError_reportsPosition() {
    ProblemException e =
        catchThrowableOfType(
            ProblemException.class,
            () -> CsvMapping.parse("m.yaml", "mapping: x\ncolumns:\n\tid: a\n"));
    assertThat(e.problems())
        .extracting(Problem::render)
        .containsExactly(
            "m.yaml:3:1: yaml-syntax: tabs are not allowed for indentation; use spaces");
  }

  @Test
  void builtIn_unknownName_suggestsTheClosest() {
    ProblemException e =
        catchThrowableOfType(ProblemException.class, () -> CsvMapping.builtIn("maven_crm"));
    assertThat(e.getMessage())
        .isEqualTo(
            "maven_crm: unknown-mapping: there is no built-in mapping 'maven_crm' (did you mean"
                + " 'maven-crm'?); the built-in mappings are: hubspot, maven-crm, salesforce,"
                + " salesforce-opportunity");
  }

  @Test
  void builtIn_shippedMappings_load() {
    assertThat(CsvMapping.builtIn("maven-crm").name()).isEqualTo("maven-crm");
    assertThat(CsvMapping.builtIn("salesforce-opportunity").columns().get("account"))
        .containsExactly("Account.Name", "AccountId");
  }
}
