package dev.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.playbook.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The JSON Schema files in {@code dev/playbook/schema/} (for editors' YAML support) accept every
 * built-in playbook, every example and the samples in the docs, reject the broken example, and
 * agree with the loaders on a table of edge cases. The schemas are JSON Schema draft-07, the newest
 * draft the common YAML editor plugins support.
 */
class SchemaFilesTest {

  static final Path BUILT_IN = Path.of("../rules/src/main/resources/playbooks");
  static final Path EXAMPLES = Path.of("../examples");
  static final Path DOCS = Path.of("../docs");
  static final List<String> SCHEMAS =
      List.of(
          "playbook.schema.json", "rules.schema.json", "rule-test.schema.json", "deal.schema.json");

  static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
  static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              // as the loader and editors read YAML: yes/no/on/off are text, an empty value is null
              .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
              .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
              .build());
  static final ObjectMapper JSON = new ObjectMapper();

  static Schema schema(String name) {
    return REGISTRY.getSchema(SchemaLocation.of("classpath:dev/playbook/schema/" + name));
  }

  static JsonNode yaml(String content) throws IOException {
    JsonNode n = YAML.readTree(content);
    return n == null || n.isMissingNode() ? NullNode.getInstance() : n;
  }

  /** The schema errors of one document, rendered one per line for a failure message. */
  static List<String> errors(String schemaName, JsonNode doc) {
    return schema(schemaName).validate(doc).stream().map(Error::toString).toList();
  }

  /** Which schema a file of a playbook folder is checked with. */
  static String schemaFor(Path file) {
    String name = file.getFileName().toString();
    if (name.equals("playbook.yaml")) {
      return "playbook.schema.json";
    }
    return name.endsWith(".test.yaml") || name.endsWith(".test.yml")
        ? "rule-test.schema.json"
        : "rules.schema.json";
  }

  static List<Path> yamlFiles(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          // tracker files are read by the conversations module, which checks them
          .filter(p -> !p.getFileName().toString().contains(".trackers."))
          .sorted()
          .toList();
    }
  }

  static DynamicTest validates(Path file, String schemaName) {
    return dynamicTest(
        file + " matches " + schemaName,
        () -> {
          List<String> errors = errors(schemaName, yaml(Files.readString(file)));
          assertThat(errors).as("schema errors in %s", file).isEmpty();
        });
  }

  @Test
  void everySchema_isAValidDraft07Schema() throws IOException {
    Schema meta = REGISTRY.getSchema(SchemaLocation.of("http://json-schema.org/draft-07/schema#"));
    for (String name : SCHEMAS) {
      try (InputStream in =
          SchemaFilesTest.class.getResourceAsStream("/dev/playbook/schema/" + name)) {
        assertThat(in).as(name + " is on the classpath").isNotNull();
        JsonNode node = JSON.readTree(in);
        assertThat(meta.validate(node)).as(name).isEmpty();
        assertThatCode(() -> schema(name).validate(NullNode.getInstance()))
            .as(name + " resolves its $refs")
            .doesNotThrowAnyException();
      }
    }
  }

  @Test
  void everyProperty_hasADescription() throws IOException {
    for (String name : SCHEMAS) {
      try (InputStream in =
          SchemaFilesTest.class.getResourceAsStream("/dev/playbook/schema/" + name)) {
        List<String> bare = new ArrayList<>();
        undescribed(JSON.readTree(in), "#", bare);
        assertThat(bare).as("properties without a description in " + name).isEmpty();
      }
    }
  }

  private static void undescribed(JsonNode node, String at, List<String> out) {
    if (node.isObject()) {
      JsonNode props = node.get("properties");
      if (props != null && props.isObject()) {
        props
            .fields()
            .forEachRemaining(
                e -> {
                  if (!e.getValue().has("description")) {
                    out.add(at + "/properties/" + e.getKey());
                  }
                });
      }
      node.fields().forEachRemaining(e -> undescribed(e.getValue(), at + "/" + e.getKey(), out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        undescribed(node.get(i), at + "/" + i, out);
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> builtInPlaybooks_matchTheSchemas() throws IOException {
    List<Path> files = yamlFiles(BUILT_IN);
    assertThat(files).as("built-in playbook files").isNotEmpty();
    return files.stream().map(f -> validates(f, schemaFor(f)));
  }

  @TestFactory
  Stream<DynamicTest> examplePlaybooks_matchTheSchemas() throws IOException {
    List<Path> files = yamlFiles(EXAMPLES.resolve("playbooks"));
    assertThat(files).as("example playbook files").isNotEmpty();
    return files.stream().map(f -> validates(f, schemaFor(f)));
  }

  @TestFactory
  Stream<DynamicTest> exampleDeals_matchTheDealSchema() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> s = Files.list(EXAMPLES.resolve("deals"))) {
      for (Path f : s.sorted().toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".json")) {
          tests.add(
              dynamicTest(
                  f + " matches deal.schema.json",
                  () ->
                      assertThat(errors("deal.schema.json", JSON.readTree(Files.readString(f))))
                          .isEmpty()));
        } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
          tests.add(validates(f, "deal.schema.json"));
        } else if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
          List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
          for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
              continue;
            }
            int lineNo = i + 1;
            tests.add(
                dynamicTest(
                    f + ":" + lineNo + " matches deal.schema.json",
                    () -> {
                      JsonNode deal = JSON.readTree(line);
                      assertThat(deal.isObject()).as("line %s holds one deal", lineNo).isTrue();
                      assertThat(errors("deal.schema.json", deal)).isEmpty();
                    }));
          }
        }
      }
    }
    assertThat(tests).as("example deal files").isNotEmpty();
    return tests.stream();
  }

  @Test
  void brokenExample_failsTheSchema_onTheMisspeltField() throws IOException {
    Path broken = EXAMPLES.resolve("broken/playbook.yaml");
    List<String> errors = errors("playbook.schema.json", yaml(Files.readString(broken)));

    assertThat(errors).isNotEmpty().anySatisfy(e -> assertThat(e).contains("titel"));
  }

  @TestFactory
  Stream<DynamicTest> docSamples_matchTheSchemas() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String block : blocks(DOCS.resolve("authoring-rules.md"), "yaml")) {
      if (block.startsWith("# playbook.yaml") || block.startsWith("playbook:")) {
        tests.add(
            dynamicTest(
                "authoring-rules.md playbook sample",
                () -> assertThat(errors("playbook.schema.json", yaml(block))).as(block).isEmpty()));
      } else if (block.startsWith("# rules/")) {
        tests.add(
            dynamicTest(
                "authoring-rules.md rule file sample",
                () -> assertThat(errors("rules.schema.json", yaml(block))).as(block).isEmpty()));
      }
    }
    for (String block : blocks(DOCS.resolve("testing-rules.md"), "yaml")) {
      tests.add(
          dynamicTest(
              "testing-rules.md test file sample",
              () -> assertThat(errors("rule-test.schema.json", yaml(block))).as(block).isEmpty()));
    }
    for (String block : blocks(DOCS.resolve("deal-facts.md"), "json")) {
      tests.add(
          dynamicTest(
              "deal-facts.md JSON sample",
              () -> assertThat(errors("deal.schema.json", JSON.readTree(block))).isEmpty()));
    }
    for (String block : blocks(DOCS.resolve("deal-facts.md"), "yaml")) {
      tests.add(
          dynamicTest(
              "deal-facts.md YAML sample",
              () -> assertThat(errors("deal.schema.json", yaml(block))).isEmpty()));
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(5);
    return tests.stream();
  }

  @Test
  void schemaDoc_editorSettings_areValidJson_andMapEverySchema() throws IOException {
    List<String> settings = blocks(DOCS.resolve("schema.md"), "json");

    assertThat(settings)
        .singleElement()
        .satisfies(
            json -> {
              JsonNode node = JSON.readTree(json);
              assertThat(node.path("yaml.schemas").fieldNames())
                  .toIterable()
                  .containsExactlyInAnyOrder(
                      "./schema/playbook.schema.json",
                      "./schema/rules.schema.json",
                      "./schema/rule-test.schema.json",
                      "./schema/deal.schema.json");
              assertThat(node.path("json.schemas").get(0).path("url").asText())
                  .isEqualTo("./schema/deal.schema.json");
            });
  }

  static List<String> blocks(Path doc, String lang) throws IOException {
    Matcher m =
        Pattern.compile("```" + lang + "\\n(.*?)```", Pattern.DOTALL)
            .matcher(Files.readString(doc));
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // The schemas and the loaders agree: what one accepts, the other accepts.

  static final String HEAD = "playbook: t\nstages: [discovery, proposal, closed_won]\n";

  /** Single-file playbooks, and whether the loader accepts each. */
  static final Map<String, Boolean> PLAYBOOKS =
      Map.ofEntries(
          Map.entry(
              HEAD
                  + "rules:\n  - {id: t.a, when: stage >= proposal, gap: {severity: high, message: m}}\n",
              true),
          Map.entry(HEAD + "rules:\n  - {id: t.a, when: true, action: {title: Call}}\n", true),
          Map.entry(HEAD + "title: 2026\nrules:\n", true),
          Map.entry("playbook: t\nstages: proposal\nsegments:\n", true),
          Map.entry(HEAD + "title: {en: Hi, zh-CN: 你好}\n", true),
          Map.entry(HEAD + "title: {english: Hi}\n", false),
          Map.entry(HEAD + "title: {}\n", false),
          Map.entry(HEAD + "rules:\n  - {id: t.a, when: stage >= proposal}\n", false),
          Map.entry(
              HEAD + "rules:\n  - {id: T.a, when: stage >= proposal, action: {title: x}}\n", false),
          Map.entry(
              HEAD
                  + "rules:\n  - {id: t.a, when: stage >= proposal, gap: {severity: High, message: m}}\n",
              false),
          Map.entry(
              HEAD
                  + "rules:\n  - {id: t.a, when: stage >= proposal, action: {title: x, priority: 101}}\n",
              false),
          Map.entry(
              HEAD
                  + "rules:\n  - {id: t.a, when: stage >= proposal, action: {title: x, due: 24h}}\n",
              false),
          Map.entry(
              HEAD
                  + "rules:\n  - {id: t.a, when: stage >= proposal, action: {title: x, due: 2bd, priority: 7}}\n",
              true),
          Map.entry(
              HEAD
                  + "rules:\n  - {id: t.a, element: x, when: stage >= proposal, action: {title: x}}\n",
              false),
          Map.entry(HEAD + "custom_fields: {renewal: boolean, seats: number}\n", true),
          Map.entry(HEAD + "custom_fields: {renewal: bool}\n", false),
          Map.entry(
              HEAD + "parameters: {stale: 14d, big: {default: 100, by_stage: {proposal: 50}}}\n",
              true),
          Map.entry(HEAD + "parameters: {stale: {by_stage: {proposal: 5}}}\n", false),
          Map.entry(HEAD + "parameters: {Stale: 14}\n", false),
          Map.entry("playbook: t\nstages: [discovery, discovery]\n", false),
          Map.entry("stages: [discovery]\n", false),
          Map.entry(
              HEAD
                  + "key_nodes:\n  - {id: k, stage: discovery, exit_criteria: [{id: c, when: amount > 1}]}\n",
              true),
          Map.entry(HEAD + "key_nodes:\n  - {id: k, stage: discovery}\n", false),
          Map.entry(HEAD + "talk_tracks: {eb-intro: Hello, multi: {en: Hi, zh-CN: 你好}}\n", true),
          Map.entry(HEAD + "talk_tracks: {Eb: Hello}\n", false),
          Map.entry(HEAD + "colour: blue\n", false));

  @TestFactory
  Stream<DynamicTest> playbookSchema_agreesWithTheLoader() {
    return PLAYBOOKS.entrySet().stream()
        .map(
            e ->
                dynamicTest(
                    (e.getValue() ? "accepts: " : "rejects: ") + e.getKey(),
                    () -> {
                      boolean loads;
                      try {
                        Playbook.parse("t.yaml", e.getKey());
                        loads = true;
                      } catch (ProblemException ex) {
                        loads = false;
                      }
                      assertThat(loads).as("the loader on\n" + e.getKey()).isEqualTo(e.getValue());
                      assertAgrees(
                          errors("playbook.schema.json", yaml(e.getKey())),
                          e.getValue(),
                          e.getKey());
                    }));
  }

  private static void assertAgrees(List<String> schemaErrors, boolean accepted, String doc) {
    if (accepted) {
      assertThat(schemaErrors).as("the schema on\n" + doc).isEmpty();
    } else {
      assertThat(schemaErrors).as("the schema on\n" + doc).isNotEmpty();
    }
  }

  /** Deal files (YAML), and whether the deal reader accepts each. */
  static final Map<String, Boolean> DEALS =
      Map.ofEntries(
          Map.entry("id: D-1\nstage: proposal\n", true),
          Map.entry("id: 1042\nstage: proposal\namount: 0\ncurrency: eur\n", true),
          Map.entry("- {id: D-1, stage: proposal}\n- {id: D-2, stage: discovery}\n", true),
          Map.entry("", true),
          Map.entry("id: D-1\n", false),
          Map.entry("id: ' '\nstage: proposal\n", false),
          Map.entry("id: D-1\nstage: proposal\namount: '5000'\n", false),
          Map.entry("id: D-1\nstage: proposal\namount: -1\n", false),
          Map.entry("id: D-1\nstage: proposal\nprobability: 101\n", false),
          Map.entry("id: D-1\nstage: proposal\ncurrency: euro\n", false),
          Map.entry("id: D-1\nstage: proposal\nname: null\nsegment: ~\n", true),
          Map.entry(
              "id: D-1\nstage: proposal\nclose_date: 2026-12-15\ncreated_at: 2026-08-20T10:15:00+08:00\n",
              true),
          Map.entry("id: D-1\nstage: proposal\nclose_date: 2026-12-15T00:00:00Z\n", false),
          Map.entry("id: D-1\nstage: proposal\ncreated_at: 2026-08-20T10:15:00\n", false),
          Map.entry("id: D-1\nstage: proposal\nforecast_category: Best Case\n", true),
          Map.entry("id: D-1\nstage: proposal\nforecast_category: upside\n", false),
          Map.entry(
              "id: D-1\nstage: proposal\ncontacts:\n  - {id: c1, roles: [Economic Buyer, champion], power: HIGH,"
                  + " response_mode: even-keel}\n",
              true),
          Map.entry("id: D-1\nstage: proposal\ncontacts:\n  - {id: c1, roles: [sponsor]}\n", false),
          Map.entry("id: D-1\nstage: proposal\ncontacts:\n  - {id: c1, roles: champion}\n", false),
          Map.entry("id: D-1\nstage: proposal\ncontacts:\n  - {id: c1, titel: CFO}\n", false),
          Map.entry(
              "id: D-1\nstage: proposal\nactivities:\n  - {id: a1, type: call, occurred_at: 2026-11-02,"
                  + " duration_minutes: 45, counts: {questions: 3}, tags: [reframe]}\n",
              true),
          Map.entry("id: D-1\nstage: proposal\nactivities:\n  - {id: a1, type: call}\n", false),
          Map.entry(
              "id: D-1\nstage: proposal\nactivities:\n  - {id: a1, type: call, occurred_at: 2026-11-02,"
                  + " duration_minutes: 4.5}\n",
              false),
          Map.entry(
              "id: D-1\nstage: proposal\nnext_steps:\n  - {title: Review, due: 2026-11-05, status: Done,"
                  + " buyer_commitment: true}\n",
              true),
          Map.entry(
              "id: D-1\nstage: proposal\nnext_steps:\n  - {title: Review, buyer_commitment: yes}\n",
              false),
          Map.entry(
              "id: D-1\nstage: proposal\nevidence: {meddic.metrics: {status: confirmed, text: Cuts close}}\n",
              true),
          Map.entry("id: D-1\nstage: proposal\nevidence: {meddic.metrics: confirmed}\n", false),
          Map.entry(
              "id: D-1\nstage: proposal\ncustom: {renewal: true, seats: 250, go_live: 2027-01-15, x: null}\n",
              true),
          Map.entry("id: D-1\nstage: proposal\ncustom: {regions: [EMEA]}\n", false),
          Map.entry(
              "id: D-1\nstage: proposal\nstage_history: [{stage: proposal, entered_at: 2026-10-15}]\n",
              true),
          Map.entry(
              "id: D-1\nstage: proposal\nclose_date_history: [{from: 2026-11-30, changed_at: 2026-10-01}]\n",
              false));

  @TestFactory
  Stream<DynamicTest> dealSchema_agreesWithTheDealReader() {
    return DEALS.entrySet().stream()
        .map(
            e ->
                dynamicTest(
                    (e.getValue() ? "accepts: " : "rejects: ") + e.getKey(),
                    () -> {
                      boolean reads;
                      try {
                        Deals.parse("deals.yaml", e.getKey());
                        reads = true;
                      } catch (ProblemException ex) {
                        reads = false;
                      }
                      assertThat(reads)
                          .as("the deal reader on\n" + e.getKey())
                          .isEqualTo(e.getValue());
                      assertAgrees(
                          errors("deal.schema.json", yaml(e.getKey())), e.getValue(), e.getKey());
                    }));
  }

  @Test
  void ruleTestSchema_acceptsPartialDeals_andRejectsUnknownCaseFields() throws IOException {
    String ok =
        """
        as_of: 2026-11-20
        base_deal: {stage: proposal, segment: enterprise}
        cases:
          - name: no economic buyer
            deal: {contacts: [{id: c1, roles: [champion]}]}
            fires: [acme.eb-before-proposal]
          - name: pending
            todo: true
            not_fires: acme.stale
        """;
    String typo =
        """
        as_of: 2026-11-20T09:00:00Z
        cases:
          - name: x
            deal: {stage: proposal}
            fire: [acme.stale]
        """;

    assertThat(errors("rule-test.schema.json", yaml(ok))).isEmpty();
    assertThat(errors("rule-test.schema.json", yaml(typo)))
        .anySatisfy(e -> assertThat(e).contains("fire"));
    assertThat(errors("rule-test.schema.json", yaml("as_of: 2026-11-20\ncases: []\n")))
        .isNotEmpty();
    assertThat(
            errors(
                "rule-test.schema.json",
                yaml("as_of: 20-11-2026\ncases: [{name: x, fires: [a]}]\n")))
        .isNotEmpty();
  }
}
