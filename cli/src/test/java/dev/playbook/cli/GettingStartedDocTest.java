package dev.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Playbook;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays docs/getting-started.md: runs each {@code $ bin/playbook ...} command of its transcripts,
 * in order and with the page's edits in between, and compares what it prints with the page. The
 * playbook is created in a temporary folder; example files are read from the repository; the
 * built-in playbooks are the real ones.
 */
class GettingStartedDocTest {

  static final Path DOC = Path.of("..", "docs", "getting-started.md");
  static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

  /** A fenced block and the comment before it that says what it is. */
  static final Pattern BLOCK =
      Pattern.compile(
          "<!-- (transcript|edit: \\S+|excerpt of: \\S+) -->\\n```(\\w+)\\n(.*?)```\\n",
          Pattern.DOTALL);

  @TempDir Path dir;

  @Test
  void gettingStarted_transcript_isWhatTheCommandsPrint() {
    String doc = TestFiles.read(DOC);
    CliRunner cli = new CliRunner(new Environment(REPOSITORY, Playbook::builtInNames));
    Matcher m = BLOCK.matcher(doc);
    int commands = 0;
    int edits = 0;
    while (m.find()) {
      String kind = m.group(1);
      String body = m.group(3);
      if (kind.equals("transcript")) {
        commands += replay(cli, body);
      } else if (kind.startsWith("edit: ")) {
        edit(dir.resolve(kind.substring("edit: ".length())), body);
        edits++;
      } else {
        Path file = dir.resolve(kind.substring("excerpt of: ".length()));
        assertThat(TestFiles.read(file)).as("%s contains the excerpt shown", file).contains(body);
      }
    }
    assertThat(commands).as("commands replayed").isGreaterThanOrEqualTo(6);
    assertThat(edits).as("edits applied").isEqualTo(4);
  }

  @Test
  void gettingStarted_inheritedRuleCount_agreesWithTheValidateOutput() {
    String doc = TestFiles.read(DOC);
    Matcher ok =
        Pattern.compile("playbooks/acme-test: ok \\((\\d+) rules, 7 stages\\)").matcher(doc);
    assertThat(ok.find()).isTrue();
    int rules = Integer.parseInt(ok.group(1));

    assertThat(doc)
        .contains(rules + " rules: your one rule and the " + (rules - 1) + " it inherits");
  }

  /** Runs each command of a transcript and compares its output; returns how many ran. */
  private int replay(CliRunner cli, String transcript) {
    List<String> lines = List.of(transcript.split("\n"));
    int ran = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      assertThat(line).as("a transcript starts with a command").startsWith("$ bin/playbook ");
      StringBuilder expected = new StringBuilder();
      while (i + 1 < lines.size() && !lines.get(i + 1).startsWith("$ ")) {
        expected.append(lines.get(++i)).append('\n');
      }
      List<String> args = new ArrayList<>();
      for (String arg : line.substring("$ bin/playbook ".length()).split(" +")) {
        args.add(
            arg.startsWith("playbooks/")
                ? dir.resolve(arg).toString()
                : arg.startsWith("examples/") ? REPOSITORY.resolve(arg).toString() : arg);
      }

      CliRunner.Run run = cli.run(args.toArray(String[]::new));

      String printed = (run.out() + run.err()).replace(dir + "/", "").replace(REPOSITORY + "/", "");
      assertThat(printed).as("what '%s' prints", line.substring(2)).isEqualTo(expected.toString());
      ran++;
    }
    return ran;
  }

  /** Applies a diff of one or more removed lines followed by the lines that replace them. */
  private static void edit(Path file, String diff) {
    StringBuilder removed = new StringBuilder();
    StringBuilder added = new StringBuilder();
    for (String line : diff.split("\n")) {
      (line.startsWith("-") ? removed : added).append(line.substring(1)).append('\n');
    }
    String content = TestFiles.read(file);
    assertThat(content).as("%s has the lines the page changes", file).containsOnlyOnce(removed);
    TestFiles.write(
        file.getParent(), file.getFileName().toString(), content.replace(removed, added));
  }
}
