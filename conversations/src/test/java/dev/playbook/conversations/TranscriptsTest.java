package dev.playbook.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptsTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> problems(String file, byte[] content, ReadLimits limits) {
    try {
      Transcripts.read(file, content, null, limits);
    } catch (ProblemException e) {
      return e.problems().stream().map(Problem::render).toList();
    }
    throw new AssertionError("no problem reported");
  }

  @Test
  void read_tenMegabyteTranscript_refusedWithLocatedProblem() {
    // given a 10 MiB transcript of ordinary lines
    StringBuilder text = new StringBuilder();
    while (text.length() < 10 << 20) {
      text.append("Maria Chen: and then we talked about the rollout plan again\n");
    }
    byte[] big = utf8(text.toString());

    // when / then
    assertThat(problems("huge.txt", big, ReadLimits.DEFAULT))
        .containsExactly(
            "huge.txt: file-too-large: file is "
                + big.length
                + " bytes, more than the limit of 8388608");
  }

  @Test
  void read_tenMegabyteTranscriptWithRaisedLimits_readsWithinTheSegmentLimit() {
    StringBuilder text = new StringBuilder();
    while (text.length() < 10 << 20) {
      text.append("Maria Chen: and then we talked about the rollout plan again\n");
    }
    ReadLimits raised = new ReadLimits(16L << 20, 1_000_000, 50_000, 100_000, 200);

    assertThat(problems("huge.txt", utf8(text.toString()), raised))
        .containsExactly(
            "huge.txt:50001:1: too-many-segments: more than 50000 segments; the file is refused");
  }

  @Test
  void read_tooManyLines_refused() {
    ReadLimits limits = new ReadLimits(1 << 20, 3, 10, 100, 20);
    assertThat(problems("a.txt", utf8("A: one\nA: two\nA: three\nA: four\n"), limits))
        .containsExactly("a.txt:4:1: too-many-lines: file has 5 lines, more than the limit of 3");
  }

  @Test
  void read_overlongSegmentAndSpeaker_reportsBoth() {
    ReadLimits limits = new ReadLimits(1 << 20, 100, 10, 10, 5);
    assertThat(
            problems(
                "a.txt", utf8("Ann: short\nAnnabelle: fine\nBo: this is far too long\n"), limits))
        .containsExactly(
            "a.txt:2:1: too-large: speaker name has 9 characters, more than the limit of 5",
            "a.txt:3:1: too-large: segment text has 20 characters, more than the limit of 10");
  }

  @Test
  void read_notUtf8_reportsEncodingWithLine() {
    byte[] bytes = {'A', ':', ' ', 'h', 'i', '\n', 'B', ':', ' ', (byte) 0xff, '\n'};
    assertThat(problems("a.txt", bytes, ReadLimits.DEFAULT))
        .containsExactly("a.txt:2:4: invalid-encoding: the file is not UTF-8 (byte 10)");
  }

  @Test
  void read_unknownExtension_reportsFormat() {
    assertThat(problems("call.docx", utf8("x"), ReadLimits.DEFAULT))
        .containsExactly(
            "call.docx: unknown-format: cannot tell the format from the file name; use .vtt, .srt, .json, .txt or .eml");
  }

  @Test
  void read_vttWithoutHeaderAndBadTiming_reportsEachLocated() {
    assertThat(problems("a.vtt", utf8("1\n00:00.000 --> 00:05.000\nA: hi\n"), ReadLimits.DEFAULT))
        .containsExactly("a.vtt:1:1: syntax-error: a WebVTT file starts with the line 'WEBVTT'");
    assertThat(
            problems(
                "b.vtt",
                utf8("WEBVTT\n\n00:00.000 --> 00:75.000\nA: hi\n\nno timing here\nA: hi\n"),
                ReadLimits.DEFAULT))
        .containsExactly(
            "b.vtt:3:1: invalid-time: '00:00.000 --> 00:75.000' is not a timing line 'start --> end' with times such as 00:01:02.000",
            "b.vtt:6:1: syntax-error: a cue needs a timing line such as '00:01:02.000 --> 00:01:05.000'");
  }

  @Test
  void read_srtCueEndingBeforeItStarts_reportsInvalidTime() {
    assertThat(
            problems(
                "a.srt", utf8("1\n00:00:05,000 --> 00:00:01,000\nA: hi\n"), ReadLimits.DEFAULT))
        .containsExactly(
            "a.srt:3:1: invalid-time: segment ends at 00:01, before it starts at 00:05");
  }

  @Test
  void read_jsonWithMissingFieldsAndBadSyntax_reportsLocated() {
    String json =
        "[\n  {\"speaker\": \"A\", \"start\": 1, \"text\": \"hi\"},\n  {\"start\": 1, \"end\": 2, \"text\": 3}\n]";
    assertThat(problems("a.json", utf8(json), ReadLimits.DEFAULT))
        .containsExactly(
            "a.json:2:3: missing-field: a segment gives 'start' and 'end', or neither",
            "a.json:3:3: missing-field: segment has no 'speaker'",
            "a.json:3:3: wrong-type: 'text' must be a string, was number");
    assertThat(problems("b.json", utf8("[{\"speaker\": \"A\",]"), ReadLimits.DEFAULT))
        .hasSize(1)
        .first()
        .asString()
        .startsWith("b.json:1:18: json-syntax: ");
  }

  @Test
  void read_plainTextWithSomeTimes_refusesMixing() {
    assertThat(problems("a.txt", utf8("[00:00:01] A: hi\nB: hello\n"), ReadLimits.DEFAULT))
        .containsExactly(
            "a.txt:2:1: invalid-time: line 1 starts with a time and this one does not; give every line a time or none");
    assertThat(problems("b.txt", utf8("no speaker here\nA: hi\n"), ReadLimits.DEFAULT))
        .containsExactly(
            "b.txt:1:1: missing-speaker: a line needs a speaker, as in 'Daniel Reed: text'");
  }

  @Test
  void read_plainTextWithTimes_endsEachSegmentAtTheNextStart() {
    Conversation c =
        Transcripts.read("a.txt", utf8("[00:00:01] A: hi\n00:00:04 B：你好\n[00:01:00.5] A: bye\n"));
    assertThat(c.segments())
        .extracting(Segment::speaker, Segment::start, Segment::end, Segment::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "A", Duration.ofSeconds(1), Duration.ofSeconds(4), "hi"),
            org.assertj.core.groups.Tuple.tuple(
                "B", Duration.ofSeconds(4), Duration.ofMillis(60_500), "你好"),
            org.assertj.core.groups.Tuple.tuple("A", Duration.ofMillis(60_500), null, "bye"));
  }

  @Test
  void read_vttCueWithTwoVoices_makesTwoSegments() {
    Conversation c =
        Transcripts.read(
            "a.vtt",
            utf8(
                "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v.loud Ann Lee>Hi &amp; welcome</v>\n<v Bo>Thanks <i>Ann</i></v>\n"));
    assertThat(c.segments())
        .extracting(Segment::speaker, Segment::text, Segment::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Ann Lee", "Hi & welcome", 4),
            org.assertj.core.groups.Tuple.tuple("Bo", "Thanks Ann", 5));
  }

  @Test
  void read_emptyTranscript_reportsIt() {
    assertThat(problems("a.vtt", utf8("WEBVTT\n\nNOTE nothing\n"), ReadLimits.DEFAULT))
        .containsExactly("a.vtt: empty-transcript: the file holds no segments");
  }

  @Test
  void read_emlWithOnlyHtml_reportsMissingPlainText() {
    String eml =
        "From: a@b.example\r\nDate: Tue, 17 Nov 2026 15:00:00 +0100\r\nContent-Type: text/html\r\n\r\n<p>hi</p>\r\n";
    assertThat(problems("a.eml", utf8(eml), ReadLimits.DEFAULT))
        .containsExactly("a.eml:1:1: unknown-format: the message has no text/plain part");
  }

  @Test
  void read_eml_takesSenderDateAndStrippedBody() {
    Conversation c = Transcripts.read("reply-en.eml", TestTrackers.bytes("reply-en.eml"));
    assertThat(c.channel()).isEqualTo(Channel.EMAIL);
    assertThat(c.startedAt()).hasToString("2026-11-17T15:00+01:00");
    assertThat(c.segments())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.speaker()).isEqualTo("Daniel Reed <daniel.reed@acme.example>");
              assertThat(s.start()).isNull();
            });
  }

  @Test
  void emailText_stripsOutlookHeaderBlockSignatureAndQuotes() {
    String body =
        String.join(
            "\n",
            "Works for me.",
            "> old line",
            "",
            "-- ",
            "Daniel",
            "",
            "From: Maria",
            "Sent: Monday",
            "old text");
    assertThat(EmailText.strip(body)).isEqualTo("Works for me.");
    assertThat(EmailText.strip("Thanks, see you then\nCheers,\nDan\n"))
        .isEqualTo("Thanks, see you then");
    assertThat(
            EmailText.strip(
                "Sounds good\nOn Mon, 16 Nov 2026, Maria Chen\n<maria@v.example> wrote:\n> hi"))
        .isEqualTo("Sounds good");
    assertThat(EmailText.strip("好的\n在 2026年11月16日，王芳 写道：\n> 你好")).isEqualTo("好的");
  }
}
