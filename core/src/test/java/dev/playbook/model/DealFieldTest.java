package dev.playbook.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playbook.model.DealField.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The deal field table is the one vocabulary: the JSON Schema and the docs page are checked against
 * it here (the reader takes its keys from it; the condition language, the CSV mapping and the
 * streams JSON have their own checks in their modules).
 */
class DealFieldTest {

  private static final Map<Part, String> DEFINITIONS =
      Map.of(
          Part.FEEDBACK, "feedback",
          Part.DEAL, "dealFields",
          Part.STAGE_CHANGE, "stageChange",
          Part.CLOSE_DATE_CHANGE, "closeDateChange",
          Part.CONTACT, "contact",
          Part.ACTIVITY, "activity",
          Part.NEXT_STEP, "nextStep",
          Part.EVIDENCE, "evidence");

  private static JsonNode schema() throws IOException {
    try (InputStream in =
        DealField.class.getResourceAsStream("/dev/playbook/schema/deal.schema.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  @Test
  void schema_hasTheKeysRequiredFieldsAndChoicesOfTheTable() throws IOException {
    JsonNode definitions = schema().path("definitions");
    for (Part part : Part.values()) {
      JsonNode def = definitions.path(DEFINITIONS.get(part));
      Set<String> keys = new HashSet<>();
      def.path("properties").fieldNames().forEachRemaining(keys::add);
      assertThat(keys).as(part + " keys").isEqualTo(Set.copyOf(DealField.keys(part)));

      JsonNode requiredNode =
          part == Part.DEAL ? definitions.path("deal").path("required") : def.path("required");
      Set<String> required = new HashSet<>();
      requiredNode.forEach(n -> required.add(n.asText()));
      assertThat(required)
          .as(part + " required")
          .isEqualTo(
              DealField.of(part).stream()
                  .filter(DealField::required)
                  .map(DealField::key)
                  .collect(Collectors.toSet()));

      for (DealField f : DealField.of(part)) {
        JsonNode property = def.path("properties").path(f.key());
        String types = property.path("type").toString() + property.path("anyOf").toString();
        assertThat(types.contains("\"array\""))
            .as(part + "." + f.key() + " is a list")
            .isEqualTo(f.list());
        if (f.type() == DealField.Type.CHOICE) {
          JsonNode value = f.list() ? property.path("items") : property;
          List<String> ids = new ArrayList<>();
          value.path("anyOf").get(0).path("enum").forEach(n -> ids.add(n.asText()));
          assertThat(ids).as(part + "." + f.key() + " choices").isEqualTo(f.choices());
        }
        if (!f.list() && f.type() == DealField.Type.NUMBER) {
          assertThat(types).as(part + "." + f.key()).containsAnyOf("\"number\"", "\"integer\"");
        }
        if (!f.list() && f.type() == DealField.Type.BOOLEAN) {
          assertThat(types).as(part + "." + f.key()).contains("\"boolean\"");
        }
      }
    }
  }

  @Test
  void docsPage_hasEachRecordsTable_asTheTableSaysIt() throws IOException {
    Path doc = Path.of("..", "docs", "deal-facts.md");
    String page = Files.readString(Files.exists(doc) ? doc : Path.of("docs", "deal-facts.md"));

    for (Part part : Part.values()) {
      assertThat(page).as("the table of " + part.title()).contains(table(part));
    }
  }

  @Test
  void typeWords_sayListsAndRecords() {
    assertThat(DealField.find(Part.DEAL, "stage_history").orElseThrow().typeWords())
        .isEqualTo("list of stage changes");
    assertThat(DealField.find(Part.DEAL, "activities").orElseThrow().typeWords())
        .isEqualTo("list of activities");
    assertThat(DealField.find(Part.CONTACT, "roles").orElseThrow().typeWords())
        .isEqualTo("list of choices");
    assertThat(DealField.find(Part.DEAL, "evidence").orElseThrow().typeWords())
        .isEqualTo("mapping of evidence entries");
    assertThat(DealField.find(Part.DEAL, "nope")).isEmpty();
  }

  @Test
  void aChoiceWithoutIds_isRefused() {
    assertThatThrownBy(
            () ->
                new DealField(
                    Part.DEAL, "x", DealField.Type.CHOICE, false, false, List.of(), null, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("field x: a choice lists its ids, and only a choice does");
  }

  /** The markdown table of a record on docs/deal-facts.md. */
  static String table(Part part) {
    StringBuilder out = new StringBuilder("| Key | Type | Required | Notes |\n|---|---|---|---|\n");
    for (DealField f : DealField.of(part)) {
      String notes = f.notes();
      if (!f.choices().isEmpty()) {
        String ids = f.choices().stream().map(c -> "`" + c + "`").collect(Collectors.joining(", "));
        notes = notes.isEmpty() ? ids : ids + "; " + notes;
      }
      out.append("| `")
          .append(f.key())
          .append("` | ")
          .append(f.typeWords())
          .append(" |")
          .append(cell(f.required() ? "yes" : ""))
          .append("|")
          .append(cell(notes))
          .append("|\n");
    }
    return out.toString();
  }

  private static String cell(String text) {
    return text.isEmpty() ? " " : " " + text + " ";
  }
}
