package dev.playbook.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.playbook.model.DealField;
import dev.playbook.model.DealField.Part;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The columns of a CSV mapping fill the deal fields of core's table, {@link DealField}. */
class CsvMappingFieldsTest {

  @Test
  void fields_areTheDealFieldsThatHoldOneValue_thenNextStep() {
    List<String> expected = new ArrayList<>();
    for (DealField f : DealField.of(Part.DEAL)) {
      if (!f.list() && f.type() != DealField.Type.MAPPING) {
        expected.add(f.key());
      }
    }
    expected.add("next_step");

    assertThat(CsvMapping.FIELDS).containsExactlyElementsOf(expected);
  }

  @Test
  void parse_lastActivityAtColumn_isRefusedWithTheCustomFieldToUseInstead() {
    ProblemException e =
        catchThrowableOfType(
            () ->
                CsvMapping.parse(
                    "crm.mapping.yaml",
                    "mapping: crm\ncolumns:\n  id: Id\n  stage: Stage\n  last_activity_at: LastActivity\n"),
            ProblemException.class);

    assertThat(e.problems())
        .extracting(Problem::render)
        .containsExactly(
            "crm.mapping.yaml:5:3: unknown-field: 'last_activity_at' is not a deal field: a deal's last"
                + " activity is the latest of its activities, and a row lists none; map the column to a"
                + " custom date field instead (custom.last_activity_at, with custom_types:"
                + " {last_activity_at: date})");
  }
}
