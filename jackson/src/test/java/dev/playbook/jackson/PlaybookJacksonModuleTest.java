package dev.playbook.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.playbook.Playbook;
import dev.playbook.json.ResultJson;
import dev.playbook.model.Contact;
import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Evaluations;
import dev.playbook.result.Explanation;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An application's own {@link ObjectMapper}, with the module registered, writes and reads results
 * exactly as {@link ResultJson} does, inside the application's own objects and whatever the
 * mapper's settings.
 */
class PlaybookJacksonModuleTest {

  private static final Instant AS_OF = Instant.parse("2026-11-20T09:00:00Z");

  private static final String ACME =
      """
      playbook: acme
      stages: [prospecting, proposal, closed_won, closed_lost]
      rules:
        - id: acme.eb
          when: stage >= proposal and none(contacts, role == economic_buyer)
          gap: { severity: high, message: "{deal.name} has no economic buyer" }
          action: { title: Find the economic buyer, priority: 90, due: 2d }
      """;

  /** What an application might answer with: its own fields beside the library's results. */
  record Reply(String requestId, Evaluation evaluation, List<Explanation> why) {}

  static Playbook acme;
  static Deal deal;
  static ObjectMapper mapper;

  @BeforeAll
  static void setUp() {
    acme = Playbook.parse("acme.yaml", ACME);
    deal =
        Deal.builder("D-1", "proposal")
            .name("Globex")
            .contacts(List.of(Contact.builder("c-1").name("Li Wei").build()))
            .build();
    // settings an application may have that must not change the library's JSON
    mapper =
        new ObjectMapper()
            .registerModule(new PlaybookJacksonModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .enable(SerializationFeature.WRITE_ENUMS_USING_INDEX);
  }

  @Test
  void writeValueAsString_evaluation_isTheDocumentResultJsonWrites() throws Exception {
    Evaluation e = acme.evaluate(deal, AS_OF);

    String json = mapper.writeValueAsString(e);

    assertThat(mapper.readTree(json)).isEqualTo(mapper.readTree(ResultJson.write(e)));
    assertThat(mapper.readTree(json).at("/gaps/0/severity").asText()).isEqualTo("high");
    assertThat(mapper.readTree(json).at("/as_of").asText()).isEqualTo("2026-11-20T09:00:00Z");
  }

  @Test
  void readValue_replyWithResults_readsBackEqualValues() throws Exception {
    Evaluation e = acme.evaluate(deal, AS_OF);
    Reply reply = new Reply("r-7", e, acme.explain(deal, AS_OF));

    String json = mapper.writeValueAsString(reply);
    Reply back = mapper.readValue(json, Reply.class);

    assertThat(back).isEqualTo(reply);
    JsonNode tree = mapper.readTree(json);
    assertThat(tree.get("RequestId").asText()).isEqualTo("r-7");
    assertThat(tree.at("/Evaluation/schema_version").asInt()).isEqualTo(1);
    assertThat(tree.at("/Why/0/rule").asText()).isEqualTo("acme.eb");
    assertThat(tree.at("/Why/0/tree/kids/0/text").asText()).isEqualTo("stage >= proposal");
  }

  @Test
  void readValue_evaluationsWithAnError_keepsTheError() throws Exception {
    Evaluations batch =
        acme.evaluateEach(
            List.of(deal, Deal.builder("D-2", "dreaming").build()), AS_OF, Locale.ENGLISH);

    Evaluations back = mapper.readValue(mapper.writeValueAsString(batch), Evaluations.class);

    assertThat(back).isEqualTo(batch);
    assertThat(back.failed().get(0).code()).isEqualTo("unknown-stage");
  }

  @Test
  void writeValueAsString_problem_isOneObjectOfTheProblemsDocument() throws Exception {
    ProblemException thrown = null;
    try {
      Playbook.parse("bad.yaml", "playbook: bad\nstages: [a]\nrules:\n  - id: x\n    when: nope\n");
    } catch (ProblemException e) {
      thrown = e;
    }
    Problem p = thrown.problems().get(0);

    String json = mapper.writeValueAsString(p);

    assertThat(mapper.readTree(json))
        .isEqualTo(mapper.readTree(ResultJson.writeProblems(List.of(p))).get("problems").get(0));
    assertThat(mapper.readValue(json, Problem.class)).isEqualTo(p);
  }

  @Test
  void readValue_badSeverity_failsWithThePathInsideTheValue() {
    String json = ResultJson.write(acme.evaluate(deal, AS_OF)).replace("\"high\"", "\"urgent\"");

    assertThatThrownBy(() -> mapper.readValue(json, Evaluation.class))
        .isInstanceOf(MismatchedInputException.class)
        .satisfies(
            t ->
                assertThat(((MismatchedInputException) t).getOriginalMessage())
                    .isEqualTo(
                        "gaps[0].severity: 'urgent' is not one of critical, high, medium, low,"
                            + " info"));
  }

  @Test
  void readValue_explanationMissingItsTree_namesTheKey() throws Exception {
    String json =
        "{\"RequestId\": \"r\", \"Evaluation\": "
            + ResultJson.write(acme.evaluate(deal, AS_OF))
            + ", \"Why\": [{\"kind\": \"rule\"}]}";

    assertThatThrownBy(() -> mapper.readValue(json, Reply.class))
        .isInstanceOf(MismatchedInputException.class)
        .satisfies(
            t ->
                assertThat(((MismatchedInputException) t).getOriginalMessage())
                    .isEqualTo("explanations[0].rule: is missing"));
  }
}
