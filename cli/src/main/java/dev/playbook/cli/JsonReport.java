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
import dev.playbook.model.Deal;
import dev.playbook.result.Action;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Gap;
import dev.playbook.result.Scorecard;
import dev.playbook.result.StageReadiness;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes evaluations as one pretty-printed JSON document with snake_case keys; the fields are
 * described in {@code docs/cli.md}, and a field without a value is written as null, never left out.
 * With one playbook the document is that playbook's object; with several it is {@code {"results":
 * [...]}}, one object per playbook.
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
    ArrayNode actions = o.putArray("actions");
    e.actions().forEach(a -> actions.add(action(a)));
    ArrayNode gaps = o.putArray("gaps");
    e.gaps().forEach(g -> gaps.add(gap(g)));
    ArrayNode scorecards = o.putArray("scorecards");
    e.scorecards().forEach(s -> scorecards.add(scorecard(s)));
    o.set("stage_readiness", stageReadiness(e.stageReadiness()));
    return o;
  }

  private static ObjectNode action(Action a) {
    ObjectNode o =
        NODES
            .objectNode()
            .put("rule", a.rule())
            .put("title", a.title())
            .put("priority", a.priority())
            .put("due", a.due().toString())
            .put("reason", a.reason());
    if (a.target() == null) {
      o.putNull("target");
    } else {
      o.putObject("target")
          .put("contact_id", a.target().contactId())
          .put("name", a.target().name());
    }
    return o.put("talk_track", a.talkTrack())
        .put("methodology", a.methodology())
        .put("element", a.element())
        .put("provenance", a.provenance().location());
  }

  private static ObjectNode gap(Gap g) {
    ObjectNode o =
        NODES
            .objectNode()
            .put("rule", g.rule())
            .put("severity", g.severity().id())
            .put("message", g.message())
            .put("methodology", g.methodology())
            .put("element", g.element());
    ArrayNode evidence = o.putArray("evidence");
    g.evidence().forEach(evidence::add);
    return o.put("provenance", g.provenance().location());
  }

  private static ObjectNode scorecard(Scorecard s) {
    ObjectNode o =
        NODES
            .objectNode()
            .put("methodology", s.methodology())
            .put("title", s.title())
            .put("percent", s.percent());
    ArrayNode elements = o.putArray("elements");
    for (Scorecard.Element el : s.elements()) {
      ObjectNode e =
          elements
              .addObject()
              .put("id", el.id())
              .put("title", el.title())
              .put("status", el.status().id());
      ArrayNode gaps = e.putArray("gaps");
      el.gaps().forEach(gaps::add);
    }
    return o;
  }

  private static ObjectNode stageReadiness(StageReadiness r) {
    ObjectNode o = NODES.objectNode().put("stage", r.stage()).put("ready", r.ready());
    ArrayNode keyNodes = o.putArray("key_nodes");
    for (StageReadiness.KeyNode k : r.keyNodes()) {
      ObjectNode n =
          keyNodes.addObject().put("id", k.id()).put("title", k.title()).put("met", k.met());
      ArrayNode criteria = n.putArray("criteria");
      for (StageReadiness.Criterion c : k.criteria()) {
        criteria.addObject().put("id", c.id()).put("title", c.title()).put("met", c.met());
      }
    }
    return o;
  }
}
