package dev.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.playbook.model.BuyingRole;
import dev.playbook.model.Contact;
import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import dev.playbook.result.Action;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Placeholders in talk tracks: rendered with the deal and the action's target contact. */
class TalkTrackPlaceholdersTest {

  static final Instant AS_OF = Instant.parse("2026-11-20T00:00:00Z");
  static final Locale ZH = Locale.forLanguageTag("zh-CN");

  static final String PLAYBOOK =
      """
      playbook: t
      stages: [lead, proposal, won, lost]
      talk_tracks:
        eb-intro:
          en: "{contact.name}, besides you, who signs off on {deal.name} ({amount} {currency})?"
          zh-CN: "{contact.name}，您好：除了您，{deal.name}（{amount} {currency}）还需要谁批准？"
        follow-up: "Quick check-in on {deal.name}: still at {stage}?"
      rules:
        - id: t.eb
          when: stage == proposal and none(contacts, role == economic_buyer)
          action:
            title: Ask your champion for the economic buyer
            talk_track: eb-intro
            target: role == champion
        - id: t.follow-up
          when: stage == proposal
          action: { title: Check in, talk_track: follow-up }
      """;

  static Deal deal(List<Contact> contacts) {
    return Deal.builder("D-1", "proposal")
        .name("Globex renewal")
        .amount(new BigDecimal("900000"))
        .currency("USD")
        .contacts(contacts)
        .build();
  }

  static final Contact CHAMPION =
      Contact.builder("c1").name("Li Wei").roles(java.util.Set.of(BuyingRole.CHAMPION)).build();

  static String talkTrack(List<Action> actions, String rule) {
    return actions.stream()
        .filter(a -> a.rule().equals(rule))
        .findFirst()
        .orElseThrow()
        .talkTrack();
  }

  @Test
  void evaluate_talkTrackPlaceholders_areRendered_withTheTargetContact_inEnglish() {
    Playbook playbook = Playbook.parse("playbook.yaml", PLAYBOOK);

    List<Action> actions = playbook.evaluate(deal(List.of(CHAMPION)), AS_OF).actions();

    assertThat(talkTrack(actions, "t.eb"))
        .isEqualTo("Li Wei, besides you, who signs off on Globex renewal (900,000 USD)?");
    assertThat(talkTrack(actions, "t.follow-up"))
        .isEqualTo("Quick check-in on Globex renewal: still at proposal?");
  }

  @Test
  void evaluate_talkTrackPlaceholders_areRendered_inChinese() {
    Playbook playbook = Playbook.parse("playbook.yaml", PLAYBOOK);

    List<Action> actions = playbook.evaluate(deal(List.of(CHAMPION)), AS_OF, ZH).actions();

    assertThat(talkTrack(actions, "t.eb"))
        .isEqualTo("Li Wei，您好：除了您，Globex renewal（900,000 USD）还需要谁批准？");
  }

  @Test
  void evaluate_noContactMatchesTheTarget_rendersTheContactAsMissing() {
    Playbook playbook = Playbook.parse("playbook.yaml", PLAYBOOK);

    List<Action> actions = playbook.evaluate(deal(List.of()), AS_OF).actions();

    assertThat(talkTrack(actions, "t.eb"))
        .isEqualTo("missing, besides you, who signs off on Globex renewal (900,000 USD)?");
  }

  @Test
  void load_contactInATalkTrackOfAnActionWithoutTarget_isLocatedInTheTalkTrack() {
    String yaml =
        """
        playbook: t
        stages: [lead, proposal, won, lost]
        talk_tracks:
          intro:
            en: "Hello {contact.name}"
            zh-CN: "{contact.title}，您好"
        rules:
          - id: t.intro
            when: stage == proposal
            action: { title: Say hello, talk_track: intro }
        """;

    ProblemException e =
        catchThrowableOfType(() -> Playbook.parse("playbook.yaml", yaml), ProblemException.class);

    assertThat(e.problems())
        .extracting(Problem::render)
        .containsExactly(
            "playbook.yaml:5:17: unknown-name: 'contact' in a talk track is the contact its action"
                + " targets, but an action using this talk track has no 'target'; give the action"
                + " one, such as target: role == champion",
            "playbook.yaml:6:14: unknown-name: 'contact' in a talk track is the contact its action"
                + " targets, but an action using this talk track has no 'target'; give the action"
                + " one, such as target: role == champion");
  }

  @Test
  void load_unknownFieldInATalkTrack_evenOneNoRuleUses_isReportedOnceAtThePlaceholder() {
    String yaml =
        """
        playbook: t
        stages: [lead, proposal, won, lost]
        talk_tracks:
          used: "Hi {contact.nam}"
          unused: "About {deal.nmae}"
        rules:
          - id: t.a
            when: stage == proposal
            action: { title: A, talk_track: used, target: role == champion }
          - id: t.b
            when: stage == lead
            action: { title: B, talk_track: used, target: role == champion }
        """;

    ProblemException e =
        catchThrowableOfType(() -> Playbook.parse("playbook.yaml", yaml), ProblemException.class);

    assertThat(e.problems())
        .extracting(Problem::render)
        .containsExactly(
            "playbook.yaml:4:14: unknown-field: 'nam' is not a field of a contact (did you mean"
                + " 'name'?)",
            "playbook.yaml:5:19: unknown-field: 'nmae' is not a field of a deal (did you mean"
                + " 'name'?)");
  }
}
