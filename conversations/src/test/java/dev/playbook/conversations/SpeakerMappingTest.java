package dev.playbook.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.model.Contact;
import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code speakers.yaml}: who the speakers are that a deal's owner and contacts do not name. */
class SpeakerMappingTest {

  static final Deal DEAL =
      Deal.builder("D-7", "discovery")
          .owner("Maya Chen")
          .addContact(Contact.builder("c1").name("Daniel Reed").build())
          .addContact(Contact.builder("c3").name("周婷").build())
          .build();

  static List<String> problems(String text) {
    try {
      DealSignals.speakers("speakers.yaml", text, DEAL);
    } catch (ProblemException e) {
      return e.problems().stream().map(Problem::render).toList();
    }
    throw new AssertionError("no problem reported");
  }

  @Test
  void speakers_repBuyerAndContactIds_areReadInFileOrder() {
    Map<String, String> m =
        DealSignals.speakers(
            "speakers.yaml", "speakers:\n  Host: rep\n  Caller 2: buyer\n  周经理: c3\n", DEAL);

    assertThat(m)
        .containsExactly(
            Map.entry("Host", "rep"), Map.entry("Caller 2", "buyer"), Map.entry("周经理", "c3"));
  }

  @Test
  void speakers_everyBadEntry_isReportedAtItsLine() {
    assertThat(
            problems("speakers:\n  Host: rep\n  Caller 2: c2\n  Sam: [rep]\n  Bo: ~\nteams: {}\n"))
        .containsExactly(
            "speakers.yaml:3:13: unknown-contact: speaker 'Caller 2' maps to 'c2', which is neither"
                + " rep, buyer nor a contact of deal D-7 (did you mean 'c1'?)",
            "speakers.yaml:4:8: wrong-type: speaker 'Sam' maps to rep, buyer or a contact id, not"
                + " a list",
            "speakers.yaml:5:7: wrong-type: speaker 'Bo' maps to rep, buyer or a contact id, not"
                + " null",
            "speakers.yaml:6:1: unknown-field: 'teams' is not a field of a speaker mapping; it"
                + " holds only 'speakers'");
  }

  @Test
  void speakers_withoutASpeakersMapping_isAMissingField() {
    assertThat(problems("- Host: rep\n"))
        .containsExactly(
            "speakers.yaml:1:1: missing-field: a speaker mapping is a mapping with a 'speakers'"
                + " mapping of speaker to rep, buyer or a contact id");
  }

  @Test
  void speakers_mappedSpeaker_isAttributedAndTheOtherReported() {
    // given a call with a screen name the mapping names and one it does not
    Conversation call =
        Transcripts.read(
            "call.txt",
            "Host: What does this cost?\nDR: About forty thousand.\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Map<String, String> m = DealSignals.speakers("speakers.yaml", "speakers:\n  Host: rep\n", DEAL);

    // when attributed
    Attribution a = Attribution.of(call, DEAL, m);

    // then Host is the rep side and DR, named by nobody, is reported
    assertThat(a.party("Host").side()).isEqualTo(Side.REP);
    assertThat(a.unattributed()).containsExactly("DR");
    assertThat(a.problems())
        .extracting(Problem::render)
        .containsExactly(
            "call.txt:2:1: unattributed-speaker: speaker 'DR' is neither the deal's owner nor one"
                + " of its contacts; map it to 'rep', 'buyer' or a contact id");
  }

  @Test
  void speakers_yamlSyntaxError_isLocated() {
    assertThat(problems("speakers: [\n"))
        .containsExactly(
            "speakers.yaml:2:1: yaml-syntax: the file ends before the value is complete");
  }
}
