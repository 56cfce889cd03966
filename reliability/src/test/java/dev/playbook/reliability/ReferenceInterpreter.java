package dev.playbook.reliability;

import dev.playbook.internal.lang.Ast;
import dev.playbook.model.Activity;
import dev.playbook.model.BuyingRole;
import dev.playbook.model.CloseDateChange;
import dev.playbook.model.Contact;
import dev.playbook.model.CustomValue;
import dev.playbook.model.Deal;
import dev.playbook.model.Evidence;
import dev.playbook.model.NextStep;
import dev.playbook.model.StageChange;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A small reference interpreter of the condition language, written from {@code
 * docs/authoring-rules.md} and {@code docs/deal-facts.md} only, for the differential test. It walks
 * the syntax tree directly and shares nothing with the compiler but the parser.
 *
 * <p>Semantics, as the docs give them: a missing value makes a comparison unknown (null here);
 * {@code and}/{@code or}/{@code not} follow three-valued logic; inside {@code any}, {@code none},
 * {@code all} and {@code count} an item whose condition is unknown does not match ({@code all} of
 * an empty list is true); a bare name inside a quantifier is the item's field if it has one, else
 * the deal's; a bare word compared with a stage, role, segment or other choice is that value;
 * stages compare by pipeline order, power low &lt; medium &lt; high, evidence unknown &lt; partial
 * &lt; confirmed; {@code role == x} means x is one of the roles; text {@code contains} ignores
 * case; dividing by zero is unknown; spans are hours, days, weeks and business days (Monday to
 * Friday, keeping the time of day); {@code days_since} and friends count whole units from one
 * instant to the other; a parameter's value is the one for the deal's stage, else its segment, else
 * the default.
 *
 * <p>Where the docs are silent, the choices are: {@code stage_entered_at} falls back to {@code
 * created_at} when the history has no entry for the current stage; a custom value whose type
 * differs from the declared one is missing; numbers compare as numbers ({@code -0 == 0}).
 */
final class ReferenceInterpreter {

  /**
   * Known, reported differences between the engine and the docs (see {@code CoreFindingsTest}).
   * With a deviation switched on, the interpreter does what the engine does instead of what the
   * docs say, so that the differential run stays a guard against new disagreements while the
   * reported ones wait for a fix in core.
   */
  enum Deviation {
    /**
     * Numbers compare with {@code Double.compare}/{@code equals}, so {@code -0 < 0} and {@code -0
     * != 0}.
     */
    NEGATIVE_ZERO,
    /**
     * Whole days and hours round down, so a time 10 hours ahead is {@code days_until} 0 but {@code
     * days_since} -1.
     */
    FLOORED_UNITS,
    /**
     * Inside nested quantifiers a bare name also finds the fields of the enclosing items, before
     * the deal's: the documented rule (docs/authoring-rules.md, "Fields you can use").
     */
    ENCLOSING_ITEM_NAMES
  }

  /**
   * The playbook's declarations the interpreter needs, written out independently of the compiler.
   */
  record World(List<String> stages, Map<String, Object[]> params, Map<String, String> customTypes) {

    /**
     * The {@link Fixtures#HEADER} playbook: parameter values as {default, by segment, by stage}.
     */
    static World fixtures() {
      return new World(
          Fixtures.STAGES,
          Map.of(
              "stale_days",
                  new Object[] {
                    14.0, Map.of("enterprise", 21.0, "smb", 7.0), Map.of("negotiation", 5.0)
                  },
              "big_deal", new Object[] {100000.0, Map.of("smb", 20000.0), Map.of()},
              "window",
                  new Object[] {
                    new SpanV(30, "d"),
                    Map.of("mid_market", new SpanV(36, "h")),
                    Map.of("negotiation", new SpanV(2, "w"))
                  },
              "follow_up",
                  new Object[] {
                    new SpanV(2, "bd"), Map.of("enterprise", new SpanV(3, "bd")), Map.of()
                  },
              "label", new Object[] {"standard", Map.of(), Map.of("proposal", "priced")},
              "strict", new Object[] {false, Map.of("enterprise", true), Map.of()}),
          Fixtures.CUSTOM_FIELDS);
    }
  }

  // ---------------------------------------------------------------- values

  /** A stage, by its position in the pipeline. */
  record StageV(int index) {}

  /** A segment name (compares with text). */
  record SegmentV(String name) {}

  /**
   * A choice such as a power, an activity type or an evidence status; {@code rank} orders power and
   * evidence.
   */
  record ChoiceV(String kind, String id, int rank) {}

  /** A set of roles (kind "role") or tags (kind "tag"). */
  record SetV(String kind, Set<String> items) {}

  record SpanV(double amount, String unit) {}

  /** A list of items of one kind. */
  record ListV(String kind, List<?> items) {}

  record CountsV(Map<String, BigDecimal> counts) {}

  /** A bare word that names no field: a stage, role, segment ... depending on what it meets. */
  record Word(String word) {}

  private static final List<String> POWER = List.of("low", "medium", "high");
  private static final List<String> EVIDENCE =
      List.of("unknown", "suggested", "partial", "confirmed");
  private static final Map<String, List<String>> CHOICES =
      Map.of(
          "power",
          POWER,
          "evidence",
          EVIDENCE,
          "response_mode",
          List.of("growth", "trouble", "even_keel", "overconfident"),
          "activity_type",
          List.of("call", "email", "meeting", "demo", "note", "task"),
          "direction",
          List.of("inbound", "outbound"),
          "outcome",
          List.of(
              "advance",
              "continuation",
              "no_answer",
              "replied",
              "completed",
              "no_show",
              "rescheduled"),
          "status",
          List.of("open", "done"),
          "forecast",
          List.of("pipeline", "best_case", "commit", "closed", "omitted"),
          "role",
          List.of(
              "economic_buyer",
              "champion",
              "coach",
              "technical",
              "user",
              "decision_maker",
              "influencer",
              "blocker"));

  private final World world;
  private final Deal deal;
  private final Instant now;
  private final Set<Deviation> deviations;

  /** The items of the quantifiers being iterated, innermost last. */
  private final List<Object> items = new ArrayList<>();

  /** The names given to those items with {@code as}, in step with {@link #items}; null for none. */
  private final List<String> itemNames = new ArrayList<>();

  private ReferenceInterpreter(World world, Deal deal, Instant now, Set<Deviation> deviations) {
    this.world = world;
    this.deal = deal;
    this.now = now;
    this.deviations = deviations;
  }

  /** TRUE, FALSE, or null for unknown, by the docs alone. */
  static Boolean evaluate(Ast condition, Deal deal, Instant now, World world) {
    return evaluate(condition, deal, now, world, Set.of());
  }

  /** TRUE, FALSE, or null for unknown, with the given deviations from the docs. */
  static Boolean evaluate(
      Ast condition, Deal deal, Instant now, World world, Set<Deviation> deviations) {
    Object v = new ReferenceInterpreter(world, deal, now, deviations).eval(condition);
    if (v != null && !(v instanceof Boolean)) {
      throw new IllegalStateException("not a condition: " + v);
    }
    return (Boolean) v;
  }

  // ---------------------------------------------------------------- evaluation

  private Object eval(Ast a) {
    if (a instanceof Ast.Literal l) {
      Object v = l.value();
      if (v instanceof dev.playbook.internal.lang.Span s) {
        return new SpanV(s.amount(), s.unit().suffix());
      }
      return v;
    }
    if (a instanceof Ast.Name n) {
      return name(n.parts());
    }
    if (a instanceof Ast.Unary u) {
      Object x = eval(u.operand());
      if (x == null) {
        return null;
      }
      return u.op().equals("not") ? !(Boolean) x : -(Double) x;
    }
    if (a instanceof Ast.Binary b) {
      return binary(b);
    }
    if (a instanceof Ast.In in) {
      Object subject = eval(in.subject());
      if (subject == null) {
        return null;
      }
      for (Ast item : in.items()) {
        Object v = resolve(eval(item), subject);
        if (v == null) {
          continue;
        }
        // a set is in a list when one of its values is
        boolean hit =
            subject instanceof SetV set
                ? set.items().contains(element(set, v))
                : compare(subject, v) == 0;
        if (hit) {
          return !in.negated();
        }
      }
      return in.negated();
    }
    if (a instanceof Ast.Is is) {
      return (eval(is.subject()) != null) == is.present();
    }
    return call((Ast.Call) a);
  }

  private Object binary(Ast.Binary b) {
    switch (b.op()) {
      case "and" -> {
        Boolean x = (Boolean) eval(b.left());
        Boolean y = (Boolean) eval(b.right());
        if (Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y)) {
          return false;
        }
        return x == null || y == null ? null : true;
      }
      case "implies" -> {
        // the docs: false only when the left holds and the right does not
        Boolean x = (Boolean) eval(b.left());
        Boolean y = (Boolean) eval(b.right());
        if (Boolean.FALSE.equals(x) || Boolean.TRUE.equals(y)) {
          return true;
        }
        return x == null || y == null ? null : false;
      }
      case "or" -> {
        Boolean x = (Boolean) eval(b.left());
        Boolean y = (Boolean) eval(b.right());
        if (Boolean.TRUE.equals(x) || Boolean.TRUE.equals(y)) {
          return true;
        }
        return x == null || y == null ? null : false;
      }
      case "+", "-", "*", "/" -> {
        Object x = eval(b.left());
        Object y = eval(b.right());
        if (x == null || y == null) {
          return null;
        }
        if (x instanceof Instant t) {
          return move(t, (SpanV) y, b.op().equals("+") ? 1 : -1);
        }
        double p = (Double) x;
        double q = (Double) y;
        return switch (b.op()) {
          case "+" -> p + q;
          case "-" -> p - q;
          case "*" -> p * q;
          default -> q == 0 ? null : p / q;
        };
      }
      case "contains" -> {
        Object x = eval(b.left());
        if (x instanceof SetV set) {
          Object y = resolve(eval(b.right()), set);
          return y == null ? null : set.items().contains(element(set, y));
        }
        Object y = eval(b.right());
        if (x == null || y == null) {
          return null;
        }
        return ((String) x)
            .toLowerCase(Locale.ROOT)
            .contains(((String) y).toLowerCase(Locale.ROOT));
      }
      default -> {
        Object x = eval(b.left());
        Object y = eval(b.right());
        if (x instanceof Word) {
          x = resolve(x, y);
        } else {
          y = resolve(y, x);
        }
        if (x instanceof SetV set && !(y instanceof SetV)) {
          if (y == null) {
            return null;
          }
          boolean member = set.items().contains(element(set, y));
          return b.op().equals("==") ? member : !member;
        }
        if (x == null || y == null) {
          return null;
        }
        int c = compare(x, y);
        return switch (b.op()) {
          case "==" -> c == 0;
          case "!=" -> c != 0;
          case "<" -> c < 0;
          case "<=" -> c <= 0;
          case ">" -> c > 0;
          default -> c >= 0;
        };
      }
    }
  }

  private static String element(SetV set, Object v) {
    if (v instanceof ChoiceV c) {
      return c.id();
    }
    return (String) v;
  }

  /** A bare word takes its meaning from the value it meets. */
  private Object resolve(Object v, Object other) {
    if (!(v instanceof Word w)) {
      return v;
    }
    String word = w.word();
    if (other instanceof StageV) {
      int i = world.stages().indexOf(word);
      if (i < 0) {
        throw new IllegalArgumentException("unknown stage " + word);
      }
      return new StageV(i);
    }
    if (other instanceof SegmentV) {
      return new SegmentV(word);
    }
    if (other instanceof ChoiceV c) {
      return choice(c.kind(), word);
    }
    if (other instanceof SetV s && s.kind().equals("role")) {
      return choice("role", word);
    }
    if (other == null) {
      return null;
    }
    throw new IllegalArgumentException("cannot tell what '" + word + "' is next to " + other);
  }

  private static ChoiceV choice(String kind, String id) {
    int rank = CHOICES.get(kind).indexOf(id);
    if (rank < 0) {
      throw new IllegalArgumentException("'" + id + "' is not a " + kind);
    }
    return new ChoiceV(kind, id, rank);
  }

  /** Orders two values of comparable kinds; 0 when equal. */
  private int compare(Object x, Object y) {
    if (x instanceof Double || y instanceof Double || x instanceof SpanV || y instanceof SpanV) {
      double p = days(x);
      double q = days(y);
      if (deviations.contains(Deviation.NEGATIVE_ZERO)) {
        return Double.compare(p, q);
      }
      return p < q ? -1 : p > q ? 1 : 0;
    }
    if (x instanceof Instant a && y instanceof Instant b) {
      return a.compareTo(b);
    }
    if (x instanceof StageV a && y instanceof StageV b) {
      return Integer.compare(a.index(), b.index());
    }
    if (x instanceof ChoiceV a && y instanceof ChoiceV b) {
      if (!a.kind().equals(b.kind())) {
        throw new IllegalArgumentException("different choices " + a + " " + b);
      }
      return a.kind().equals("power") || a.kind().equals("evidence")
          ? Integer.compare(a.rank(), b.rank())
          : a.id().equals(b.id()) ? 0 : 1;
    }
    if (x instanceof Boolean a && y instanceof Boolean b) {
      return a.equals(b) ? 0 : 1;
    }
    return text(x).equals(text(y)) ? 0 : 1;
  }

  private static String text(Object v) {
    if (v instanceof SegmentV s) {
      return s.name();
    }
    if (v instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("not text: " + v);
  }

  /** A number as itself; a calendar span as days. */
  private static double days(Object v) {
    if (v instanceof Double d) {
      return d;
    }
    SpanV s = (SpanV) v;
    return switch (s.unit()) {
      case "h" -> s.amount() / 24;
      case "d" -> s.amount();
      case "w" -> s.amount() * 7;
      default -> throw new IllegalArgumentException("business days have no length");
    };
  }

  // ---------------------------------------------------------------- names

  private Object name(List<String> parts) {
    String first = parts.get(0);
    if (first.equals("deal")) {
      if (parts.get(1).equals("custom")) {
        return custom(parts.get(2));
      }
      return rest(dealField(parts.get(1)), parts, 2);
    }
    if (first.equals("custom")) {
      return custom(parts.get(1));
    }
    if (parts.size() > 1) {
      // the docs: demo.occurred_at reads the items named 'demo' with 'as'
      for (int i = itemNames.size() - 1; i >= 0; i--) {
        if (first.equals(itemNames.get(i))) {
          return rest(itemField(items.get(i), parts.get(1)), parts, 2);
        }
      }
    }
    for (int i = items.size() - 1; i >= 0; i--) {
      Object item = items.get(i);
      if (hasField(item, first)) {
        return rest(itemField(item, first), parts, 1);
      }
      if (!deviations.contains(Deviation.ENCLOSING_ITEM_NAMES)) {
        break; // the docs: the item's field if it has one, else the deal's
      }
    }
    if (DEAL_FIELDS.contains(first)) {
      return rest(dealField(first), parts, 1);
    }
    if (parts.size() == 1) {
      return new Word(first);
    }
    throw new IllegalArgumentException("unknown name " + parts);
  }

  private static Object rest(Object v, List<String> parts, int from) {
    if (from == parts.size()) {
      return v;
    }
    if (v instanceof CountsV c && from == parts.size() - 1) {
      BigDecimal n = c.counts().get(parts.get(from));
      return n == null ? null : n.doubleValue();
    }
    throw new IllegalArgumentException("cannot read " + parts + " from " + v);
  }

  private static final Set<String> DEAL_FIELDS =
      Set.of(
          "id",
          "name",
          "account",
          "owner",
          "team",
          "currency",
          "lead_source",
          "segment",
          "stage",
          "amount",
          "probability",
          "created_at",
          "close_date",
          "mql_at",
          "sql_at",
          "assigned_at",
          "forecast_category",
          "contacts",
          "activities",
          "next_steps",
          "stage_history",
          "close_date_history",
          "last_activity",
          "stage_entered_at",
          "close_date_pushes",
          "now");

  private Object dealField(String f) {
    Deal d = deal;
    return switch (f) {
      case "id" -> d.id();
      case "name" -> d.name();
      case "account" -> d.account();
      case "owner" -> d.owner();
      case "team" -> d.team();
      case "currency" -> d.currency();
      case "lead_source" -> d.leadSource();
      case "segment" -> d.segment() == null ? null : new SegmentV(d.segment());
      case "stage" -> stage(d.stage());
      case "amount" -> number(d.amount());
      case "probability" -> number(d.probability());
      case "created_at" -> d.createdAt();
      case "close_date" -> day(d.closeDate());
      case "mql_at" -> d.mqlAt();
      case "sql_at" -> d.sqlAt();
      case "assigned_at" -> d.assignedAt();
      case "forecast_category" ->
          d.forecastCategory() == null
              ? null
              : choice("forecast", d.forecastCategory().name().toLowerCase(Locale.ROOT));
      case "contacts" -> new ListV("contact", d.contacts());
      case "activities" -> new ListV("activity", d.activities());
      case "next_steps" -> new ListV("next_step", d.nextSteps());
      case "stage_history" -> new ListV("stage_change", d.stageHistory());
      case "close_date_history" -> new ListV("close_date_change", d.closeDateHistory());
      // activities dated after now are planned and do not count
      case "last_activity" ->
          d.activities().stream()
              .map(Activity::occurredAt)
              .filter(t -> !t.isAfter(now))
              .max(Instant::compareTo)
              .orElse(null);
      case "stage_entered_at" ->
          d.stageHistory().stream()
              .filter(s -> s.stage().equals(d.stage()))
              .map(StageChange::enteredAt)
              .max(Instant::compareTo)
              .orElse(d.createdAt());
      case "close_date_pushes" ->
          (double)
              d.closeDateHistory().stream()
                  .filter(c -> c.from() != null && c.to().isAfter(c.from()))
                  .count();
      case "now" -> now;
      default -> throw new IllegalArgumentException("no deal field " + f);
    };
  }

  private Object custom(String name) {
    String type = world.customTypes().get(name);
    CustomValue v = deal.custom().get(name);
    if (type == null) {
      throw new IllegalArgumentException("undeclared custom field " + name);
    }
    if (v == null) {
      return null;
    }
    return switch (type) {
      case "boolean" -> v instanceof CustomValue.Flag f ? f.value() : null;
      case "number" -> v instanceof CustomValue.Number n ? n.value().doubleValue() : null;
      case "date" -> v instanceof CustomValue.Date dt ? day(dt.value()) : null;
      default -> v instanceof CustomValue.Text t ? t.value() : null;
    };
  }

  private static boolean hasField(Object item, String f) {
    if (item instanceof Contact) {
      return Set.of(
              "id", "name", "title", "role", "roles", "power", "response_mode", "last_engaged_at")
          .contains(f);
    }
    if (item instanceof Activity) {
      return Set.of(
              "id",
              "type",
              "direction",
              "occurred_at",
              "contacts",
              "outcome",
              "tags",
              "counts",
              "duration_minutes")
          .contains(f);
    }
    if (item instanceof NextStep) {
      return Set.of("title", "due", "owner", "status", "buyer_commitment").contains(f);
    }
    if (item instanceof StageChange) {
      return Set.of("stage", "entered_at").contains(f);
    }
    return Set.of("from", "to", "changed_at").contains(f);
  }

  private Object itemField(Object item, String f) {
    if (item instanceof Contact c) {
      return switch (f) {
        case "id" -> c.id();
        case "name" -> c.name();
        case "title" -> c.title();
        case "role", "roles" -> {
          Set<String> ids = new TreeSet<>();
          for (BuyingRole role : c.roles()) {
            ids.add(role.name().toLowerCase(Locale.ROOT));
          }
          yield new SetV("role", ids);
        }
        case "power" ->
            c.power() == null ? null : choice("power", c.power().name().toLowerCase(Locale.ROOT));
        case "response_mode" ->
            c.responseMode() == null
                ? null
                : choice("response_mode", c.responseMode().name().toLowerCase(Locale.ROOT));
        default -> c.lastEngagedAt();
      };
    }
    if (item instanceof Activity a) {
      return switch (f) {
        case "id" -> a.id();
        case "type" -> choice("activity_type", a.type().name().toLowerCase(Locale.ROOT));
        case "direction" ->
            a.direction() == null
                ? null
                : choice("direction", a.direction().name().toLowerCase(Locale.ROOT));
        case "occurred_at" -> a.occurredAt();
        case "contacts" -> {
          List<Contact> named = new ArrayList<>();
          for (String id : a.contactIds()) {
            deal.contacts().stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .ifPresent(named::add);
          }
          yield new ListV("contact", named);
        }
        case "outcome" ->
            a.outcome() == null
                ? null
                : choice("outcome", a.outcome().name().toLowerCase(Locale.ROOT));
        case "tags" -> new SetV("tag", Set.copyOf(a.tags()));
        case "counts" -> new CountsV(a.counts());
        default -> a.durationMinutes() == null ? null : a.durationMinutes().doubleValue();
      };
    }
    if (item instanceof NextStep n) {
      return switch (f) {
        case "title" -> n.title();
        case "due" -> day(n.due());
        case "owner" -> n.owner();
        case "status" -> choice("status", n.status().name().toLowerCase(Locale.ROOT));
        default -> n.buyerCommitment();
      };
    }
    if (item instanceof StageChange s) {
      return f.equals("stage") ? stage(s.stage()) : s.enteredAt();
    }
    CloseDateChange c = (CloseDateChange) item;
    return switch (f) {
      case "from" -> day(c.from());
      case "to" -> day(c.to());
      default -> c.changedAt();
    };
  }

  private StageV stage(String name) {
    int i = world.stages().indexOf(name);
    return i < 0 ? null : new StageV(i);
  }

  private static Double number(BigDecimal n) {
    return n == null ? null : n.doubleValue();
  }

  /** A date without a time is the start of that day, UTC. */
  private static Instant day(LocalDate d) {
    return d == null ? null : d.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  // ---------------------------------------------------------------- functions

  private Object call(Ast.Call c) {
    String f = c.function();
    List<Ast> args = c.args();
    String as = args.get(0) instanceof Ast.Bind b ? b.name() : null;
    switch (f) {
      case "any", "none", "all", "count" -> {
        Object coll = eval(args.get(0) instanceof Ast.Bind b ? b.list() : args.get(0));
        if (args.size() == 1) {
          return coll instanceof SetV s
              ? (double) s.items().size()
              : (double) ((ListV) coll).items().size();
        }
        int matching = 0;
        List<?> list = ((ListV) coll).items();
        for (Object item : list) {
          items.add(item);
          itemNames.add(as);
          Object v = eval(args.get(1));
          items.remove(items.size() - 1);
          itemNames.remove(itemNames.size() - 1);
          if (Boolean.TRUE.equals(v)) {
            matching++;
          }
        }
        return switch (f) {
          case "any" -> matching > 0;
          case "none" -> matching == 0;
          case "all" -> matching == list.size();
          default -> (double) matching;
        };
      }
      case "min", "max", "sum" -> {
        List<?> list =
            ((ListV) eval(args.get(0) instanceof Ast.Bind b ? b.list() : args.get(0))).items();
        List<Object> values = new ArrayList<>();
        for (Object item : list) {
          items.add(item);
          itemNames.add(as);
          boolean keep = args.size() < 3 || Boolean.TRUE.equals(eval(args.get(2)));
          Object v = keep ? eval(args.get(1)) : null;
          items.remove(items.size() - 1);
          itemNames.remove(itemNames.size() - 1);
          if (v != null) {
            values.add(v);
          }
        }
        if (f.equals("sum")) {
          return values.stream().mapToDouble(v -> (Double) v).sum();
        }
        Object best = null;
        for (Object v : values) {
          if (best == null || (f.equals("min") ? compare(v, best) < 0 : compare(v, best) > 0)) {
            best = v;
          }
        }
        return best;
      }
      case "days_since", "hours_since", "business_days_since" -> {
        Instant d = (Instant) eval(args.get(0));
        return d == null ? null : between(f.substring(0, f.length() - "_since".length()), d, now);
      }
      case "days_until", "hours_until", "business_days_until" -> {
        Instant d = (Instant) eval(args.get(0));
        return d == null ? null : between(f.substring(0, f.length() - "_until".length()), now, d);
      }
      case "days_between", "hours_between", "business_days_between" -> {
        Instant a = (Instant) eval(args.get(0));
        Instant b = (Instant) eval(args.get(1));
        return a == null || b == null
            ? null
            : between(f.substring(0, f.length() - "_between".length()), a, b);
      }
      case "count_true" -> {
        int n = 0;
        for (Ast arg : args) {
          if (Boolean.TRUE.equals(eval(arg))) {
            n++;
          }
        }
        return (double) n;
      }
      case "coalesce" -> {
        Object x = eval(args.get(0));
        return x != null ? x : resolve(eval(args.get(1)), x);
      }
      case "param" -> {
        Object[] p = world.params().get(((Ast.Name) args.get(0)).dotted());
        @SuppressWarnings("unchecked")
        Map<String, Object> byStage = (Map<String, Object>) p[2];
        @SuppressWarnings("unchecked")
        Map<String, Object> bySegment = (Map<String, Object>) p[1];
        if (byStage.containsKey(deal.stage())) {
          return byStage.get(deal.stage());
        }
        if (deal.segment() != null && bySegment.containsKey(deal.segment())) {
          return bySegment.get(deal.segment());
        }
        return p[0];
      }
      case "evidence" -> {
        Evidence e = deal.evidence().get(((Ast.Name) args.get(0)).dotted());
        return choice(
            "evidence", e == null ? "unknown" : e.status().name().toLowerCase(Locale.ROOT));
      }
      case "evidence_updated" -> {
        Evidence e = deal.evidence().get(((Ast.Name) args.get(0)).dotted());
        return e == null ? null : e.updatedAt();
      }
      default -> throw new IllegalArgumentException("unknown function " + f);
    }
  }

  /**
   * Whole units from {@code a} to {@code b}, negative when {@code b} is earlier: the count of
   * complete hours or days between them, or the largest n with a + n business days at or before b.
   */
  private double between(String unit, Instant a, Instant b) {
    if (deviations.contains(Deviation.FLOORED_UNITS) && !unit.equals("business_days")) {
      long s = b.getEpochSecond() - a.getEpochSecond();
      return Math.floorDiv(s, unit.equals("hours") ? 3600 : 86_400);
    }
    return wholeUnits(unit, a, b);
  }

  static double wholeUnits(String unit, Instant a, Instant b) {
    if (b.isBefore(a)) {
      return 0.0 - wholeUnits(unit, b, a); // 0 - 0 is 0, not -0
    }
    long seconds = b.getEpochSecond() - a.getEpochSecond();
    return switch (unit) {
      case "hours" -> seconds / 3600;
      case "days" -> seconds / 86_400;
      default -> {
        long lo = 0;
        long hi = 1;
        while (!addBusinessDays(a, hi).isAfter(b)) {
          lo = hi;
          hi *= 2;
        }
        while (hi - lo > 1) {
          long mid = (lo + hi) / 2;
          if (addBusinessDays(a, mid).isAfter(b)) {
            hi = mid;
          } else {
            lo = mid;
          }
        }
        yield lo;
      }
    };
  }

  private static Instant move(Instant t, SpanV span, int sign) {
    if (span.unit().equals("bd")) {
      return addBusinessDays(t, Math.round(span.amount()) * sign);
    }
    double seconds =
        span.amount()
            * switch (span.unit()) {
              case "h" -> 3600;
              case "d" -> 86_400;
              default -> 7 * 86_400;
            };
    return t.plusSeconds(Math.round(seconds) * sign);
  }

  /**
   * {@code t} moved by {@code n} business days, keeping the time of day: the n-th Monday-to-Friday
   * day after (or before, for negative n) the day of {@code t}. Whole weeks are skipped at once.
   */
  static Instant addBusinessDays(Instant t, long n) {
    LocalDateTime at = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    LocalDate d = at.toLocalDate();
    int step = n >= 0 ? 1 : -1;
    long left = Math.abs(n);
    if (left > 0 && weekend(d)) {
      do {
        d = d.plusDays(step);
      } while (weekend(d));
      left--;
    }
    d = d.plusWeeks(step * (left / 5));
    left %= 5;
    while (left > 0) {
      d = d.plusDays(step);
      if (!weekend(d)) {
        left--;
      }
    }
    return d.atTime(at.toLocalTime()).toInstant(ZoneOffset.UTC);
  }

  private static boolean weekend(LocalDate d) {
    return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
  }
}
