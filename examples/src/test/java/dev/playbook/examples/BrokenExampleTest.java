package dev.playbook.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.playbook.Playbook;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code broken/playbook.yaml} holds one mistake of each common kind. Loading happens in two
 * passes: the file's structure first (unknown or missing keys, wrong values), then, once the
 * structure is sound, the conditions, templates and references. So an author sees the misspelt key
 * first and the condition problems after fixing it.
 */
class BrokenExampleTest {

  static final Path BROKEN = Path.of("broken");
  static final String FILE = "broken/playbook.yaml";

  static ProblemException loadFails(Runnable load) {
    ProblemException e = catchThrowableOfType(ProblemException.class, load::run);
    assertThat(e).as("loading should fail with problems").isNotNull();
    return e;
  }

  @Test
  void load_brokenExample_reportsTheMisspeltRuleField() {
    ProblemException e = loadFails(() -> Playbook.load(BROKEN));

    assertThat(e.problems())
        .extracting(Problem::render)
        .containsExactly(
            "broken/playbook.yaml:15:5: unknown-field: 'titel' is not a field of a rule (did you mean 'title'?)");
    assertThat(e.getMessage()).isEqualTo(e.problems().get(0).render());
  }

  @Test
  void load_brokenExampleWithTheKeyFixed_reportsEveryConditionProblemSorted() throws IOException {
    String fixed =
        Files.readString(BROKEN.resolve("playbook.yaml"), StandardCharsets.UTF_8)
            .replace("    titel: ", "    title: ");

    ProblemException e = loadFails(() -> Playbook.parse(FILE, fixed));

    assertThat(e.problems())
        .extracting(Problem::render)
        .containsExactly(
            "broken/playbook.yaml:21:20: unknown-stage: 'negotiate' is not a stage of this playbook (did you mean 'negotiation'?); "
                + "its stages are: prospecting, qualification, discovery, proposal, negotiation, closed_won, closed_lost",
            "broken/playbook.yaml:26:19: syntax-error: '=' is not an operator; write '==' to compare",
            "broken/playbook.yaml:32:29: syntax-error: unexpected ')' after a complete condition (a ')' has no matching '(')",
            "broken/playbook.yaml:40:19: unknown-talk-track: there is no talk track 'eb-introduction' (did you mean 'eb-intro'?); define it under 'talk_tracks'",
            "broken/playbook.yaml:45:22: unknown-field: 'last_activty' is not a field of a deal (did you mean 'last_activity'?)");
  }

  @Test
  void load_injectionAttempt_isOnlyASyntaxErrorAndRunsNothing() throws IOException {
    String yaml =
        """
        playbook: injection
        stages: [prospecting, proposal]
        rules:
          - id: r
            when: "stage >= proposal) then System.exit(3); end"
            gap: { severity: low, message: "never loaded" }
        """;

    ProblemException e = loadFails(() -> Playbook.parse("injection.yaml", yaml));

    // reaching this line at all shows that System.exit was not called
    assertThat(e.problems())
        .extracting(Problem::render)
        .containsExactly(
            "injection.yaml:5:29: syntax-error: unexpected ')' after a complete condition (a ')' has no matching '(')");
  }
}
