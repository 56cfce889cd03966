package dev.playbook.streams;

import dev.playbook.Playbook;

/** A small playbook whose findings the topology tests can predict. */
final class TestPlaybooks {

  private TestPlaybooks() {}

  static final String YAML =
      """
      playbook: t
      stages: [discovery, proposal, closed_won]
      rules:
        - id: t.overdue-next-step
          when: any(next_steps, status == open and due < now)
          gap: { severity: high, message: "{name}: an open next step is overdue" }
          action: { title: "Agree a new date for the overdue next step", priority: 80, due: 1d }
        - id: t.champion
          when: stage not in [closed_won] and none(contacts, role == champion)
          gap: { severity: CHAMPION_SEVERITY, message: "{name} has no champion" }
        - id: t.meeting
          when: none(activities, type == meeting)
          gap: { severity: low, message: "{name}: no meeting yet" }
      """;

  /** The playbook with the champion gap at medium severity. */
  static Playbook standard() {
    return withChampionSeverity("medium");
  }

  static Playbook withChampionSeverity(String severity) {
    return Playbook.parse("t.yaml", YAML.replace("CHAMPION_SEVERITY", severity));
  }
}
