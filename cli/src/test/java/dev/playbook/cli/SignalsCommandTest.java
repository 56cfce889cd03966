package dev.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignalsCommandTest {

  @TempDir Path dir;

  static final String CALL =
      """
      WEBVTT

      00:00:05.000 --> 00:00:12.000
      <v Maya Chen>How many people in your team handle the invoices today?

      00:12:41.000 --> 00:12:48.000
      <v Daniel Reed>What would this cost for the whole team?

      00:12:50.000 --> 00:13:00.000
      <v Maya Chen>As a next step, shall we book a demo next Tuesday?

      00:13:01.000 --> 00:13:04.000
      <v Sam>Yes, Tuesday works.
      """;

  @Test
  void signals_transcript_printsMetricsHitsNextStepsAndWarnings() throws Exception {
    // given a call transcript and who its speakers are
    TestFiles.write(dir, "call.vtt", CALL);

    // when its signals are printed
    CliRunner.Run run =
        new CliRunner(dir)
            .run(
                "signals",
                dir.resolve("call.vtt").toString(),
                "--speaker",
                "Maya Chen=rep",
                "--speaker",
                "Daniel Reed=buyer",
                "--at",
                "2026-11-17T15:00:00+01:00");

    // then everything found is printed with its quote and time; Sam is not guessed. By hand: rep
    // 7 s + 10 s, buyer 7 s: talk ratio 17/24; 2 switches in 12.92 minutes; rep waits 770 - 768 s
    assertThat(run.err()).isEmpty();
    assertThat(run.out().replace(dir + "/", ""))
        .isEqualTo(
            """
            call.vtt (deal signals, activity conversation)
              metrics:
                talk_ratio        0.7083
                longest_monologue 10
                longest_story     7
                interactivity     0.1548
                patience          2
                rep_questions     2
                buyer_questions   1
                rep_words         21
                buyer_words       8
                filler_rate       0
              hits: 3
                spin_situation_question: call 2026-11-17 15:00, 0:05, Maya Chen (rep): "How many people in your team handle the invoices today?"
                pricing: call 2026-11-17 15:00, 12:41, Daniel Reed (buyer): "What would this cost for the whole team?"
                next_step: call 2026-11-17 15:00, 12:50, Maya Chen (rep): "As a next step, shall we book a demo next Tuesday?"
              next steps: 1
                2026-11-24, not committed: "As a next step, shall we book a demo next Tuesday?"
              suggested evidence: 1
                spin.situation: call 2026-11-17 15:00, 0:05, Maya Chen (rep): "How many people in your team handle the invoices today?"
              warnings: 1
                call.vtt:13:1: unattributed-speaker: speaker 'Sam' is neither the deal's owner nor one of its contacts; map it to 'rep', 'buyer' or a contact id
            """);
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void signals_missingFile_isALocatedProblem() {
    CliRunner.Run run = new CliRunner(dir).run("signals", dir.resolve("none.vtt").toString());

    assertThat(run.out()).isEmpty();
    assertThat(run.err().replace(dir + "/", ""))
        .isEqualTo("none.vtt: file-unreadable: the file cannot be read\n1 problem found\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  static final String DEAL =
      """
      [{"id": "D-1", "name": "Acme finance", "account": "Acme", "stage": "proposal",
        "owner": "Maya Chen",
        "contacts": [{"id": "c1", "name": "Daniel Reed", "roles": ["economic_buyer"]}],
        "activities": [{"id": "a1", "type": "call", "occurred_at": "2026-11-17T14:00:00Z",
          "contacts": ["c1"]}]}]
      """;

  @Test
  void evaluate_withTranscripts_budgetSaidInTheCallClosesTheBudgetGap() throws Exception {
    // given a proposal-stage deal whose call mentions the budget
    TestFiles.write(dir, "deals.json", DEAL);
    TestFiles.write(
        dir,
        "calls/D-1/a1.vtt",
        "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v Daniel Reed>We have budgeted forty"
            + " thousand.\n");
    String deals = dir.resolve("deals.json").toString();
    CliRunner cli = new CliRunner(new Environment(dir, () -> List.of("bant")));

    // when it is evaluated with BANT, without and with its transcripts
    CliRunner.Run without =
        cli.run("evaluate", deals, "--playbook", "bant", "--as-of", "2026-11-20");
    CliRunner.Run with =
        cli.run(
            "evaluate",
            deals,
            "--playbook",
            "bant",
            "--as-of",
            "2026-11-20",
            "--transcripts",
            dir.resolve("calls").toString());

    // then the budget gap is there only without the call
    assertThat(without.out()).contains("[bant.budget-known]");
    assertThat(with.out()).doesNotContain("[bant.budget-known]").contains("Budget suggested");
    assertThat(with.err()).isEmpty();
  }

  @Test
  void evaluate_transcriptsFolderMissing_isAProblem() throws Exception {
    TestFiles.write(dir, "deals.json", DEAL);

    CliRunner.Run run =
        new CliRunner(new Environment(dir, () -> List.of("bant")))
            .run(
                "evaluate",
                dir.resolve("deals.json").toString(),
                "--playbook",
                "bant",
                "--transcripts",
                dir.resolve("nowhere").toString());

    assertThat(run.out()).isEmpty();
    assertThat(run.err().replace(dir + "/", ""))
        .isEqualTo(
            "nowhere: file-unreadable: cannot read the transcripts: no such folder\n"
                + "1 problem found\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  static final String MAPPED_CALL =
      "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v D. Reed>We have budgeted forty thousand.\n\n"
          + "00:00:06.000 --> 00:00:08.000\n<v Sam>That works for us.\n";

  @Test
  void evaluate_speakersFile_mapsTheSpeakerAndWarnsAboutTheUnattributedOne() throws Exception {
    // given a call whose buyer is labelled 'D. Reed', mapped to contact c1 in speakers.yaml, and
    // a speaker 'Sam' whom neither the deal nor the mapping names
    TestFiles.write(dir, "deals.json", DEAL);
    TestFiles.write(dir, "calls/D-1/a1.vtt", MAPPED_CALL);
    TestFiles.write(dir, "calls/D-1/speakers.yaml", "speakers:\n  D. Reed: c1\n");

    // when it is evaluated with its transcripts
    CliRunner.Run run =
        new CliRunner(new Environment(dir, () -> List.of("bant")))
            .run(
                "evaluate",
                dir.resolve("deals.json").toString(),
                "--playbook",
                "bant",
                "--as-of",
                "2026-11-20",
                "--transcripts",
                dir.resolve("calls").toString());

    // then the mapped buyer's budget counts, and Sam is reported, not guessed
    assertThat(run.out()).doesNotContain("[bant.budget-known]").contains("Budget suggested");
    assertThat(run.err().replace(dir + "/", ""))
        .isEqualTo(
            "warning: calls/D-1/a1.vtt:7:1: unattributed-speaker: speaker 'Sam' is neither the"
                + " deal's owner nor one of its contacts; map it to 'rep', 'buyer' or a contact"
                + " id\n");
    assertThat(run.exitCode()).isEqualTo(0);
  }

  @Test
  void evaluate_speakersFileNamesNoContactOfTheDeal_isALocatedProblem() throws Exception {
    TestFiles.write(dir, "deals.json", DEAL);
    TestFiles.write(dir, "calls/D-1/a1.vtt", MAPPED_CALL);
    TestFiles.write(dir, "calls/D-1/speakers.yaml", "speakers:\n  D. Reed: c9\n  Sam: [rep]\n");

    CliRunner.Run run =
        new CliRunner(new Environment(dir, () -> List.of("bant")))
            .run(
                "evaluate",
                dir.resolve("deals.json").toString(),
                "--playbook",
                "bant",
                "--transcripts",
                dir.resolve("calls").toString());

    assertThat(run.out()).isEmpty();
    assertThat(run.err().replace(dir + "/", ""))
        .isEqualTo(
            "calls/D-1/speakers.yaml:2:12: unknown-contact: speaker 'D. Reed' maps to 'c9', which"
                + " is neither rep, buyer nor a contact of deal D-1 (did you mean 'c1'?)\n"
                + "calls/D-1/speakers.yaml:3:8: wrong-type: speaker 'Sam' maps to rep, buyer or a"
                + " contact id, not a list\n"
                + "2 problems found\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void report_withTranscripts_evaluatesTheDealsWithWhatWasSaid() throws Exception {
    // given a deal whose call names the budget
    TestFiles.write(dir, "deals.json", DEAL);
    TestFiles.write(dir, "calls/D-1/a1.vtt", MAPPED_CALL);
    TestFiles.write(dir, "calls/D-1/speakers.yaml", "speakers:\n  D. Reed: c1\n  Sam: buyer\n");
    String deals = dir.resolve("deals.json").toString();
    CliRunner cli = new CliRunner(new Environment(dir, () -> List.of("bant")));

    // when the report is written without and with the call
    CliRunner.Run without =
        cli.run(
            "report",
            deals,
            "--playbook",
            "bant",
            "--as-of",
            "2026-11-20",
            "--out",
            dir.resolve("a.html").toString());
    CliRunner.Run with =
        cli.run(
            "report",
            deals,
            "--playbook",
            "bant",
            "--as-of",
            "2026-11-20",
            "--out",
            dir.resolve("b.html").toString(),
            "--transcripts",
            dir.resolve("calls").toString());

    // then the budget gap the call closes is missing from the second report
    assertThat(line(without.out(), "  Gaps"))
        .isEqualTo("  Gaps        0 critical, 2 high, 1 medium, 0 low, 0 info");
    assertThat(line(with.out(), "  Gaps"))
        .isEqualTo("  Gaps        0 critical, 1 high, 1 medium, 0 low, 0 info");
    assertThat(with.err()).doesNotContain("warning");
    assertThat(with.exitCode()).isEqualTo(without.exitCode());
  }

  @Test
  void backtest_transcriptsFolderMissing_isAProblem() {
    CliRunner.Run run =
        new CliRunner(new Environment(dir, () -> List.of("standard-b2b")))
            .run(
                "backtest",
                Path.of("..", "examples", "deals", "pipeline.json").toString(),
                "--playbook",
                "standard-b2b",
                "--transcripts",
                dir.resolve("nowhere").toString());

    assertThat(run.out()).isEmpty();
    assertThat(run.err().replace(dir + "/", ""))
        .isEqualTo(
            "nowhere: file-unreadable: cannot read the transcripts: no such folder\n"
                + "1 problem found\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  static String line(String text, String prefix) {
    return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("(none)");
  }
}
