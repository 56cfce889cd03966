package dev.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.playbook.descriptor.LocalizedText;
import dev.playbook.descriptor.ParameterDescriptor;
import dev.playbook.descriptor.PlaybookDescriptor;
import dev.playbook.descriptor.RuleDescriptor;
import dev.playbook.result.Severity;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code describe()}, {@code files()} and {@code revision()} of playbooks loaded from disk and
 * text.
 */
class PlaybookDescribeTest {

  @TempDir Path dir;

  static final String BASE =
      """
      playbook: base
      stages: [lead, proposal, won, lost]
      stage_titles:
        proposal: { en: Proposal sent, zh-CN: 方案 }
      segments: [smb, enterprise]
      parameters:
        big_deal: { default: 100000, by_segment: { smb: 25000.5 }, by_stage: { proposal: 50000 } }
        grace: 3bd
        strict: true
        region: emea
      methodologies:
        meddic:
          title: { en: MEDDIC, zh-CN: MEDDIC 方法 }
          elements:
            - { id: metrics, title: Metrics, confirmed_when: "amount is present" }
            - { id: champion }
      key_nodes:
        - id: proposal_ready
          stage: proposal
          title: { en: Ready to propose }
          exit_criteria:
            - { id: amount, title: Amount known, when: "amount is present" }
      """;

  static final String BASE_RULES =
      """
      rules:
        - id: base.big
          title: { en: Big deal, zh-CN: 大单 }
          methodology: meddic
          element: metrics
          when: amount >= param(big_deal)
          gap: { severity: medium, message: "big deal" }

        - id: base.lead
          when: stage == lead
          action: { title: Qualify }
      """;

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  Path child() throws IOException {
    write(dir.resolve("base/playbook.yaml"), BASE);
    write(dir.resolve("base/rules/size.yaml"), BASE_RULES);
    write(dir.resolve("base/rules/size.test.yaml"), "not loaded: [");
    Path child = dir.resolve("acme");
    write(
        child.resolve("playbook.yaml"),
        """
        playbook: acme
        title: { en: Acme, de: Acme GmbH }
        extends: [../base]
        rules:
          - id: acme.proposal
            when: stage == proposal
            gap: { severity: critical, message: "check" }
            action: { title: Call }
        """);
    return child;
  }

  @Test
  void describe_childPlaybook_includesInheritedRulesWithTheirFileAndLine() throws IOException {
    Path child = child();

    PlaybookDescriptor d = Playbook.load(child).describe();

    assertThat(d.id()).isEqualTo("acme");
    assertThat(d.title().get(Locale.GERMANY)).isEqualTo("Acme GmbH");
    assertThat(d.title().get(Locale.JAPANESE)).isEqualTo("Acme");
    assertThat(d.rules())
        .extracting(
            RuleDescriptor::id,
            r -> r.title().get(Locale.forLanguageTag("zh-CN")),
            RuleDescriptor::methodology,
            RuleDescriptor::element,
            RuleDescriptor::hasGap,
            RuleDescriptor::severity,
            RuleDescriptor::hasAction,
            RuleDescriptor::file,
            RuleDescriptor::line)
        .containsExactly(
            tuple(
                "base.big",
                "大单",
                "meddic",
                "metrics",
                true,
                Severity.MEDIUM,
                false,
                dir.resolve("base/rules/size.yaml").toString(),
                2),
            tuple(
                "base.lead",
                "base.lead",
                null,
                null,
                false,
                null,
                true,
                dir.resolve("base/rules/size.yaml").toString(),
                9),
            tuple(
                "acme.proposal",
                "acme.proposal",
                null,
                null,
                true,
                Severity.CRITICAL,
                true,
                child.resolve("playbook.yaml").toString(),
                5));
    assertThat(d.rule("base.big").orElseThrow().condition()).isEqualTo("amount >= param(big_deal)");
    assertThat(d.rule("nope")).isEmpty();
  }

  @Test
  void describe_parametersStagesMethodologiesAndKeyNodes_asWritten() throws IOException {
    PlaybookDescriptor d = Playbook.load(child()).describe();

    assertThat(d.parameters())
        .extracting(
            ParameterDescriptor::name,
            ParameterDescriptor::kind,
            ParameterDescriptor::defaultValue,
            ParameterDescriptor::bySegment,
            ParameterDescriptor::byStage)
        .containsExactly(
            tuple(
                "big_deal",
                ParameterDescriptor.Kind.NUMBER,
                "100000",
                Map.of("smb", "25000.5"),
                Map.of("proposal", "50000")),
            tuple("grace", ParameterDescriptor.Kind.SPAN, "3bd", Map.of(), Map.of()),
            tuple("strict", ParameterDescriptor.Kind.BOOLEAN, "true", Map.of(), Map.of()),
            tuple("region", ParameterDescriptor.Kind.TEXT, "emea", Map.of(), Map.of()));
    assertThat(d.stages())
        .extracting(
            s -> s.id(), s -> s.title(Locale.forLanguageTag("zh-CN")), s -> s.title(Locale.FRENCH))
        .containsExactly(
            tuple("lead", "lead", "lead"),
            tuple("proposal", "方案", "proposal"),
            tuple("won", "won", "won"),
            tuple("lost", "lost", "lost"));
    assertThat(d.stages().get(1).titles())
        .containsExactly(entry("en", "Proposal sent"), entry("zh-CN", "方案"));
    assertThat(d.segments()).containsExactly("smb", "enterprise");
    assertThat(d.methodologies())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.title().get(Locale.forLanguageTag("zh-CN"))).isEqualTo("MEDDIC 方法");
              assertThat(m.elements())
                  .extracting(
                      e -> e.id(), e -> e.title().get(Locale.ENGLISH), e -> e.confirmedWhen())
                  .containsExactly(
                      tuple("metrics", "Metrics", "amount is present"),
                      tuple("champion", "champion", null));
            });
    assertThat(d.keyNodes())
        .singleElement()
        .satisfies(
            k -> {
              assertThat(k.stage()).isEqualTo("proposal");
              assertThat(k.title().get(Locale.ENGLISH)).isEqualTo("Ready to propose");
              assertThat(k.criteria())
                  .extracting(c -> c.id(), c -> c.title().get(Locale.ENGLISH), c -> c.condition())
                  .containsExactly(tuple("amount", "Amount known", "amount is present"));
            });
  }

  @Test
  void descriptors_areImmutableAndValidated() throws IOException {
    PlaybookDescriptor d = Playbook.load(child()).describe();

    assertThatThrownBy(() -> d.rules().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> d.stages().get(1).titles().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    Map<String, String> titles = new LinkedHashMap<>(Map.of("en", "A"));
    LocalizedText text = new LocalizedText(titles);
    titles.put("de", "B");
    assertThat(text.variants()).containsOnlyKeys("en");
    assertThatThrownBy(() -> new LocalizedText(Map.of()))
        .hasMessage("a localized text needs at least one variant");
    assertThatThrownBy(
            () -> new RuleDescriptor("r", text, null, null, "true", true, null, false, "f.yaml", 1))
        .hasMessage("rule r: a severity is given exactly when it has a gap");
    assertThatThrownBy(
            () ->
                new RuleDescriptor(
                    "r", text, null, "metrics", "true", false, null, false, "f.yaml", 1))
        .hasMessage("rule r: element metrics needs a methodology");
    assertThatThrownBy(
            () ->
                new RuleDescriptor("r", text, null, null, "true", false, null, false, "f.yaml", 0))
        .hasMessage("rule r: line 0 must be at least 1");
  }

  @Test
  void files_areEveryFileReadWithParentsAndWithoutTests() throws IOException {
    Path child = child();

    assertThat(Playbook.load(child).files())
        .containsExactly(
            child.resolve("playbook.yaml").toString(),
            dir.resolve("base/playbook.yaml").toString(),
            dir.resolve("base/rules/size.yaml").toString());
  }

  @Test
  void revision_isTheDocumentedSha256OfNamesAndBytes() throws Exception {
    write(dir.resolve("p/playbook.yaml"), BASE);
    write(dir.resolve("p/rules/size.yaml"), BASE_RULES);

    String revision = Playbook.load(dir.resolve("p")).revision();

    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (String[] f :
        List.of(
            new String[] {"playbook.yaml", BASE}, new String[] {"rules/size.yaml", BASE_RULES})) {
      byte[] bytes = f[1].getBytes(StandardCharsets.UTF_8);
      sha.update(f[0].getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(ByteBuffer.allocate(8).putLong(bytes.length).array());
      sha.update(bytes);
    }
    assertThat(revision).isEqualTo(HexFormat.of().formatHex(sha.digest()));
  }

  @Test
  void revision_sameContent_sameRevisionWhateverTheFolderOrderAndTimes() throws IOException {
    // written in a different order, with different modification times, in different folders
    write(dir.resolve("one/playbook.yaml"), BASE);
    write(dir.resolve("one/rules/size.yaml"), BASE_RULES);
    write(dir.resolve("two/rules/size.yaml"), BASE_RULES);
    write(dir.resolve("two/playbook.yaml"), BASE);
    Files.setLastModifiedTime(dir.resolve("two/playbook.yaml"), FileTime.fromMillis(0));

    String one = Playbook.load(dir.resolve("one")).revision();
    String two = Playbook.load(dir.resolve("two")).revision();

    assertThat(one).matches("[0-9a-f]{64}").isEqualTo(two);
    assertThat(Playbook.load(dir.resolve("one")).revision()).isEqualTo(one);
  }

  @Test
  void revision_changesWhenAFileChangesOrIsAdded() throws IOException {
    write(dir.resolve("p/playbook.yaml"), BASE);
    write(dir.resolve("p/rules/size.yaml"), BASE_RULES);
    String before = Playbook.load(dir.resolve("p")).revision();

    write(dir.resolve("p/rules/size.yaml"), BASE_RULES.replace("Qualify", "Qualify!"));
    String edited = Playbook.load(dir.resolve("p")).revision();
    write(dir.resolve("p/rules/empty.yaml"), "# nothing yet\n");
    String added = Playbook.load(dir.resolve("p")).revision();
    write(dir.resolve("p/rules/size.yaml"), BASE_RULES);
    Files.delete(dir.resolve("p/rules/empty.yaml"));
    String back = Playbook.load(dir.resolve("p")).revision();

    assertThat(List.of(before, edited, added)).doesNotHaveDuplicates();
    assertThat(back).isEqualTo(before);
  }

  @Test
  void revision_parentEdited_changesTheChildsRevision() throws IOException {
    Path child = child();
    String before = Playbook.load(child).revision();

    write(dir.resolve("base/rules/size.yaml"), BASE_RULES.replace("big deal", "large deal"));

    assertThat(Playbook.load(child).revision()).isNotEqualTo(before);
  }

  @Test
  void revisionAndFiles_parsedText_areNamedByItsFileName() {
    Playbook a = Playbook.parse("x/acme.yaml", "playbook: acme\nstages: [a, b]\n");
    Playbook b = Playbook.parse("y/acme.yaml", "playbook: acme\nstages: [a, b]\n");

    assertThat(a.files()).containsExactly("x/acme.yaml");
    assertThat(a.revision())
        .isEqualTo(b.revision())
        .isNotEqualTo(Playbook.parse("x/acme.yaml", "playbook: acme\nstages: [a, c]\n").revision());
  }
}
