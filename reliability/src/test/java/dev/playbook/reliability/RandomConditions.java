package dev.playbook.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates conditions of the language that are well typed over the fact model and the {@link
 * Fixtures} playbook, so that nearly all of them load: comparisons of every type, bare words for
 * stages, roles, segments and the other choices, and/or/not, in lists, is missing/present,
 * contains, quantifiers nested up to three deep (with bare names resolved against the item or the
 * deal, and {@code deal.x}), aggregates, date arithmetic with calendar and business-day spans, the
 * time functions, parameters and evidence. Seeded, so every run can be repeated.
 */
final class RandomConditions {

  /** What a bare name can be bound to: the deal or the item of a quantifier. */
  enum Kind {
    DEAL,
    CONTACT,
    ACTIVITY,
    NEXT_STEP,
    STAGE_CHANGE,
    CLOSE_DATE_CHANGE
  }

  /** The types the generator reasons about. */
  enum T {
    BOOL,
    NUM,
    TEXT,
    DATE,
    STAGE,
    SEGMENT,
    POWER,
    RESPONSE_MODE,
    ACTIVITY_TYPE,
    DIRECTION,
    OUTCOME,
    STATUS,
    FORECAST,
    EVIDENCE,
    ROLES,
    TAGS,
    COUNTS,
    CONTACTS,
    ACTIVITIES,
    NEXT_STEPS,
    STAGE_HISTORY,
    CLOSE_DATE_HISTORY
  }

  static final Map<Kind, Map<String, T>> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put(
        Kind.DEAL,
        Fixtures.orderedMap(
            "id",
            T.TEXT,
            "name",
            T.TEXT,
            "account",
            T.TEXT,
            "owner",
            T.TEXT,
            "team",
            T.TEXT,
            "currency",
            T.TEXT,
            "lead_source",
            T.TEXT,
            "segment",
            T.SEGMENT,
            "stage",
            T.STAGE,
            "amount",
            T.NUM,
            "probability",
            T.NUM,
            "created_at",
            T.DATE,
            "close_date",
            T.DATE,
            "mql_at",
            T.DATE,
            "sql_at",
            T.DATE,
            "assigned_at",
            T.DATE,
            "forecast_category",
            T.FORECAST,
            "contacts",
            T.CONTACTS,
            "activities",
            T.ACTIVITIES,
            "next_steps",
            T.NEXT_STEPS,
            "stage_history",
            T.STAGE_HISTORY,
            "close_date_history",
            T.CLOSE_DATE_HISTORY,
            "last_activity",
            T.DATE,
            "stage_entered_at",
            T.DATE,
            "close_date_pushes",
            T.NUM,
            "now",
            T.DATE,
            "custom.renewal",
            T.BOOL,
            "custom.seats",
            T.NUM,
            "custom.go_live",
            T.DATE,
            "custom.region",
            T.TEXT));
    FIELDS.put(
        Kind.CONTACT,
        Fixtures.orderedMap(
            "id",
            T.TEXT,
            "name",
            T.TEXT,
            "title",
            T.TEXT,
            "role",
            T.ROLES,
            "roles",
            T.ROLES,
            "power",
            T.POWER,
            "response_mode",
            T.RESPONSE_MODE,
            "last_engaged_at",
            T.DATE));
    FIELDS.put(
        Kind.ACTIVITY,
        Fixtures.orderedMap(
            "id",
            T.TEXT,
            "type",
            T.ACTIVITY_TYPE,
            "direction",
            T.DIRECTION,
            "occurred_at",
            T.DATE,
            "contacts",
            T.CONTACTS,
            "outcome",
            T.OUTCOME,
            "tags",
            T.TAGS,
            "counts",
            T.COUNTS,
            "duration_minutes",
            T.NUM));
    FIELDS.put(
        Kind.NEXT_STEP,
        Fixtures.orderedMap(
            "title",
            T.TEXT,
            "due",
            T.DATE,
            "owner",
            T.TEXT,
            "status",
            T.STATUS,
            "buyer_commitment",
            T.BOOL));
    FIELDS.put(Kind.STAGE_CHANGE, Fixtures.orderedMap("stage", T.STAGE, "entered_at", T.DATE));
    FIELDS.put(
        Kind.CLOSE_DATE_CHANGE,
        Fixtures.orderedMap("from", T.DATE, "to", T.DATE, "changed_at", T.DATE));
  }

  static final Map<T, List<String>> WORDS =
      Map.ofEntries(
          Map.entry(T.STAGE, Fixtures.STAGES),
          Map.entry(T.SEGMENT, Fixtures.SEGMENTS),
          Map.entry(T.POWER, List.of("low", "medium", "high")),
          Map.entry(T.RESPONSE_MODE, List.of("growth", "trouble", "even_keel", "overconfident")),
          Map.entry(T.ACTIVITY_TYPE, List.of("call", "email", "meeting", "demo", "note", "task")),
          Map.entry(T.DIRECTION, List.of("inbound", "outbound")),
          Map.entry(
              T.OUTCOME,
              List.of(
                  "advance",
                  "continuation",
                  "no_answer",
                  "replied",
                  "completed",
                  "no_show",
                  "rescheduled")),
          Map.entry(T.STATUS, List.of("open", "done")),
          Map.entry(T.FORECAST, List.of("pipeline", "best_case", "commit", "closed", "omitted")),
          Map.entry(T.EVIDENCE, List.of("unknown", "suggested", "partial", "confirmed")),
          Map.entry(
              T.ROLES,
              List.of(
                  "economic_buyer",
                  "champion",
                  "coach",
                  "technical",
                  "user",
                  "decision_maker",
                  "influencer",
                  "blocker")));

  static final List<String> TEXTS =
      List.of(
          "Acme",
          "acme renewal",
          "EMEA",
          "reframe",
          "pricing",
          "c1",
          "a1",
          "Ana Diaz",
          "CFO",
          "",
          "x",
          "it's",
          "dana",
          "EUR",
          "web",
          "standard",
          "priced",
          "Review");
  static final List<String> COUNT_NAMES = List.of("implication_questions", "q", "x");

  private static final Map<T, Kind> ITEM =
      Map.of(
          T.CONTACTS,
          Kind.CONTACT,
          T.ACTIVITIES,
          Kind.ACTIVITY,
          T.NEXT_STEPS,
          Kind.NEXT_STEP,
          T.STAGE_HISTORY,
          Kind.STAGE_CHANGE,
          T.CLOSE_DATE_HISTORY,
          Kind.CLOSE_DATE_CHANGE);

  private final Random r;
  private final List<Kind> scope = new ArrayList<>();

  /** The names given with {@code as} to the items of {@link #scope}, by depth. */
  private final Map<Integer, String> named = new java.util.TreeMap<>();

  RandomConditions(long seed) {
    this.r = new Random(seed);
  }

  /** A condition: true/false, of moderate size. */
  String condition() {
    scope.clear();
    named.clear();
    scope.add(Kind.DEAL);
    return bool(2 + r.nextInt(3));
  }

  // ---------------------------------------------------------------- names in scope

  private Kind inner() {
    return scope.get(scope.size() - 1);
  }

  /**
   * Expressions naming a field of type {@code t} here: the innermost item's fields by bare name,
   * the deal's by bare name when the item has no field of that name, else as {@code deal.x}.
   */
  private List<String> names(T t) {
    List<String> out = new ArrayList<>();
    Kind in = inner();
    if (in != Kind.DEAL) {
      FIELDS
          .get(in)
          .forEach(
              (n, ft) -> {
                if (ft == t) {
                  out.add(n);
                }
              });
    }
    FIELDS
        .get(Kind.DEAL)
        .forEach(
            (n, ft) -> {
              if (ft == t) {
                boolean bare = in == Kind.DEAL || !FIELDS.get(in).containsKey(n);
                out.add(bare && r.nextInt(4) != 0 ? n : "deal." + n);
              }
            });
    // the fields of items named with 'as', this one's or enclosing ones'
    named.forEach(
        (depth, name) ->
            FIELDS
                .get(scope.get(depth))
                .forEach(
                    (n, ft) -> {
                      if (ft == t) {
                        // weighted, so that named items are read often enough to be tested
                        out.addAll(java.util.Collections.nCopies(3, name + "." + n));
                      }
                    }));
    return out;
  }

  private String pick(List<String> l) {
    return l.get(r.nextInt(l.size()));
  }

  private String field(T t) {
    List<String> n = names(t);
    return n.isEmpty() ? null : pick(n);
  }

  private String word(T t) {
    return pick(WORDS.get(t));
  }

  private String text() {
    String s = pick(TEXTS);
    return r.nextBoolean()
        ? "\"" + s.replace("\"", "\\\"") + "\""
        : "'" + s.replace("'", "\\'") + "'";
  }

  // ---------------------------------------------------------------- true/false

  private String bool(int d) {
    if (d <= 0) {
      return atom(0);
    }
    int k = r.nextInt(20);
    if (k < 4) {
      if (r.nextInt(5) == 0) {
        // 'implies' does not chain, so it always comes in parentheses here
        return "(" + wrap(bool(d - 1)) + " implies " + wrap(bool(d - 1)) + ")";
      }
      String op = r.nextBoolean() ? " and " : " or ";
      return paren(bool(d - 1)) + op + paren(bool(d - 1));
    }
    if (k < 5) {
      return "not " + wrap(bool(d - 1));
    }
    if (k < 9 && scope.size() < 4) {
      return quantifier(d - 1);
    }
    return atom(d - 1);
  }

  private String paren(String s) {
    return r.nextInt(3) == 0 ? "(" + s + ")" : s;
  }

  private static String wrap(String s) {
    return "(" + s + ")";
  }

  private String atom(int d) {
    switch (r.nextInt(16)) {
      case 0, 1, 2 -> {
        return numCompare(d);
      }
      case 3, 4 -> {
        return dateCompare(d);
      }
      case 5 -> {
        return stageCompare();
      }
      case 6 -> {
        return choiceCompare(d);
      }
      case 7 -> {
        return textCompare(d);
      }
      case 8 -> {
        return setTest();
      }
      case 9 -> {
        return inList(d);
      }
      case 10 -> {
        return isTest(d);
      }
      case 11 -> {
        return boolAtom();
      }
      case 12 -> {
        return spanCompare(d);
      }
      case 13 -> {
        return d > 0 && scope.size() < 4 ? quantifier(d) : numCompare(d);
      }
      case 14 -> {
        return segmentCompare();
      }
      default -> {
        return "evidence("
            + pick(Fixtures.ELEMENTS)
            + ") "
            + pick(List.of("==", "!=", "<", "<=", ">", ">="))
            + " "
            + word(T.EVIDENCE);
      }
    }
  }

  private String cmp() {
    return pick(List.of("==", "!=", "<", "<=", ">", ">="));
  }

  private String numCompare(int d) {
    String a = num(d);
    String b = r.nextInt(3) == 0 ? num(d) : numLiteral();
    return r.nextBoolean() ? a + " " + cmp() + " " + b : b + " " + cmp() + " " + a;
  }

  private String dateCompare(int d) {
    return date(d) + " " + cmp() + " " + date(d);
  }

  private String stageCompare() {
    String s = field(T.STAGE);
    String w = word(T.STAGE);
    return switch (r.nextInt(4)) {
      case 0 -> w + " " + cmp() + " " + s;
      case 1 -> s + " " + cmp() + " " + (scope.size() > 1 ? "deal.stage" : w);
      default -> s + " " + cmp() + " " + w;
    };
  }

  private String segmentCompare() {
    String s = field(T.SEGMENT);
    return switch (r.nextInt(4)) {
      case 0 -> s + " " + pick(List.of("==", "!=")) + " " + text();
      case 1 -> s + " " + pick(List.of("==", "!=")) + " param(label)";
      default -> s + " " + pick(List.of("==", "!=")) + " " + word(T.SEGMENT);
    };
  }

  private String choiceCompare(int d) {
    List<T> here = new ArrayList<>();
    for (T t :
        List.of(
            T.POWER,
            T.RESPONSE_MODE,
            T.ACTIVITY_TYPE,
            T.DIRECTION,
            T.OUTCOME,
            T.STATUS,
            T.FORECAST)) {
      if (!names(t).isEmpty()) {
        here.add(t);
      }
    }
    T t = here.get(r.nextInt(here.size()));
    boolean ordered = t == T.POWER;
    String op = ordered ? cmp() : pick(List.of("==", "!="));
    String f = field(t);
    return r.nextInt(4) == 0 ? word(t) + " " + op + " " + f : f + " " + op + " " + word(t);
  }

  private String textCompare(int d) {
    String a = textExpr();
    return switch (r.nextInt(3)) {
      case 0 -> a + " " + pick(List.of("==", "!=")) + " " + textExpr();
      case 1 -> a + " contains " + (r.nextBoolean() ? text() : textExpr());
      default -> a + " " + pick(List.of("==", "!=")) + " " + text();
    };
  }

  private String textExpr() {
    return switch (r.nextInt(7)) {
      case 0 -> "param(label)";
      case 6 -> "coalesce(" + field(T.TEXT) + ", " + text() + ")";
      case 1 -> text();
      default -> field(T.TEXT);
    };
  }

  private String setTest() {
    Kind in = inner();
    if (in == Kind.CONTACT) {
      return switch (r.nextInt(3)) {
        case 0 -> pick(List.of("role", "roles")) + " == " + word(T.ROLES);
        case 1 -> "role != " + word(T.ROLES);
        default -> "roles contains " + word(T.ROLES);
      };
    }
    if (in == Kind.ACTIVITY) {
      return switch (r.nextInt(3)) {
        case 0 -> "tags contains " + text();
        case 1 -> "tags contains param(label)";
        default -> "tags " + pick(List.of("==", "!=")) + " " + text();
      };
    }
    return textCompare(0);
  }

  private String inList(int d) {
    switch (r.nextInt(7)) {
      case 0 -> {
        return field(T.STAGE) + notIn() + "[" + words(T.STAGE) + "]";
      }
      case 1 -> {
        return field(T.SEGMENT)
            + notIn()
            + "["
            + String.join(
                ", ",
                List.of(word(T.SEGMENT), text(), word(T.SEGMENT)).subList(0, 1 + r.nextInt(3)))
            + "]";
      }
      case 2 -> {
        return field(T.TEXT) + notIn() + "[" + text() + ", " + text() + "]";
      }
      case 3 -> {
        return num(d) + notIn() + "[" + numLiteral() + ", " + numLiteral() + ", " + num(0) + "]";
      }
      case 4 -> {
        if (inner() == Kind.CONTACT) {
          return pick(List.of("role", "roles")) + notIn() + "[" + words(T.ROLES) + "]";
        }
        if (inner() == Kind.ACTIVITY) {
          return "tags" + notIn() + "[" + text() + ", " + text() + "]";
        }
        return field(T.STAGE) + notIn() + "[" + words(T.STAGE) + "]";
      }
      default -> {
        List<T> here = new ArrayList<>();
        for (T t :
            List.of(
                T.POWER,
                T.RESPONSE_MODE,
                T.ACTIVITY_TYPE,
                T.DIRECTION,
                T.OUTCOME,
                T.STATUS,
                T.FORECAST)) {
          if (!names(t).isEmpty()) {
            here.add(t);
          }
        }
        T t = here.get(r.nextInt(here.size()));
        return field(t) + notIn() + "[" + words(t) + "]";
      }
    }
  }

  private String notIn() {
    return r.nextInt(3) == 0 ? " not in " : " in ";
  }

  private String words(T t) {
    List<String> out = new ArrayList<>();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      out.add(word(t));
    }
    return String.join(", ", out);
  }

  private String isTest(int d) {
    String subject =
        switch (r.nextInt(7)) {
          case 0 -> num(d);
          case 1 -> date(d);
          case 2 -> field(T.TEXT);
          case 3 -> "custom.renewal";
          case 4 -> "evidence_updated(" + pick(Fixtures.ELEMENTS) + ")";
          case 5 -> field(r.nextBoolean() ? T.STAGE : T.SEGMENT);
          default -> names(T.POWER).isEmpty() ? "forecast_category" : field(T.POWER);
        };
    return subject + (r.nextBoolean() ? " is missing" : " is present");
  }

  private String boolAtom() {
    List<String> options =
        new ArrayList<>(List.of("custom.renewal", "param(strict)", "true", "false"));
    if (inner() == Kind.NEXT_STEP) {
      options.add("buyer_commitment");
      options.add("buyer_commitment");
    }
    String a = pick(options);
    return switch (r.nextInt(3)) {
      case 0 -> a + " " + pick(List.of("==", "!=")) + " " + pick(options);
      default -> a;
    };
  }

  private String spanCompare(int d) {
    String span = calendarSpan();
    String n =
        switch (r.nextInt(4)) {
          case 0 -> "days_since(" + date(d) + ")";
          case 1 -> "days_until(" + date(d) + ")";
          case 2 -> calendarSpan();
          default -> num(d);
        };
    return r.nextBoolean() ? n + " " + cmp() + " " + span : span + " " + cmp() + " " + n;
  }

  private String quantifier(int d) {
    List<String> lists = new ArrayList<>();
    for (T t :
        List.of(T.CONTACTS, T.ACTIVITIES, T.NEXT_STEPS, T.STAGE_HISTORY, T.CLOSE_DATE_HISTORY)) {
      lists.addAll(names(t).stream().map(n -> n + "\u0000" + t.name()).toList());
    }
    String[] pickd = pick(lists).split("\u0000");
    Kind item = ITEM.get(T.valueOf(pickd[1]));
    String q = pick(List.of("any", "none", "all", "any", "count"));
    // a third of the quantifiers name their items, so that nested conditions can read them
    String list = pickd[0];
    scope.add(item);
    if (r.nextInt(3) == 0) {
      String name = "item" + scope.size();
      named.put(scope.size() - 1, name);
      list = list + " as " + name;
    }
    String pred = bool(Math.max(0, d));
    String name = named.get(scope.size() - 1);
    if (name != null && r.nextBoolean() && scope.size() < 4) {
      pred = wrap(pred) + " and " + wrap(againstNamed(pickd[0], item, name));
    }
    named.remove(scope.size() - 1);
    scope.remove(scope.size() - 1);
    if (q.equals("count")) {
      return "count(" + list + ", " + pred + ") " + cmp() + " " + r.nextInt(4);
    }
    return q + "(" + list + ", " + pred + ")";
  }

  /**
   * A quantifier over a list of the same kind as the items named {@code name}, comparing each of
   * its items with the named one: {@code any(activities, occurred_at > demo.occurred_at)}.
   */
  private String againstNamed(String list, Kind item, String name) {
    List<String> dates = new ArrayList<>();
    FIELDS
        .get(item)
        .forEach(
            (n, t) -> {
              if (t == T.DATE) {
                dates.add(n);
              }
            });
    String f = pick(dates);
    String q = pick(List.of("any", "none", "all", "count"));
    scope.add(item);
    String test =
        r.nextBoolean()
            ? f + " " + cmp() + " " + name + "." + f
            : "business_days_between("
                + name
                + "."
                + f
                + ", "
                + f
                + ") "
                + cmp()
                + " "
                + r.nextInt(4);
    String pred = r.nextBoolean() ? test + " and " + wrap(bool(0)) : test;
    scope.remove(scope.size() - 1);
    String call = q + "(" + list + ", " + pred + ")";
    return q.equals("count") ? call + " " + cmp() + " " + r.nextInt(3) : call;
  }

  // ---------------------------------------------------------------- numbers, dates, spans

  private String numLiteral() {
    return switch (r.nextInt(6)) {
      case 0 -> "0";
      case 1 -> String.valueOf(r.nextInt(5));
      case 2 -> String.valueOf(r.nextInt(200));
      case 3 -> pick(List.of("100000", "50000", "120000.5", "60", "250", "20000"));
      case 4 -> r.nextInt(100) + "." + (1 + r.nextInt(99));
      default -> String.valueOf(r.nextInt(40));
    };
  }

  String num(int d) {
    if (d <= 0 || r.nextInt(3) == 0) {
      return numLeaf();
    }
    switch (r.nextInt(9)) {
      case 0, 1 -> {
        return num(d - 1) + " " + pick(List.of("+", "-", "*", "/")) + " " + numOperand(d - 1);
      }
      case 2 -> {
        return "-" + wrapIfCompound(num(d - 1));
      }
      case 3 -> {
        return timeFunction(d - 1);
      }
      case 4, 5 -> {
        return aggregate(d - 1);
      }
      case 6 -> {
        return countOf(d - 1);
      }
      case 7 -> {
        int n = 1 + r.nextInt(3);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          parts.add(bool(Math.max(0, d - 2)));
        }
        return "count_true(" + String.join(", ", parts) + ")";
      }
      default -> {
        return numLeaf();
      }
    }
  }

  private String numOperand(int d) {
    String s = r.nextInt(3) == 0 ? numLiteral() : num(d);
    return wrapIfCompound(s);
  }

  private static String wrapIfCompound(String s) {
    return s.contains(" ") || s.startsWith("-") ? "(" + s + ")" : s;
  }

  private String numLeaf() {
    List<String> options = new ArrayList<>(names(T.NUM));
    options.add("param(stale_days)");
    options.add("param(big_deal)");
    options.add(numLiteral());
    if (inner() == Kind.ACTIVITY) {
      options.add("counts." + pick(COUNT_NAMES));
      options.add("counts." + pick(COUNT_NAMES));
    }
    if (inner() == Kind.CONTACT) {
      options.add("count(" + pick(List.of("roles", "role")) + ")");
    }
    if (inner() == Kind.ACTIVITY) {
      options.add("count(tags)");
    }
    if (r.nextInt(6) == 0) {
      return "coalesce(" + pick(options) + ", " + numLiteral() + ")";
    }
    return pick(options);
  }

  private String timeFunction(int d) {
    String unit = pick(List.of("days", "hours", "business_days"));
    return switch (r.nextInt(3)) {
      case 0 -> unit + "_since(" + date(d) + ")";
      case 1 -> unit + "_until(" + date(d) + ")";
      default -> unit + "_between(" + date(d) + ", " + date(d) + ")";
    };
  }

  private String listHere(List<T> allowed) {
    List<String> lists = new ArrayList<>();
    for (T t : allowed) {
      lists.addAll(names(t).stream().map(n -> n + "\u0000" + t.name()).toList());
    }
    return lists.isEmpty() ? null : pick(lists);
  }

  private String aggregate(int d) {
    if (scope.size() >= 4) {
      return numLeaf();
    }
    String l =
        listHere(
            List.of(T.CONTACTS, T.ACTIVITIES, T.NEXT_STEPS, T.STAGE_HISTORY, T.CLOSE_DATE_HISTORY));
    String[] p = l.split("\u0000");
    String f = pick(List.of("min", "max", "sum"));
    scope.add(ITEM.get(T.valueOf(p[1])));
    String value = num(Math.max(0, d - 1));
    String pred = r.nextBoolean() ? ", " + bool(0) : "";
    scope.remove(scope.size() - 1);
    return f + "(" + p[0] + ", " + value + pred + ")";
  }

  private String countOf(int d) {
    if (scope.size() >= 4) {
      return numLeaf();
    }
    String l =
        listHere(
            List.of(T.CONTACTS, T.ACTIVITIES, T.NEXT_STEPS, T.STAGE_HISTORY, T.CLOSE_DATE_HISTORY));
    String[] p = l.split("\u0000");
    if (r.nextInt(3) == 0) {
      return "count(" + p[0] + ")";
    }
    scope.add(ITEM.get(T.valueOf(p[1])));
    String pred = bool(Math.max(0, d - 1));
    scope.remove(scope.size() - 1);
    return "count(" + p[0] + ", " + pred + ")";
  }

  String date(int d) {
    if (d <= 0 || r.nextInt(2) == 0) {
      return dateLeaf();
    }
    switch (r.nextInt(5)) {
      case 0, 1 -> {
        return dateLeaf() + " " + pick(List.of("+", "-")) + " " + span();
      }
      case 2 -> {
        if (scope.size() >= 4) {
          return dateLeaf();
        }
        String l =
            listHere(
                List.of(
                    T.CONTACTS, T.ACTIVITIES, T.NEXT_STEPS, T.STAGE_HISTORY, T.CLOSE_DATE_HISTORY));
        String[] p = l.split("\u0000");
        scope.add(ITEM.get(T.valueOf(p[1])));
        String value = dateLeaf();
        String pred = r.nextBoolean() ? ", " + bool(0) : "";
        scope.remove(scope.size() - 1);
        return pick(List.of("min", "max")) + "(" + p[0] + ", " + value + pred + ")";
      }
      case 3 -> {
        return "evidence_updated(" + pick(Fixtures.ELEMENTS) + ")";
      }
      default -> {
        return "(" + date(d - 1) + ") " + pick(List.of("+", "-")) + " " + span();
      }
    }
  }

  private String dateLeaf() {
    if (r.nextInt(8) == 0) {
      return "coalesce(" + field(T.DATE) + ", " + field(T.DATE) + ")";
    }
    return field(T.DATE);
  }

  private String span() {
    return switch (r.nextInt(5)) {
      case 0 -> r.nextInt(6) + "bd";
      case 1 -> "param(follow_up)";
      default -> calendarSpan();
    };
  }

  private String calendarSpan() {
    return switch (r.nextInt(7)) {
      case 0 -> "param(window)";
      case 1 -> r.nextInt(30) + "d";
      case 2 -> r.nextInt(5) + "w";
      case 3 -> r.nextInt(72) + "h";
      case 4 -> r.nextInt(10) + ".5d";
      case 5 -> r.nextInt(100) + "h";
      default -> r.nextInt(15) + "d";
    };
  }
}
