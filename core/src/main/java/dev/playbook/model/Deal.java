package dev.playbook.model;

import static com.google.common.base.Preconditions.checkArgument;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The facts about one deal that a playbook evaluates. Immutable; every collection is an immutable
 * copy and never null, and optional single values are null when unknown.
 *
 * <p>Besides the checks on each field, a deal's contact ids and activity ids are unique, and every
 * contact an activity names is one of the deal's contacts.
 *
 * @param id the deal's id, unique within a deal file
 * @param name the deal's name, or null
 * @param account the buying company, or null
 * @param owner the rep who owns the deal, or null
 * @param team the rep's team, or null
 * @param segment the market segment such as {@code enterprise}, or null
 * @param stage the current stage, as the playbook names it
 * @param stageHistory the stages entered, with dates
 * @param amount the deal's value, zero or more, or null
 * @param currency a three-letter code such as {@code EUR}, or null
 * @param createdAt when the deal was created, or null
 * @param closeDate the expected close date, or null
 * @param closeDateHistory the changes of the close date
 * @param leadSource where the lead came from, or null
 * @param mqlAt when the lead became marketing-qualified, or null
 * @param sqlAt when the lead became sales-qualified, or null
 * @param assignedAt when the deal was assigned to its owner, or null
 * @param probability the win probability in percent, 0 to 100, or null
 * @param forecastCategory the forecast category, or null
 * @param contacts the people on the buying side
 * @param activities calls, emails, meetings and so on
 * @param nextSteps the agreed next steps
 * @param evidence qualification evidence by key, such as {@code meddic.metrics}, in file order
 * @param custom the company's own fields by name, in file order
 * @param feedback the reps' responses to findings on this deal, in file order; rules do not read
 *     them
 */
public record Deal(
    String id,
    String name,
    String account,
    String owner,
    String team,
    String segment,
    String stage,
    List<StageChange> stageHistory,
    BigDecimal amount,
    String currency,
    Instant createdAt,
    LocalDate closeDate,
    List<CloseDateChange> closeDateHistory,
    String leadSource,
    Instant mqlAt,
    Instant sqlAt,
    Instant assignedAt,
    BigDecimal probability,
    ForecastCategory forecastCategory,
    List<Contact> contacts,
    List<Activity> activities,
    List<NextStep> nextSteps,
    Map<String, Evidence> evidence,
    Map<String, CustomValue> custom,
    List<Feedback> feedback) {

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  public Deal {
    Checks.required(id, "deal id");
    checkArgument(
        stage != null && !stage.isBlank(), "deal %s: stage must not be blank, was '%s'", id, stage);
    checkArgument(
        amount == null || amount.signum() >= 0,
        "deal %s: amount %s must not be negative",
        id,
        amount);
    checkArgument(
        currency == null || CURRENCY.matcher(currency).matches(),
        "deal %s: currency '%s' must be a three-letter code such as USD",
        id,
        currency);
    checkArgument(
        probability == null || (probability.signum() >= 0 && probability.compareTo(HUNDRED) <= 0),
        "deal %s: probability %s must be between 0 and 100",
        id,
        probability);
    stageHistory = Checks.list(stageHistory, "deal " + id + " stage_history");
    closeDateHistory = Checks.list(closeDateHistory, "deal " + id + " close_date_history");
    contacts = Checks.list(contacts, "deal " + id + " contacts");
    activities = Checks.list(activities, "deal " + id + " activities");
    nextSteps = Checks.list(nextSteps, "deal " + id + " next_steps");
    evidence = Checks.map(evidence, "deal " + id + " evidence");
    custom = Checks.map(custom, "deal " + id + " custom");
    feedback = Checks.list(feedback, "deal " + id + " feedback");

    Set<String> contactIds = new HashSet<>();
    for (Contact c : contacts) {
      checkArgument(contactIds.add(c.id()), "deal %s: contact id %s appears twice", id, c.id());
    }
    Set<String> activityIds = new HashSet<>();
    for (Activity a : activities) {
      checkArgument(activityIds.add(a.id()), "deal %s: activity id %s appears twice", id, a.id());
      for (String contactId : a.contactIds()) {
        checkArgument(
            contactIds.contains(contactId),
            "deal %s: activity %s names contact %s, which is not among the deal's contacts",
            id,
            a.id(),
            contactId);
      }
    }
  }

  /** A deal without feedback. */
  public Deal(
      String id,
      String name,
      String account,
      String owner,
      String team,
      String segment,
      String stage,
      List<StageChange> stageHistory,
      BigDecimal amount,
      String currency,
      Instant createdAt,
      LocalDate closeDate,
      List<CloseDateChange> closeDateHistory,
      String leadSource,
      Instant mqlAt,
      Instant sqlAt,
      Instant assignedAt,
      BigDecimal probability,
      ForecastCategory forecastCategory,
      List<Contact> contacts,
      List<Activity> activities,
      List<NextStep> nextSteps,
      Map<String, Evidence> evidence,
      Map<String, CustomValue> custom) {
    this(
        id,
        name,
        account,
        owner,
        team,
        segment,
        stage,
        stageHistory,
        amount,
        currency,
        createdAt,
        closeDate,
        closeDateHistory,
        leadSource,
        mqlAt,
        sqlAt,
        assignedAt,
        probability,
        forecastCategory,
        contacts,
        activities,
        nextSteps,
        evidence,
        custom,
        List.of());
  }

  public static Builder builder(String id, String stage) {
    return new Builder(id, stage);
  }

  /** A builder holding this deal's values, to make a changed copy. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link Deal}; everything but id and stage is optional. */
  public static final class Builder {
    private String id;
    private String name;
    private String account;
    private String owner;
    private String team;
    private String segment;
    private String stage;
    private List<StageChange> stageHistory = new ArrayList<>();
    private BigDecimal amount;
    private String currency;
    private Instant createdAt;
    private LocalDate closeDate;
    private List<CloseDateChange> closeDateHistory = new ArrayList<>();
    private String leadSource;
    private Instant mqlAt;
    private Instant sqlAt;
    private Instant assignedAt;
    private BigDecimal probability;
    private ForecastCategory forecastCategory;
    private List<Contact> contacts = new ArrayList<>();
    private List<Activity> activities = new ArrayList<>();
    private List<NextStep> nextSteps = new ArrayList<>();
    private Map<String, Evidence> evidence = new LinkedHashMap<>();
    private Map<String, CustomValue> custom = new LinkedHashMap<>();
    private List<Feedback> feedback = new ArrayList<>();

    private Builder(String id, String stage) {
      this.id = id;
      this.stage = stage;
    }

    private Builder(Deal d) {
      this(d.id, d.stage);
      name = d.name;
      account = d.account;
      owner = d.owner;
      team = d.team;
      segment = d.segment;
      stageHistory(d.stageHistory);
      amount = d.amount;
      currency = d.currency;
      createdAt = d.createdAt;
      closeDate = d.closeDate;
      closeDateHistory(d.closeDateHistory);
      leadSource = d.leadSource;
      mqlAt = d.mqlAt;
      sqlAt = d.sqlAt;
      assignedAt = d.assignedAt;
      probability = d.probability;
      forecastCategory = d.forecastCategory;
      contacts(d.contacts);
      activities(d.activities);
      nextSteps(d.nextSteps);
      evidence(d.evidence);
      custom(d.custom);
      feedback(d.feedback);
    }

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder account(String account) {
      this.account = account;
      return this;
    }

    public Builder owner(String owner) {
      this.owner = owner;
      return this;
    }

    public Builder team(String team) {
      this.team = team;
      return this;
    }

    public Builder segment(String segment) {
      this.segment = segment;
      return this;
    }

    public Builder stage(String stage) {
      this.stage = stage;
      return this;
    }

    public Builder stageHistory(List<StageChange> stageHistory) {
      this.stageHistory = copyOf(stageHistory);
      return this;
    }

    public Builder addStageChange(String stage, Instant enteredAt) {
      stageHistory.add(new StageChange(stage, enteredAt));
      return this;
    }

    public Builder amount(BigDecimal amount) {
      this.amount = amount;
      return this;
    }

    public Builder currency(String currency) {
      this.currency = currency;
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder closeDate(LocalDate closeDate) {
      this.closeDate = closeDate;
      return this;
    }

    public Builder closeDateHistory(List<CloseDateChange> closeDateHistory) {
      this.closeDateHistory = copyOf(closeDateHistory);
      return this;
    }

    public Builder addCloseDateChange(LocalDate from, LocalDate to, Instant changedAt) {
      closeDateHistory.add(new CloseDateChange(from, to, changedAt));
      return this;
    }

    public Builder leadSource(String leadSource) {
      this.leadSource = leadSource;
      return this;
    }

    public Builder mqlAt(Instant mqlAt) {
      this.mqlAt = mqlAt;
      return this;
    }

    public Builder sqlAt(Instant sqlAt) {
      this.sqlAt = sqlAt;
      return this;
    }

    public Builder assignedAt(Instant assignedAt) {
      this.assignedAt = assignedAt;
      return this;
    }

    public Builder probability(BigDecimal probability) {
      this.probability = probability;
      return this;
    }

    public Builder forecastCategory(ForecastCategory forecastCategory) {
      this.forecastCategory = forecastCategory;
      return this;
    }

    public Builder contacts(List<Contact> contacts) {
      this.contacts = copyOf(contacts);
      return this;
    }

    public Builder addContact(Contact contact) {
      contacts.add(contact);
      return this;
    }

    public Builder activities(List<Activity> activities) {
      this.activities = copyOf(activities);
      return this;
    }

    public Builder addActivity(Activity activity) {
      activities.add(activity);
      return this;
    }

    public Builder nextSteps(List<NextStep> nextSteps) {
      this.nextSteps = copyOf(nextSteps);
      return this;
    }

    public Builder addNextStep(NextStep nextStep) {
      nextSteps.add(nextStep);
      return this;
    }

    public Builder evidence(Map<String, Evidence> evidence) {
      this.evidence = copyOf(evidence);
      return this;
    }

    public Builder putEvidence(String key, Evidence value) {
      evidence.put(key, value);
      return this;
    }

    public Builder custom(Map<String, CustomValue> custom) {
      this.custom = copyOf(custom);
      return this;
    }

    public Builder putCustom(String name, CustomValue value) {
      custom.put(name, value);
      return this;
    }

    public Builder feedback(List<Feedback> feedback) {
      this.feedback = copyOf(feedback);
      return this;
    }

    public Builder addFeedback(Feedback feedback) {
      this.feedback.add(feedback);
      return this;
    }

    private static <T> List<T> copyOf(List<T> list) {
      return list == null ? new ArrayList<>() : new ArrayList<>(list);
    }

    private static <V> Map<String, V> copyOf(Map<String, V> map) {
      return map == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map);
    }

    public Deal build() {
      return new Deal(
          id,
          name,
          account,
          owner,
          team,
          segment,
          stage,
          stageHistory,
          amount,
          currency,
          createdAt,
          closeDate,
          closeDateHistory,
          leadSource,
          mqlAt,
          sqlAt,
          assignedAt,
          probability,
          forecastCategory,
          contacts,
          activities,
          nextSteps,
          evidence,
          custom,
          feedback);
    }
  }
}
