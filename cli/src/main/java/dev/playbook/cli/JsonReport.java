package dev.playbook.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.playbook.json.ResultJson;
import dev.playbook.model.Deal;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Explanation;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes evaluations as one pretty-printed JSON document with snake_case keys; the fields are
 * described in {@code docs/cli.md}, and a field without a value is written as null, never left out.
 * Each evaluation and explanation is the object the library's {@link ResultJson} writes, so that
 * the command, the server and an application write one schema ({@code docs/json.md}). With one
 * playbook the document is that playbook's object; with several it is {@code {"results": [...]}},
 * one object per playbook.
 */
final class JsonReport {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
  private static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                  .withObjectEmptySeparator("")
                  .withArrayEmptySeparator(""))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  private JsonReport() {}

  static String write(List<PlaybookRun> runs) {
    JsonNode root;
    if (runs.size() == 1) {
      root = run(runs.get(0));
    } else {
      ArrayNode results = NODES.arrayNode();
      runs.forEach(r -> results.add(run(r)));
      root = NODES.objectNode().set("results", results);
    }
    return print(root);
  }

  /**
   * {@code root} pretty-printed the way every JSON output of the command is, ending in a newline.
   */
  static String print(JsonNode root) {
    try {
      return MAPPER.writer(PRETTY).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode run(PlaybookRun run) {
    ObjectNode o = NODES.objectNode();
    o.put("schema_version", ResultJson.SCHEMA_VERSION);
    o.put("playbook", run.playbook().id());
    o.put("as_of", run.asOf().toString());
    o.put("locale", run.locale().toLanguageTag());
    ArrayNode evaluations = o.putArray("evaluations");
    for (PlaybookRun.Result r : run.results()) {
      evaluations.add(evaluation(r.deal(), r.evaluation()));
    }
    ArrayNode errors = o.putArray("errors");
    for (PlaybookRun.Error e : run.errors()) {
      errors.addObject().put("deal", e.dealId()).put("message", e.message());
    }
    return o;
  }

  private static ObjectNode evaluation(Deal deal, Evaluation e) {
    ObjectNode o = NODES.objectNode();
    o.putObject("deal")
        .put("id", deal.id())
        .put("name", deal.name())
        .put("stage", deal.stage())
        .put("segment", e.segment())
        .put("owner", deal.owner())
        .put("amount", deal.amount())
        .put("currency", deal.currency());
    o.setAll(library(ResultJson.write(e)));
    return o;
  }

  /**
   * The explanations as the library writes them ({@code docs/json.md}): {@code kind}, {@code rule},
   * {@code title}, {@code fired}, {@code condition}, {@code parts}, {@code tree} and {@code
   * provenance}.
   */
  static ArrayNode explanations(List<Explanation> explanations) {
    return (ArrayNode) library(ResultJson.writeExplanations(explanations)).get("explanations");
  }

  /** A document of the library's JSON contract, without its {@code schema_version}. */
  private static ObjectNode library(String json) {
    try {
      ObjectNode o = (ObjectNode) MAPPER.readTree(json);
      o.remove("schema_version");
      return o;
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
