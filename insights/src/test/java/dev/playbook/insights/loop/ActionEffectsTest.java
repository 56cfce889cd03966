package dev.playbook.insights.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.insights.loop.ActionEffects.Row;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The action-effectiveness table on a book with a planted effect ({@link PlantedLoopBook}). */
class ActionEffectsTest {

  static final Set<String> WON = Set.of("closed_won");
  static final Set<String> LOST = Set.of("closed_lost");

  static final int PER_SEGMENT = 200;
  static PlantedLoopBook book;
  static ActionEffects effects;

  @BeforeAll
  static void generate() {
    book = PlantedLoopBook.of(7, PER_SEGMENT);
    effects = ActionEffects.measure(book.decisions, book.feedback, book.closedDeals, WON, LOST);
  }

  static Row row(String rule) {
    return effects.rows().stream().filter(r -> r.rule().equals(rule)).findFirst().orElseThrow();
  }

  @Test
  void measure_plantedReengageEffect_isRecoveredWithTheRightSignAndAnIntervalAbove0() {
    Row r = row(PlantedLoopBook.REENGAGE);

    assertThat(r.suggested()).isEqualTo(3 * PER_SEGMENT);
    assertThat(r.markedDone() + r.successMet()).isEqualTo(r.doneClosed());
    assertThat(r.markedDone()).isPositive();
    assertThat(r.successMet()).isPositive();
    assertThat(r.doneClosed() + r.notDoneClosed()).isEqualTo(3 * PER_SEGMENT);
    assertThat(r.strata()).isEqualTo(3);
    assertThat(r.stratified().low()).isPositive();
    assertThat(r.stratified().low()).isLessThan(PlantedLoopBook.REENGAGE_EFFECT);
    assertThat(r.stratified().high()).isGreaterThan(PlantedLoopBook.REENGAGE_EFFECT);
    assertThat(r.verdict()).isEqualTo("works");
    // reps re-engage more where deals win more anyway: the crude figure overstates the effect
    assertThat(r.crude().value()).isGreaterThan(r.stratified().value());
  }

  @Test
  void measure_actionWithNoPlantedEffect_showsAnIntervalCovering0() {
    Row r = row(PlantedLoopBook.MULTI_THREAD);

    // an smb deal may have one contact: suggested on mid-market and enterprise deals only
    assertThat(r.suggested()).isEqualTo(2 * PER_SEGMENT);
    assertThat(r.strata()).isEqualTo(2);
    assertThat(r.successMet()).isZero();
    assertThat(r.doneClosed()).isEqualTo(r.markedDone());
    assertThat(r.stratified().low()).isNegative();
    assertThat(r.stratified().high()).isPositive();
    assertThat(r.verdict()).isEqualTo("unclear");
  }

  @Test
  void digest_plantedBook_printsOneLinePerActionWithItsVerdict() {
    String text = effects.digest();

    assertThat(text.lines())
        .first()
        .isEqualTo("Which actions work (closed deals; done = marked done or success met):");
    assertThat(text)
        .contains(
            "  deal-risk.no-activity: suggested on 600 deals, marked done "
                + row(PlantedLoopBook.REENGAGE).markedDone()
                + ", success met "
                + row(PlantedLoopBook.REENGAGE).successMet()
                + "; won ");
    assertThat(text.lines().filter(l -> l.startsWith("  deal-risk.no-activity:")))
        .singleElement()
        .asString()
        .endsWith("(stratified, 3 strata): works");
    assertThat(text.lines().filter(l -> l.startsWith("  deal-risk.few-contacts:")))
        .singleElement()
        .asString()
        .endsWith("(stratified, 2 strata): unclear");
  }

  @Test
  void measure_noClosedDeals_givesRowsWithoutAnEstimate() {
    ActionEffects open = ActionEffects.measure(book.decisions, book.feedback, List.of(), WON, LOST);

    Row r = open.rows().get(0);
    assertThat(r.doneClosed() + r.notDoneClosed()).isZero();
    assertThat(r.stratified().isDefined()).isFalse();
    assertThat(r.verdict()).isEqualTo("unclear");
    assertThat(ActionEffects.points(r.stratified())).isEqualTo("not available");
  }

  @Test
  void digest_noDecisions_saysSo() {
    String text = ActionEffects.measure(List.of(), List.of(), List.of(), WON, LOST).digest();

    assertThat(text)
        .isEqualTo(
            """
            Which actions work (closed deals; done = marked done or success met):
              no action was suggested in the decisions
            """);
  }
}
