package dev.playbook.insights.trail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The selling company's people: a vice president, four team managers and 24 reps in four teams. The
 * roster is the same for every seed, so the rep who never logs next steps has a name the docs can
 * give: {@value #NO_NEXT_STEPS_REP}.
 */
final class Roster {

  /** The rep who never logs a next step on any deal. */
  static final String NO_NEXT_STEPS_REP = "Morgan Reyes";

  static final List<String> TEAMS = List.of("East", "West", "Central", "Strategic");

  private static final String[][] REPS = {
    {"Dana", "Kim"},
    {"Luis", "Ortega"},
    {"Priya", "Nair"},
    {"Tom", "Becker"},
    {"Aiko", "Sato"},
    {"Sam", "Okafor"},
    {"Morgan", "Reyes"},
    {"Elena", "Petrova"},
    {"Jonas", "Berg"},
    {"Fatima", "Haddad"},
    {"Chris", "Walsh"},
    {"Mei", "Lin"},
    {"Omar", "Farouk"},
    {"Grace", "Hall"},
    {"Ivan", "Novak"},
    {"Lucia", "Romano"},
    {"Ben", "Adler"},
    {"Nora", "Quinn"},
    {"Ravi", "Shah"},
    {"Hannah", "Vogel"},
    {"Diego", "Silva"},
    {"Chloe", "Martin"},
    {"Yusuf", "Demir"},
    {"Anna", "Larsen"},
  };
  private static final String[][] MANAGERS = {
    {"Julia", "Brandt"}, {"Marcus", "Cole"}, {"Sofia", "Moreau"}, {"Kenji", "Mori"}
  };

  /**
   * A user of the CRM.
   *
   * @param index 0 the vice president, 1 to 4 the managers, 5 on the reps
   * @param manager the index of their manager, or -1
   * @param title the job title
   */
  record User(
      int index,
      String firstName,
      String lastName,
      String team,
      int manager,
      String title,
      boolean neverLogsNextSteps) {

    String name() {
      return firstName + " " + lastName;
    }

    String email() {
      return (firstName + "." + lastName).toLowerCase(Locale.ROOT) + "@seller.example";
    }
  }

  static final List<User> USERS = users();

  /** The reps, the users who own deals. */
  static final List<User> REP_USERS = USERS.subList(1 + MANAGERS.length, USERS.size());

  private Roster() {}

  private static List<User> users() {
    List<User> out = new ArrayList<>();
    out.add(new User(0, "Alex", "Morgan", null, -1, "VP Sales", false));
    for (int m = 0; m < MANAGERS.length; m++) {
      out.add(
          new User(1 + m, MANAGERS[m][0], MANAGERS[m][1], TEAMS.get(m), 0, "Sales Manager", false));
    }
    for (int r = 0; r < REPS.length; r++) {
      int team = r / 6;
      String name = REPS[r][0] + " " + REPS[r][1];
      out.add(
          new User(
              out.size(),
              REPS[r][0],
              REPS[r][1],
              TEAMS.get(team),
              1 + team,
              team == 3 ? "Enterprise Account Executive" : "Account Executive",
              name.equals(NO_NEXT_STEPS_REP)));
    }
    return List.copyOf(out);
  }
}
