package dev.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.playbook.model.Deal;
import dev.playbook.problem.ProblemException;
import dev.playbook.result.Action;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Due dates of actions never fall on a weekend unless the rule asks for it. */
class DueDatesTest {

  static final Playbook PLAYBOOK =
      Playbook.parse(
          "t.yaml",
          """
          playbook: t
          stages: [open, won]
          rules:
            - { id: today, when: "true", action: { title: today } }
            - { id: one-day, when: "true", action: { title: one day, due: 1d } }
            - { id: two-days, when: "true", action: { title: two days, due: 2d } }
            - { id: one-week, when: "true", action: { title: one week, due: 1w } }
            - { id: one-bd, when: "true", action: { title: one business day, due: 1bd } }
            - { id: two-bd, when: "true", action: { title: two business days, due: 2bd } }
            - id: saturday-ok
              when: "true"
              action: { title: weekend allowed, due: 1d, due_on_weekends: true }
          """);

  static final Deal DEAL =
      Deal.builder("D-1", "open").createdAt(Instant.parse("2026-09-01T00:00:00Z")).build();

  /** Each rule's due date, evaluated at {@code day} 09:00 UTC. */
  static Map<String, String> dues(String day) {
    return PLAYBOOK.evaluate(DEAL, Instant.parse(day + "T09:00:00Z")).actions().stream()
        .collect(
            Collectors.toMap(Action::rule, a -> a.due().toString(), (a, b) -> a, TreeMap::new));
  }

  @Test
  void fromAFriday_calendarDaysThatEndOnAWeekend_rollToMonday() {
    assertThat(dues("2026-11-20"))
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of(
                    "today", "2026-11-20",
                    "one-day", "2026-11-23",
                    "two-days", "2026-11-23",
                    "one-week", "2026-11-27",
                    "one-bd", "2026-11-23",
                    "two-bd", "2026-11-24",
                    "saturday-ok", "2026-11-21")));
  }

  @Test
  void fromASaturday_evenToday_isMonday() {
    assertThat(dues("2026-11-21"))
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of(
                    "today", "2026-11-23",
                    "one-day", "2026-11-23",
                    "two-days", "2026-11-23",
                    "one-week", "2026-11-30",
                    "one-bd", "2026-11-23",
                    "two-bd", "2026-11-24",
                    "saturday-ok", "2026-11-22")));
  }

  @Test
  void fromASunday_oneDayIsMonday_andTwoDaysTuesday() {
    assertThat(dues("2026-11-22"))
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of(
                    "today", "2026-11-23",
                    "one-day", "2026-11-23",
                    "two-days", "2026-11-24",
                    "one-week", "2026-11-30",
                    "one-bd", "2026-11-23",
                    "two-bd", "2026-11-24",
                    "saturday-ok", "2026-11-23")));
  }

  @Test
  void acrossAMonthEnd_andAYearEnd_theMondayIsInTheNextMonth() {
    // Friday 30 October 2026: Saturday the 31st rolls to Monday 2 November
    assertThat(dues("2026-10-30"))
        .containsEntry("one-day", "2026-11-02")
        .containsEntry("two-bd", "2026-11-03")
        .containsEntry("saturday-ok", "2026-10-31");
    // Thursday 31 December 2026: two days is Saturday 2 January, so Monday 4 January 2027
    assertThat(dues("2026-12-31"))
        .containsEntry("one-day", "2027-01-01")
        .containsEntry("two-days", "2027-01-04")
        .containsEntry("two-bd", "2027-01-04");
  }

  @Test
  void onAWeekday_aDueDateOnAWeekday_staysWhereItIs() {
    // Monday 23 November 2026
    assertThat(dues("2026-11-23"))
        .containsEntry("today", "2026-11-23")
        .containsEntry("one-day", "2026-11-24")
        .containsEntry("one-week", "2026-11-30")
        .containsEntry("saturday-ok", "2026-11-24");
  }

  @Test
  void dueOnWeekendsThatIsNotTrueOrFalse_isAProblem() {
    ProblemException e =
        catchThrowableOfType(
            ProblemException.class,
            () ->
                Playbook.parse(
                    "t.yaml",
                    """
                    playbook: t
                    stages: [open, won]
                    rules:
                      - id: r
                        when: "true"
                        action: { title: x, due: 1d, due_on_weekends: sometimes }
                    """));

    assertThat(e.getMessage())
        .isEqualTo(
            "t.yaml:6:51: wrong-type: 'due_on_weekends' must be true or false, not a string");
  }
}
