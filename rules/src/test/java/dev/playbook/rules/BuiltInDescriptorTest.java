package dev.playbook.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.playbook.Playbook;
import dev.playbook.descriptor.KeyNodeDescriptor;
import dev.playbook.descriptor.MethodologyDescriptor;
import dev.playbook.descriptor.ParameterDescriptor;
import dev.playbook.descriptor.PlaybookDescriptor;
import dev.playbook.descriptor.RuleDescriptor;
import dev.playbook.descriptor.StageDescriptor;
import dev.playbook.result.Severity;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * What {@code Playbook.describe()}, {@code files()} and {@code revision()} say about a built-in
 * playbook.
 */
class BuiltInDescriptorTest {

  static final Locale ZH = Locale.forLanguageTag("zh-CN");

  @Test
  void describe_meddic_listsItsRulesWithTitlesFileAndLine() {
    PlaybookDescriptor d = Playbook.builtIn("meddic").describe();

    assertThat(d.id()).isEqualTo("meddic");
    assertThat(d.title().get(ZH)).isEqualTo("MEDDIC / MEDDPICC 商机资格评估");
    assertThat(d.rules()).hasSize(15);
    RuleDescriptor eb = d.rule("meddic.eb-identified").orElseThrow();
    assertThat(eb.title().get(Locale.ENGLISH)).isEqualTo("Economic buyer identified by proposal");
    assertThat(eb.title().get(ZH)).isEqualTo("方案阶段前确定经济决策人");
    assertThat(eb.title().variants()).containsOnlyKeys("en", "zh-CN");
    assertThat(eb)
        .extracting(
            RuleDescriptor::methodology,
            RuleDescriptor::element,
            RuleDescriptor::hasGap,
            RuleDescriptor::severity,
            RuleDescriptor::hasAction,
            RuleDescriptor::file,
            RuleDescriptor::line)
        .containsExactly(
            "meddic",
            "economic_buyer",
            true,
            Severity.HIGH,
            true,
            "playbooks/meddic/rules/people.yaml",
            3);
    // a folded YAML scalar (>-): its lines joined by spaces
    assertThat(eb.condition())
        .isEqualTo(
            "stage >= proposal and stage not in [closed_won, closed_lost]"
                + " and none(contacts, role == economic_buyer)");
    assertThat(d.rules())
        .extracting(RuleDescriptor::file)
        .allMatch(f -> f.startsWith("playbooks/meddic/rules/"));
  }

  @Test
  void describe_meddic_givesMethodologyStagesAndParameters() {
    PlaybookDescriptor d = Playbook.builtIn("meddic").describe();

    MethodologyDescriptor m = d.methodology("meddic").orElseThrow();
    assertThat(m.title().get(Locale.ENGLISH)).isEqualTo("MEDDPICC");
    assertThat(m.elements())
        .extracting(MethodologyDescriptor.Element::id)
        .containsExactly(
            "metrics",
            "economic_buyer",
            "decision_criteria",
            "decision_process",
            "paper_process",
            "identify_pain",
            "champion",
            "competition");
    assertThat(m.element("economic_buyer").orElseThrow())
        .satisfies(
            e -> {
              assertThat(e.title().get(ZH)).isEqualTo("经济决策人");
              assertThat(e.confirmedWhen())
                  .isEqualTo(
                      "any(activities, type in [meeting, demo] and any(contacts, role == economic_buyer))");
            });
    assertThat(m.element("metrics").orElseThrow().confirmedWhen()).isNull();

    assertThat(d.stages())
        .extracting(StageDescriptor::id)
        .containsExactly(
            "prospecting",
            "qualification",
            "discovery",
            "proposal",
            "negotiation",
            "closed_won",
            "closed_lost");
    // stage titles fall back to the stage's name, as evaluation messages show them
    assertThat(d.stages().get(3))
        .extracting(s -> s.title(ZH), s -> s.title(Locale.ENGLISH))
        .containsExactly("方案", "proposal");
    assertThat(d.segments()).containsExactly("smb", "mid_market", "enterprise");

    assertThat(d.parameters())
        .extracting(
            ParameterDescriptor::name, ParameterDescriptor::kind, ParameterDescriptor::defaultValue)
        .startsWith(
            tuple("meddic_single_thread_amount", ParameterDescriptor.Kind.NUMBER, "50000"),
            tuple("meddic_min_engaged_roles", ParameterDescriptor.Kind.NUMBER, "2"),
            tuple("meddic_engagement_window", ParameterDescriptor.Kind.SPAN, "30d"));
    assertThat(d.parameters().get(0).bySegment())
        .containsExactly(
            org.assertj.core.api.Assertions.entry("smb", "20000"),
            org.assertj.core.api.Assertions.entry("enterprise", "30000"));
    assertThat(d.parameters().get(2).byStage())
        .containsExactly(org.assertj.core.api.Assertions.entry("negotiation", "14d"));
  }

  @Test
  void describe_standardB2b_givesKeyNodesAndTheirCriteria() {
    PlaybookDescriptor d = Playbook.builtIn("standard-b2b").describe();

    KeyNodeDescriptor first = d.keyNodes().get(0);
    assertThat(first)
        .extracting(KeyNodeDescriptor::id, KeyNodeDescriptor::stage, k -> k.title().get(ZH))
        .containsExactly("sop_prospect_ready", "prospecting", "可以交接");
    assertThat(first.criteria().get(0))
        .extracting(
            KeyNodeDescriptor.Criterion::id,
            c -> c.title().get(Locale.ENGLISH),
            KeyNodeDescriptor.Criterion::condition)
        .containsExactly("contact_named", "A named contact at the account", "count(contacts) >= 1");
    assertThat(d.keyNodes("prospecting")).startsWith(first);
    assertThat(d.keyNodes("no-such-stage")).isEmpty();
  }

  @Test
  void filesAndRevision_meddic_areItsResourcesAndAStableHash() {
    Playbook p = Playbook.builtIn("meddic");

    assertThat(p.files())
        .containsExactly(
            "playbooks/meddic/playbook.yaml",
            "playbooks/meddic/rules/people.yaml",
            "playbooks/meddic/rules/process.yaml",
            "playbooks/meddic/rules/qualification.yaml");
    assertThat(p.revision())
        .matches("[0-9a-f]{64}")
        .isEqualTo(Playbook.builtIn("meddic").revision());
    assertThat(p.revision()).isNotEqualTo(Playbook.builtIn("spin").revision());
  }
}
