package dev.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import dev.playbook.result.Action;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Gap;
import dev.playbook.result.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Playbook folders, rule files, and extending another playbook. */
class PlaybookExtendsTest {

  static final Instant AS_OF = Instant.parse("2026-11-20T00:00:00Z");

  @TempDir Path dir;
  Path base;

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @BeforeEach
  void baseFolder() throws IOException {
    base = dir.resolve("base");
    write(
        base.resolve("playbook.yaml"),
        """
        playbook: base
        stages: [lead, proposal, won, lost]
        parameters:
          big_deal: { default: 100000, by_stage: { proposal: 50000 } }
        talk_tracks:
          hello: { en: Hello, zh-CN: 你好 }
        """);
    write(
        base.resolve("rules/size.yaml"),
        """
        rules:
          - id: base.big
            when: amount >= param(big_deal)
            gap: { severity: medium, message: "big deal: {amount}" }
          - id: base.lead
            when: stage == lead
            action: { title: Qualify, talk_track: hello }
        """);
    write(base.resolve("rules/size.test.yaml"), "this file is a rule test and is not loaded: [");
  }

  static List<String> ruleIds(Evaluation e) {
    return java.util.stream.Stream.concat(
            e.gaps().stream().map(Gap::rule), e.actions().stream().map(Action::rule))
        .toList();
  }

  @Test
  void load_folder_readsAllRuleFilesButNotTests() {
    Playbook p = Playbook.load(base);

    assertThat(p.id()).isEqualTo("base");
    assertThat(p.ruleIds()).containsExactly("base.big", "base.lead");
    Evaluation e =
        p.evaluate(
            Deal.builder("d", "proposal").amount(new java.math.BigDecimal("60000")).build(), AS_OF);
    assertThat(e.gaps().get(0).message()).isEqualTo("big deal: 60,000");
    assertThat(e.gaps().get(0).provenance().file())
        .isEqualTo(base.resolve("rules/size.yaml").toString());
    assertThat(e.gaps().get(0).provenance().line()).isEqualTo(2);
  }

  @Test
  void load_child_overridesParametersRulesAndDisables() throws IOException {
    Path child = dir.resolve("child");
    write(
        child.resolve("playbook.yaml"),
        """
        playbook: child
        extends: [../base]
        parameters:
          big_deal: { default: 10000 }
        disable: [base.lead]
        rules:
          - id: base.big
            override: true
            when: amount >= param(big_deal)
            gap: { severity: high, message: "BIG: {amount}" }
          - id: child.proposal
            when: stage == proposal
            action: { title: Send it, talk_track: hello }
        """);

    Playbook p = Playbook.load(child);

    assertThat(p.stages()).containsExactly("lead", "proposal", "won", "lost");
    assertThat(p.ruleIds()).containsExactly("base.big", "child.proposal");
    Evaluation atProposal =
        p.evaluate(
            Deal.builder("d", "proposal").amount(new java.math.BigDecimal("60000")).build(), AS_OF);
    assertThat(atProposal.gaps())
        .extracting(Gap::severity, Gap::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Severity.HIGH, "BIG: 60,000"));
    Evaluation atLead =
        p.evaluate(
            Deal.builder("d", "lead").amount(new java.math.BigDecimal("20000")).build(),
            AS_OF,
            java.util.Locale.forLanguageTag("zh-CN"));
    assertThat(ruleIds(atLead))
        .containsExactly("base.big"); // by_stage 50000 applies to proposal only; default now 10000
  }

  @Test
  void load_childRedefiningARuleWithoutOverride_isAProblem() throws IOException {
    Path child = dir.resolve("child");
    write(
        child.resolve("playbook.yaml"),
        """
        playbook: child
        extends: [../base]
        disable: [base.leed]
        rules:
          - id: base.big
            when: amount > 1
            gap: { severity: high, message: x }
          - id: child.x
            override: true
            when: amount > 1
            gap: { severity: high, message: x }
        """);

    ProblemException e = catchThrowableOfType(ProblemException.class, () -> Playbook.load(child));

    String file = child.resolve("playbook.yaml").toString();
    assertThat(e.problems())
        .extracting(Problem::render)
        .containsExactly(
            file
                + ":3:11: unknown-rule: cannot disable 'base.leed': no inherited rule has that id (did you mean 'base.lead'?)",
            file
                + ":5:5: duplicate-rule: rule 'base.big' is already defined at "
                + base.resolve("rules/size.yaml")
                + ":2:5; "
                + "set 'override: true' to replace it, or give this rule another id",
            file
                + ":8:5: unknown-rule: rule 'child.x' says 'override: true', but no inherited rule has that id");
  }

  @Test
  void load_cyclicExtends_isAProblem() throws IOException {
    write(dir.resolve("a/playbook.yaml"), "playbook: a\nextends: [../b]\nstages: [x]\n");
    write(dir.resolve("b/playbook.yaml"), "playbook: b\nextends: [../a]\nstages: [x]\n");

    ProblemException e =
        catchThrowableOfType(ProblemException.class, () -> Playbook.load(dir.resolve("a")));

    assertThat(e.problems()).hasSize(1);
    Problem p = e.problems().get(0);
    assertThat(p.code()).isEqualTo("cyclic-extends");
    assertThat(p.file()).isEqualTo(dir.resolve("b/playbook.yaml").toString());
    assertThat(p.line()).isEqualTo(2);
    assertThat(p.message())
        .startsWith("playbooks extend each other in a circle: ")
        .contains("/a -> ")
        .contains("/b -> ");
  }

  @Test
  void load_missingFolderOrMainFile_isAProblem() throws IOException {
    ProblemException e =
        catchThrowableOfType(ProblemException.class, () -> Playbook.load(dir.resolve("nope")));
    assertThat(e.getMessage())
        .isEqualTo(dir.resolve("nope") + ": file-unreadable: no such playbook folder or file");

    Files.createDirectories(dir.resolve("empty"));
    e = catchThrowableOfType(ProblemException.class, () -> Playbook.load(dir.resolve("empty")));
    assertThat(e.getMessage())
        .isEqualTo(
            dir.resolve("empty")
                + ": file-unreadable: this folder has no playbook.yaml; a playbook folder needs one");
  }

  @Test
  void builtIn_unknownName_isAProblem() {
    ProblemException e =
        catchThrowableOfType(ProblemException.class, () -> Playbook.builtIn("nosuch"));
    assertThat(e.getMessage())
        .startsWith("nosuch: unknown-playbook: there is no built-in playbook named 'nosuch'");
  }

  @Test
  void load_singleFilePlaybook_extendsAFolderByRelativePath() throws IOException {
    Path file = dir.resolve("team/emea.yaml");
    write(
        file,
        """
        playbook: emea
        extends: [../base]
        rules:
          - id: emea.proposal
            when: stage == proposal and amount > 1000
            action: { title: "Proposal for {amount}", talk_track: hello }
        """);

    Playbook p = Playbook.load(file);

    assertThat(p.id()).isEqualTo("emea");
    assertThat(p.ruleIds()).containsExactly("base.big", "base.lead", "emea.proposal");
    Evaluation e =
        p.evaluate(
            Deal.builder("d", "proposal").amount(new java.math.BigDecimal("2000")).build(),
            AS_OF,
            java.util.Locale.forLanguageTag("zh-CN"));
    assertThat(e.actions())
        .extracting(Action::title, Action::talkTrack)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Proposal for 2,000", "你好"));
  }
}
