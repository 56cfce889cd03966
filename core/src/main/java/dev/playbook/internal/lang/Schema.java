package dev.playbook.internal.lang;

import dev.playbook.model.Activity;
import dev.playbook.model.ActivityType;
import dev.playbook.model.BuyingRole;
import dev.playbook.model.CloseDateChange;
import dev.playbook.model.Contact;
import dev.playbook.model.Direction;
import dev.playbook.model.EvidenceStatus;
import dev.playbook.model.ForecastCategory;
import dev.playbook.model.NextStep;
import dev.playbook.model.NextStepStatus;
import dev.playbook.model.Outcome;
import dev.playbook.model.Power;
import dev.playbook.model.ResponseMode;
import dev.playbook.model.StageChange;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fields of the fact model as conditions see them. */
public final class Schema {

  private Schema() {}

  public static final Type.Choice BUYING_ROLE = enumType("buying_role", BuyingRole.values(), false);

  /** Ordered low < medium < high, so {@code power >= medium} reads naturally. */
  public static final Type.Choice POWER =
      new Type.Choice(
          "power",
          List.of("low", "medium", "high"),
          List.of(Power.LOW, Power.MEDIUM, Power.HIGH),
          true);

  public static final Type.Choice RESPONSE_MODE =
      enumType("response_mode", ResponseMode.values(), false);
  public static final Type.Choice ACTIVITY_TYPE =
      enumType("activity_type", ActivityType.values(), false);
  public static final Type.Choice DIRECTION = enumType("direction", Direction.values(), false);
  public static final Type.Choice OUTCOME = enumType("outcome", Outcome.values(), false);
  public static final Type.Choice NEXT_STEP_STATUS =
      enumType("next_step_status", NextStepStatus.values(), false);

  /** Ordered unknown < partial < confirmed. */
  public static final Type.Choice EVIDENCE_STATUS =
      enumType("evidence_status", EvidenceStatus.values(), true);

  public static final Type.Choice FORECAST_CATEGORY =
      enumType("forecast_category", ForecastCategory.values(), false);

  public static final Type.Scope CONTACT;
  public static final Type.Scope ACTIVITY;
  public static final Type.Scope NEXT_STEP;
  public static final Type.Scope STAGE_CHANGE;
  public static final Type.Scope CLOSE_DATE_CHANGE;

  static {
    Map<String, Type.Field> c = new LinkedHashMap<>();
    put(c, "id", Type.Basic.TEXT, (f, r) -> ((Contact) r).id(), "the contact's id");
    put(c, "name", Type.Basic.TEXT, (f, r) -> ((Contact) r).name(), "full name");
    put(c, "title", Type.Basic.TEXT, (f, r) -> ((Contact) r).title(), "job title");
    Type roles = new Type.SetOf(BUYING_ROLE);
    put(
        c,
        "role",
        roles,
        (f, r) -> ((Contact) r).roles(),
        "buying roles; 'role == champion' is true when champion is one of them");
    put(c, "roles", roles, (f, r) -> ((Contact) r).roles(), "the same as role");
    put(c, "power", POWER, (f, r) -> ((Contact) r).power(), "low, medium or high");
    put(
        c,
        "response_mode",
        RESPONSE_MODE,
        (f, r) -> ((Contact) r).responseMode(),
        "growth, trouble, even_keel or overconfident");
    put(
        c,
        "last_engaged_at",
        Type.Basic.DATE,
        (f, r) -> ((Contact) r).lastEngagedAt(),
        "when the contact last engaged");
    put(
        c,
        "primary",
        Type.Basic.BOOLEAN,
        (f, r) -> ((Contact) r).primary(),
        "the CRM's primary contact of the deal");
    CONTACT = new Type.Scope("contact", "contacts", c);

    Map<String, Type.Field> a = new LinkedHashMap<>();
    put(a, "id", Type.Basic.TEXT, (f, r) -> ((Activity) r).id(), "the activity's id");
    put(
        a,
        "type",
        ACTIVITY_TYPE,
        (f, r) -> ((Activity) r).type(),
        "call, email, meeting, demo, note or task");
    put(a, "direction", DIRECTION, (f, r) -> ((Activity) r).direction(), "inbound or outbound");
    put(
        a,
        "occurred_at",
        Type.Basic.DATE,
        (f, r) -> ((Activity) r).occurredAt(),
        "when it happened");
    put(
        a,
        "contacts",
        new Type.ListOf(CONTACT),
        (f, r) -> f.contactsOf((Activity) r),
        "the deal's contacts it involved");
    put(
        a,
        "outcome",
        OUTCOME,
        (f, r) -> ((Activity) r).outcome(),
        "advance, continuation, no_answer, replied, completed, no_show or rescheduled");
    put(
        a,
        "tags",
        new Type.SetOf(Type.Basic.TEXT),
        (f, r) -> ((Activity) r).tags(),
        "free tags such as \"reframe\"");
    put(
        a,
        "counts",
        new Type.NumberMap(),
        (f, r) -> ((Activity) r).counts(),
        "named counts such as counts.implication_questions");
    put(
        a,
        "duration_minutes",
        Type.Basic.NUMBER,
        (f, r) -> toDouble(((Activity) r).durationMinutes()),
        "length in minutes");
    SignalFields.add(a);
    ACTIVITY = new Type.Scope("activity", "activities", a);

    Map<String, Type.Field> n = new LinkedHashMap<>();
    put(n, "title", Type.Basic.TEXT, (f, r) -> ((NextStep) r).title(), "what was agreed");
    put(n, "due", Type.Basic.DATE, (f, r) -> Facts.date(((NextStep) r).due()), "due date");
    put(n, "owner", Type.Basic.TEXT, (f, r) -> ((NextStep) r).owner(), "who owns it");
    put(n, "status", NEXT_STEP_STATUS, (f, r) -> ((NextStep) r).status(), "open or done");
    put(
        n,
        "buyer_commitment",
        Type.Basic.BOOLEAN,
        (f, r) -> ((NextStep) r).buyerCommitment(),
        "the buyer committed to it");
    NEXT_STEP = new Type.Scope("next_step", "next steps", n);

    Map<String, Type.Field> s = new LinkedHashMap<>();
    put(
        s,
        "stage",
        Type.Basic.STAGE,
        (f, r) -> stage(f, ((StageChange) r).stage()),
        "the stage entered");
    put(s, "entered_at", Type.Basic.DATE, (f, r) -> ((StageChange) r).enteredAt(), "when");
    STAGE_CHANGE = new Type.Scope("stage_change", "stage changes", s);

    Map<String, Type.Field> d = new LinkedHashMap<>();
    put(
        d,
        "from",
        Type.Basic.DATE,
        (f, r) -> Facts.date(((CloseDateChange) r).from()),
        "the close date before");
    put(
        d,
        "to",
        Type.Basic.DATE,
        (f, r) -> Facts.date(((CloseDateChange) r).to()),
        "the close date after");
    put(
        d,
        "changed_at",
        Type.Basic.DATE,
        (f, r) -> ((CloseDateChange) r).changedAt(),
        "when it changed");
    CLOSE_DATE_CHANGE = new Type.Scope("close_date_change", "close date changes", d);
  }

  /** The deal's own fields, plus {@code custom.<name>} for each declared custom field. */
  static Type.Scope dealScope(Map<String, Type> customFields) {
    Map<String, Type.Field> m = new LinkedHashMap<>();
    put(m, "id", Type.Basic.TEXT, (f, r) -> f.deal().id(), "the deal's id");
    put(m, "name", Type.Basic.TEXT, (f, r) -> f.deal().name(), "the deal's name");
    put(m, "account", Type.Basic.TEXT, (f, r) -> f.deal().account(), "the buying company");
    put(m, "owner", Type.Basic.TEXT, (f, r) -> f.deal().owner(), "the rep who owns the deal");
    put(m, "team", Type.Basic.TEXT, (f, r) -> f.deal().team(), "the rep's team");
    put(
        m,
        "segment",
        Type.Basic.SEGMENT,
        (f, r) -> f.segment(),
        "such as smb, mid_market, enterprise");
    put(
        m,
        "stage",
        Type.Basic.STAGE,
        (f, r) -> f.stageIndex() < 0 ? null : f.stageIndex(),
        "the current stage; compares by pipeline order");
    put(
        m,
        "amount",
        Type.Basic.NUMBER,
        (f, r) -> f.amount(),
        "deal value, in the playbook's base currency when it has a currency table");
    put(m, "currency", Type.Basic.TEXT, (f, r) -> f.deal().currency(), "ISO currency code");
    put(
        m,
        "created_at",
        Type.Basic.DATE,
        (f, r) -> f.deal().createdAt(),
        "when the deal was created");
    put(
        m,
        "close_date",
        Type.Basic.DATE,
        (f, r) -> Facts.date(f.deal().closeDate()),
        "expected close date");
    put(
        m,
        "lead_source",
        Type.Basic.TEXT,
        (f, r) -> f.deal().leadSource(),
        "where the lead came from");
    put(m, "mql_at", Type.Basic.DATE, (f, r) -> f.deal().mqlAt(), "marketing-qualified at");
    put(
        m,
        "sql_at",
        Type.Basic.DATE,
        (f, r) -> f.deal().sqlAt(),
        "sales-qualified at (the SDR hand-off)");
    put(
        m,
        "assigned_at",
        Type.Basic.DATE,
        (f, r) -> f.deal().assignedAt(),
        "assigned to the rep at");
    put(
        m,
        "probability",
        Type.Basic.NUMBER,
        (f, r) -> Facts.number(f.deal().probability()),
        "win probability in percent");
    put(
        m,
        "forecast_category",
        FORECAST_CATEGORY,
        (f, r) -> f.deal().forecastCategory(),
        "pipeline, best_case, commit, closed or omitted");
    put(m, "contacts", new Type.ListOf(CONTACT), (f, r) -> f.deal().contacts(), "the stakeholders");
    put(
        m,
        "activities",
        new Type.ListOf(ACTIVITY),
        (f, r) -> f.deal().activities(),
        "calls, emails, meetings ...");
    put(
        m,
        "next_steps",
        new Type.ListOf(NEXT_STEP),
        (f, r) -> f.deal().nextSteps(),
        "agreed next steps");
    put(
        m,
        "stage_history",
        new Type.ListOf(STAGE_CHANGE),
        (f, r) -> f.deal().stageHistory(),
        "stages entered, with dates");
    put(
        m,
        "close_date_history",
        new Type.ListOf(CLOSE_DATE_CHANGE),
        (f, r) -> f.deal().closeDateHistory(),
        "changes of the close date");
    put(
        m,
        "stage_entered_at",
        Type.Basic.DATE,
        (f, r) -> f.stageEnteredAt(),
        "when the deal entered its current stage");
    put(
        m,
        "last_activity",
        Type.Basic.DATE,
        (f, r) -> f.lastActivity(),
        "when the latest activity up to now happened (planned ones do not count)");
    put(
        m,
        "close_date_pushes",
        Type.Basic.NUMBER,
        (f, r) -> f.closeDatePushes(),
        "how often the close date moved later");
    put(m, "now", Type.Basic.DATE, (f, r) -> f.asOf(), "the evaluation time");
    List<String> names = new ArrayList<>(customFields.keySet());
    java.util.Collections.sort(names);
    for (String name : names) {
      Type t = customFields.get(name);
      put(m, "custom." + name, t, (f, r) -> f.custom(name, t), "custom field");
    }
    return new Type.Scope("deal", "deals", m);
  }

  private static Object stage(Facts f, String name) {
    int i = f.env().stageIndex(name);
    return i < 0 ? null : i;
  }

  static Double toDouble(Number n) {
    return n == null ? null : n.doubleValue();
  }

  static Double toDouble(BigDecimal n) {
    return n == null ? null : n.doubleValue();
  }

  private static void put(
      Map<String, Type.Field> m, String name, Type type, Type.Getter g, String doc) {
    m.put(name, new Type.Field(name, type, g, doc));
  }

  private static <E extends java.lang.Enum<E>> Type.Choice enumType(
      String name, E[] values, boolean ordered) {
    List<String> ids = new ArrayList<>();
    List<Object> vals = new ArrayList<>();
    for (E e : values) {
      ids.add(e.name().toLowerCase(java.util.Locale.ROOT));
      vals.add(e);
    }
    return new Type.Choice(name, ids, vals, ordered);
  }
}
