package dev.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.playbook.model.Activity;
import dev.playbook.model.ActivityType;
import dev.playbook.model.BuyingRole;
import dev.playbook.model.Contact;
import dev.playbook.model.CustomValue;
import dev.playbook.model.Deal;
import dev.playbook.model.Power;
import dev.playbook.problem.ProblemException;
import dev.playbook.result.Gap;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Named definitions ({@code define:}) and segments derived from deal fields. */
class DefinitionsTest {

  static final Instant AS_OF = Instant.parse("2026-11-20T09:00:00Z");

  static final String PLAYBOOK =
      """
      playbook: t
      stages: [discovery, proposal, won]
      segments: [smb, enterprise]
      custom_fields: { tier: text }
      parameters:
        quiet_days: { default: 14, by_segment: { enterprise: 7 } }
      define:
        big_deal: amount >= 100000
        days_quiet: days_since(last_activity)
        has_demo: any(activities, type == demo)
      derive_segment:
        enterprise: custom.tier == "ent" or big_deal
        smb: true
      rules:
        - id: quiet-big-deal
          when: big_deal and days_quiet > param(quiet_days)
          gap: { severity: high, message: "{deal.name} has been quiet for {days_quiet} days" }
        - id: enterprise
          when: segment == enterprise
          action: { title: "Enterprise" }
        - id: sponsor-saw-demo
          when: all(contacts, has_demo and power >= medium)
          action: { title: "Sponsors saw a demo" }
      """;

  static Deal.Builder deal() {
    return Deal.builder("D-1", "proposal")
        .name("Globex")
        .createdAt(Instant.parse("2026-09-01T00:00:00Z"))
        .addContact(Contact.builder("c1").roles(BuyingRole.CHAMPION).power(Power.MEDIUM).build())
        .addContact(Contact.builder("c2").roles(BuyingRole.USER).power(Power.HIGH).build())
        .addActivity(
            Activity.builder("a1", ActivityType.DEMO, Instant.parse("2026-11-10T09:00:00Z"))
                .build());
  }

  static String problems(String yaml) {
    ProblemException e =
        catchThrowableOfType(ProblemException.class, () -> Playbook.parse("t.yaml", yaml));
    assertThat(e).isNotNull();
    return e.getMessage();
  }

  @Test
  void definitions_workInConditionsMessagesAndQuantifiers() {
    // given a big deal, quiet for 10 days, without a segment: derived enterprise, 7 quiet days
    Playbook p = Playbook.parse("t.yaml", PLAYBOOK);
    Deal d = deal().amount(new BigDecimal("250000")).build();

    var e = p.evaluate(d, AS_OF);

    assertThat(e.gaps())
        .extracting(Gap::message)
        .containsExactly("Globex has been quiet for 10 days");
    assertThat(e.actions())
        .extracting(dev.playbook.result.Action::rule)
        .containsExactlyInAnyOrder("enterprise", "sponsor-saw-demo");
  }

  @Test
  void derivedSegment_comesFromACustomField_andADealsOwnSegmentWins() {
    Playbook p = Playbook.parse("t.yaml", PLAYBOOK);
    Deal byTier =
        deal().amount(new BigDecimal("5000")).putCustom("tier", CustomValue.of("ent")).build();
    Deal small = deal().amount(new BigDecimal("5000")).build();
    Deal own = deal().amount(new BigDecimal("250000")).segment("smb").build();

    assertThat(p.evaluate(byTier, AS_OF).actions())
        .extracting(dev.playbook.result.Action::rule)
        .contains("enterprise");
    assertThat(p.evaluate(small, AS_OF).actions())
        .extracting(dev.playbook.result.Action::rule)
        .doesNotContain("enterprise");
    // smb keeps 14 quiet days: 10 days quiet is no gap
    assertThat(p.evaluate(own, AS_OF).gaps()).isEmpty();
    assertThat(p.evaluate(own, AS_OF).actions())
        .extracting(dev.playbook.result.Action::rule)
        .doesNotContain("enterprise");
  }

  @Test
  void childDefinition_replacesTheInheritedOne_alsoInInheritedRules(@TempDir Path dir)
      throws IOException {
    Files.createDirectories(dir.resolve("base"));
    Files.createDirectories(dir.resolve("acme"));
    Files.writeString(
        dir.resolve("base/playbook.yaml"),
        """
        playbook: base
        stages: [discovery, proposal, won]
        define:
          big_deal: amount >= 100000
        rules:
          - id: big
            when: big_deal
            action: { title: "Big deal {amount}" }
        """);
    Files.writeString(
        dir.resolve("acme/playbook.yaml"),
        """
        playbook: acme
        extends: [../base]
        define:
          big_deal: amount >= 20000
        """);
    Deal d = deal().amount(new BigDecimal("50000")).build();

    assertThat(Playbook.load(dir.resolve("base")).evaluate(d, AS_OF).actions()).isEmpty();
    assertThat(Playbook.load(dir.resolve("acme")).evaluate(d, AS_OF).actions())
        .extracting(dev.playbook.result.Action::rule)
        .containsExactly("big");
  }

  @Test
  void cyclicDefinitions_areLocatedProblems() {
    String yaml =
        """
        playbook: t
        stages: [open, done]
        define:
          a: b + 1
          b: a * 2
          c: c
        rules:
          - id: r
            when: a > 1
            action: { title: x }
        """;
    assertThat(problems(yaml))
        .isEqualTo(
            """
            t.yaml:4:6: invalid-definition: 'b' cannot be used here: its definition at line 5 has problems
            t.yaml:5:6: cyclic-definition: 'a' is defined in terms of itself: a -> b -> a
            t.yaml:6:6: cyclic-definition: 'c' is defined in terms of itself: c -> c
            t.yaml:9:11: invalid-definition: 'a' cannot be used here: its definition at line 4 has problems""");
  }

  @Test
  void typeErrorInADefinition_isReportedThere_andItsUseTypeCheckedByItsType() {
    String yaml =
        """
        playbook: t
        stages: [open, done]
        define:
          bad: amount + "x"
          big: amount > 1
        rules:
          - id: r
            when: bad > 1 and big > 2
            action: { title: x }
        """;
    assertThat(problems(yaml))
        .isEqualTo(
            """
            t.yaml:4:8: type-mismatch: cannot apply '+' to a number and text
            t.yaml:8:11: invalid-definition: 'bad' cannot be used here: its definition at line 4 has problems
            t.yaml:8:23: type-mismatch: cannot compare a true/false value with a number""");
  }

  @Test
  void definitionNamesThatMeanSomethingElse_areRefused() {
    String yaml =
        """
        playbook: t
        stages: [open, done]
        segments: [smb]
        define:
          open: amount > 1
          smb: amount > 1
          champion: amount > 1
        rules:
          - id: r
            when: amount > 1
            action: { title: x }
        """;
    assertThat(problems(yaml))
        .isEqualTo(
            """
            t.yaml:5:3: invalid-value: definition 'open' has the name of a stage, so conditions could not tell them apart; rename it
            t.yaml:6:3: invalid-value: definition 'smb' has the name of a segment, so conditions could not tell them apart; rename it
            t.yaml:7:3: invalid-value: definition 'champion' has the name of a value such as a role or activity type, so conditions could not tell them apart; rename it""");
  }

  @Test
  void badlyFormedDefinitions_areRefusedWhenTheFileIsRead() {
    String yaml =
        """
        playbook: t
        stages: [open, done]
        define:
          amount: 3
          Big: 1
          empty:
          list: [1, 2]
        rules:
          - id: r
            when: amount > 1
            action: { title: x }
        """;
    assertThat(problems(yaml))
        .isEqualTo(
            """
            t.yaml:4:3: invalid-value: definition 'amount' has the name of a field, function or keyword of the condition language; rename it
            t.yaml:5:3: invalid-value: definition 'Big' is not a valid name: use lowercase letters, digits and '_', starting with a letter
            t.yaml:6:9: wrong-type: definition 'empty' must be an expression, such as amount >= 100000, not null
            t.yaml:7:9: wrong-type: definition 'list' must be an expression, such as amount >= 100000, not a list""");
  }

  @Test
  void segmentRulesThatReadTheSegment_areCyclic() {
    String yaml =
        """
        playbook: t
        stages: [open, done]
        segments: [smb, enterprise]
        parameters: { limit: { default: 10, by_segment: { smb: 5 } } }
        define:
          small: segment == smb
        derive_segment:
          enterprise: segment != smb
          smb: amount < param(limit)
          mid: small
        rules:
          - id: r
            when: amount > 1
            action: { title: x }
        """;
    assertThat(problems(yaml))
        .isEqualTo(
            """
            t.yaml:8:15: cyclic-definition: a segment rule cannot depend on the segment it derives, but 'segment' does
            t.yaml:9:17: cyclic-definition: a segment rule cannot depend on the segment it derives, but 'param(limit)' does
            t.yaml:10:3: unknown-segment: 'mid' is not a segment of this playbook; its segments are: smb, enterprise""");
  }

  @Test
  void segmentRuleThroughADefinitionThatReadsTheSegment_isCyclic() {
    String yaml =
        """
        playbook: t
        stages: [open, done]
        define:
          small: segment == smb
        derive_segment:
          smb: small
        rules:
          - id: r
            when: amount > 1
            action: { title: x }
        """;
    assertThat(problems(yaml))
        .isEqualTo(
            "t.yaml:6:8: cyclic-definition: a segment rule cannot depend on the segment it derives,"
                + " but 'small' does");
  }
}
