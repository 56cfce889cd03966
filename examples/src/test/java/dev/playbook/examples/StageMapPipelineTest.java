package dev.playbook.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Deals;
import dev.playbook.Playbook;
import dev.playbook.model.Deal;
import dev.playbook.model.StageChange;
import dev.playbook.result.Evaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The warehouse-robot company's eight-stage pipeline on {@code standard-b2b}, through its {@code
 * stage_map} alone: every example deal, put at each of the company's stages, gets exactly the
 * findings the same deal gets under {@code standard-b2b} at the stage it maps onto.
 */
class StageMapPipelineTest {

  static final Instant AS_OF = Instant.parse("2026-11-20T00:00:00Z");
  static final Locale ZH_CN = Locale.forLanguageTag("zh-CN");
  static final Path PLAYBOOK = Path.of("playbooks/warehouse-robots");

  static final Map<String, String> MAP = new LinkedHashMap<>();

  static {
    MAP.put("lead", "prospecting");
    MAP.put("discovery", "discovery");
    MAP.put("site_survey", "discovery");
    MAP.put("proposal", "proposal");
    MAP.put("trial", "negotiation");
    MAP.put("contract", "negotiation");
    MAP.put("won", "closed_won");
    MAP.put("lost", "closed_lost");
  }

  static Playbook company;
  static Playbook standard;
  static List<Deal> deals;

  @BeforeAll
  static void load() {
    company = Playbook.load(PLAYBOOK);
    standard = Playbook.builtIn("standard-b2b");
    deals = new ArrayList<>(Deals.read(Path.of("deals/pipeline.json")));
    deals.addAll(Deals.read(Path.of("deals/deals.json")));
  }

  @Test
  void load_warehouseRobots_hasItsOwnStagesAndEveryInheritedRule() throws Exception {
    assertThat(company.stages()).containsExactlyElementsOf(MAP.keySet());
    assertThat(company.ruleIds()).containsExactlyElementsOf(standard.ruleIds());
    try (Stream<Path> files = Files.walk(PLAYBOOK)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .containsExactly("playbook.yaml");
    }
  }

  @TestFactory
  Stream<DynamicTest> evaluate_eachDealAtEachCompanyStage_findsWhatStandardB2bFindsAtItsPhase() {
    return MAP.keySet().stream()
        .map(stage -> DynamicTest.dynamicTest(stage, () -> assertSameFindings(stage)));
  }

  @Test
  void evaluate_inChinese_showsTheCompanyStageTitle() {
    Deal deal = deals.stream().filter(d -> d.id().equals("SB-12")).findFirst().orElseThrow();
    Evaluation e = company.evaluate(at(deal, "trial", "trial"), AS_OF, ZH_CN);
    assertThat(e.gaps())
        .filteredOn(g -> g.rule().equals("deal-risk.stalled"))
        .extracting(g -> g.message())
        .singleElement()
        .asString()
        .contains("已在 试用 阶段停留");
  }

  private static void assertSameFindings(String stage) {
    String phase = MAP.get(stage);
    List<Deal> mine = deals.stream().map(d -> at(d, stage, stage)).toList();
    List<Deal> theirs = deals.stream().map(d -> at(d, phase, stage)).toList();
    List<Evaluation> got = company.evaluateAll(mine, AS_OF, Locale.ENGLISH);
    List<Evaluation> want = standard.evaluateAll(theirs, AS_OF, Locale.ENGLISH);
    assertThat(got).hasSameSizeAs(deals);
    for (int i = 0; i < deals.size(); i++) {
      assertThat(findings(got.get(i), stage, phase))
          .as("%s at %s", deals.get(i).id(), stage)
          .isEqualTo(findings(want.get(i), phase, phase))
          .isNotEmpty();
    }
  }

  /**
   * {@code deal} at {@code stage}; its history names the company stage of each phase: {@code stage}
   * for its own phase, else the first stage mapped onto the phase (or the phase itself for the
   * canonical pipeline).
   */
  private static Deal at(Deal deal, String stage, String companyStage) {
    List<StageChange> history = new ArrayList<>();
    for (StageChange c : deal.stageHistory()) {
      history.add(new StageChange(historyStage(c.stage(), stage, companyStage), c.enteredAt()));
    }
    return deal.toBuilder().stage(stage).stageHistory(history).build();
  }

  private static String historyStage(String phase, String stage, String companyStage) {
    boolean companyPipeline = MAP.containsKey(stage) && stage.equals(companyStage);
    if (!companyPipeline) {
      return phase;
    }
    if (phase.equals(MAP.get(companyStage))) {
      return companyStage;
    }
    return MAP.entrySet().stream()
        .filter(e -> e.getValue().equals(phase))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(phase);
  }

  /** {@code text} with the deal's stage, where a message shows it, written as its phase. */
  private static String shown(String text, String stage, String phase) {
    return Pattern.compile("(\\b(?:in|at|past)|=) " + Pattern.quote(stage) + "\\b")
        .matcher(text)
        .replaceAll("$1 " + phase);
  }

  /** What a rep sees, with the stage's name in messages written as its phase's. */
  private static List<String> findings(Evaluation e, String stage, String phase) {
    List<String> out = new ArrayList<>();
    e.gaps()
        .forEach(
            g ->
                out.add(
                    "gap "
                        + g.rule()
                        + " "
                        + g.severity()
                        + " "
                        + shown(g.message(), stage, phase)
                        + " "
                        + shown(g.evidence().toString(), stage, phase)));
    e.actions()
        .forEach(
            a ->
                out.add(
                    "action "
                        + a.rule()
                        + " "
                        + a.priority()
                        + " "
                        + a.due()
                        + " "
                        + shown(a.title(), stage, phase)
                        + " / "
                        + shown(a.reason(), stage, phase)
                        + " "
                        + a.target()
                        + " "
                        + a.talkTrack()));
    e.scorecards().forEach(s -> out.add("scorecard " + s.methodology() + " " + s));
    e.stageReadiness().keyNodes().forEach(k -> out.add("key node " + k.id() + " " + k.criteria()));
    out.add("fired " + e.firedRules());
    return out;
  }
}
