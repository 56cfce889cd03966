package dev.playbook.benchmarks;

import dev.playbook.Playbook;

/**
 * Playbooks of any size, with rules of deal-risk and MEDDIC shape (stage comparisons, missing
 * roles, thresholds, quantifiers over contacts, activities and next steps) whose thresholds vary
 * from rule to rule, so that few conditions are shared; each gap message has placeholders.
 */
public final class GeneratedPlaybook {

  private static final String[] STAGES = {"qualification", "discovery", "proposal", "negotiation"};
  private static final String[] ROLES = {
    "economic_buyer", "champion", "coach", "technical", "decision_maker"
  };
  private static final String[] TYPES = {"call", "email", "meeting", "demo"};
  private static final String[] EVIDENCE = {
    "meddic.metrics",
    "meddic.decision_criteria",
    "meddic.identify_pain",
    "bant.budget",
    "bant.need",
    "spin.explicit_need"
  };

  private GeneratedPlaybook() {}

  public static Playbook load(int rules) {
    return Playbook.parse("generated-" + rules + ".yaml", yaml(rules));
  }

  /** The text of one playbook file with {@code rules} rules. */
  public static String yaml(int rules) {
    StringBuilder y = new StringBuilder(rules * 200);
    y.append("playbook: generated\n")
        .append(
            "stages: [prospecting, qualification, discovery, proposal, negotiation, closed_won, closed_lost]\n")
        .append("segments: [smb, mid_market, enterprise]\n")
        .append("rules:\n");
    for (int i = 0; i < rules; i++) {
      String stage = STAGES[i % STAGES.length];
      String when =
          switch (i % 6) {
            case 0 ->
                "stage >= "
                    + stage
                    + " and amount >= "
                    + (100 + i)
                    + " and none(contacts, role == "
                    + ROLES[i % ROLES.length]
                    + ")";
            case 1 -> "stage < closed_won and days_since(last_activity) > " + (7 + i % 60);
            case 2 ->
                "stage >= "
                    + stage
                    + " and count(contacts, power == high) < "
                    + (1 + i % 4)
                    + " and amount >= "
                    + (i * 3 % 6000);
            case 3 ->
                "stage < closed_won and any(next_steps, status == open and days_since(due) > "
                    + (i % 30)
                    + ")";
            case 4 ->
                "stage >= "
                    + stage
                    + " and evidence("
                    + EVIDENCE[i % EVIDENCE.length]
                    + ") < confirmed"
                    + " and days_since(stage_entered_at) > "
                    + (i % 45);
            default ->
                "stage < closed_won and count(activities, type == "
                    + TYPES[i % TYPES.length]
                    + " and days_since(occurred_at) <= "
                    + (10 + i % 80)
                    + ") < "
                    + (1 + i % 5);
          };
      y.append("  - id: gen.r")
          .append(i)
          .append('\n')
          .append("    when: \"")
          .append(when)
          .append("\"\n")
          .append("    gap: { severity: ")
          .append(i % 3 == 0 ? "high" : "medium")
          .append(", message: \"Generated check ")
          .append(i)
          .append(" on {name} at {stage}\" }\n");
    }
    return y.toString();
  }
}
