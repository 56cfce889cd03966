package dev.playbook.internal.lang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.model.DealField;
import dev.playbook.model.DealField.Part;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The condition language speaks of the deal fields of {@link DealField}: each field of the table is
 * a field of its record's scope, with the same choices, and the scopes add only facts derived from
 * them.
 */
class SchemaDealFieldsTest {

  /** Facts the condition language computes from the deal, besides its fields. */
  private static final Set<String> DERIVED_DEAL_FACTS =
      Set.of("stage_entered_at", "last_activity", "close_date_pushes", "now");

  /** Deal fields rules read through functions rather than as fields. */
  private static final Set<String> READ_BY_FUNCTION = Set.of("evidence", "custom");

  /**
   * Activity texts conditions do not read: they are untrusted and long, and the analysis of
   * conversations turns them into tracker hits ({@code hits.<tracker>}), which conditions do read.
   */
  private static final Set<String> TEXT_FOR_ANALYSIS = Set.of("subject", "body");

  /**
   * Deal fields that are not facts about the sale: reps' feedback answers the findings, so a rule
   * that read it would change the findings the feedback is about; the loop honours it instead.
   */
  private static final Set<String> NOT_FOR_RULES = Set.of("feedback");

  @Test
  void dealScope_hasEveryFieldOfTheTable_andOnlyDerivedFactsBesides() {
    Type.Scope deal = Schema.dealScope(Map.of());

    Set<String> expected = new LinkedHashSet<>(DealField.keys(Part.DEAL));
    expected.removeAll(READ_BY_FUNCTION);
    expected.removeAll(NOT_FOR_RULES);
    expected.addAll(DERIVED_DEAL_FACTS);

    assertThat(deal.fields().keySet()).containsExactlyInAnyOrderElementsOf(expected);
    assertChoices(deal, Part.DEAL);
  }

  @Test
  void recordScopes_haveTheFieldsOfTheTable() {
    assertThat(Schema.CONTACT.fields().keySet())
        .containsExactlyInAnyOrderElementsOf(withRole(DealField.keys(Part.CONTACT)));
    Set<String> activity = new LinkedHashSet<>(DealField.keys(Part.ACTIVITY));
    activity.removeAll(TEXT_FOR_ANALYSIS);
    activity.addAll(SignalFields.NAMES); // filled by the analysis of conversations
    assertThat(Schema.ACTIVITY.fields().keySet()).containsExactlyInAnyOrderElementsOf(activity);
    assertThat(Schema.NEXT_STEP.fields().keySet())
        .containsExactlyInAnyOrderElementsOf(DealField.keys(Part.NEXT_STEP));
    assertThat(Schema.STAGE_CHANGE.fields().keySet())
        .containsExactlyInAnyOrderElementsOf(DealField.keys(Part.STAGE_CHANGE));
    assertThat(Schema.CLOSE_DATE_CHANGE.fields().keySet())
        .containsExactlyInAnyOrderElementsOf(DealField.keys(Part.CLOSE_DATE_CHANGE));
    assertChoices(Schema.CONTACT, Part.CONTACT);
    assertChoices(Schema.ACTIVITY, Part.ACTIVITY);
    assertChoices(Schema.NEXT_STEP, Part.NEXT_STEP);
  }

  @Test
  void evidenceStatus_hasTheChoicesOfTheTable() {
    assertThat(Schema.EVIDENCE_STATUS.ids())
        .isEqualTo(DealField.find(Part.EVIDENCE, "status").orElseThrow().choices());
  }

  /** Conditions may say 'role' as well as 'roles' of a contact. */
  private static List<String> withRole(List<String> keys) {
    List<String> all = new java.util.ArrayList<>(keys);
    all.add("role");
    return all;
  }

  private static void assertChoices(Type.Scope scope, Part part) {
    for (DealField f : DealField.of(part)) {
      if (f.type() != DealField.Type.CHOICE) {
        continue;
      }
      Type t = scope.fields().get(f.key()).type();
      Type.Choice e = t instanceof Type.SetOf s ? (Type.Choice) s.element() : (Type.Choice) t;
      assertThat(Set.copyOf(e.ids())).as(part + "." + f.key()).isEqualTo(Set.copyOf(f.choices()));
    }
  }
}
