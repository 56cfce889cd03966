package dev.playbook.insights.trail;

import dev.playbook.insights.trail.Trail.Activity;
import dev.playbook.insights.trail.Trail.CloseChange;
import dev.playbook.insights.trail.Trail.Contact;
import dev.playbook.insights.trail.Trail.NextStep;
import dev.playbook.insights.trail.Trail.StageStep;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a Salesforce Data Export folder: one CSV file per object with the standard API field
 * names, 18-character ids, {@code CurrencyIsoCode} on every money record, and a few rows with
 * {@code IsDeleted = true} (records in the recycle bin, which belong to no deal of the book).
 * Custom fields end in {@code __c}: {@code Segment__c}, {@code Product__c}, {@code MQL_Date__c},
 * {@code SQL_Date__c} on Opportunity, {@code Level__c} on Contact, {@code Is_Next_Step__c} and
 * {@code Buyer_Commitment__c} on Task, {@code Meeting_Outcome__c} on Event.
 */
final class SalesforceWriter implements TrailWriter {

  static final Map<String, String> STAGE_NAMES =
      Map.of(
          "prospecting",
          "Prospecting",
          "qualification",
          "Qualification",
          "discovery",
          "Needs Analysis",
          "proposal",
          "Proposal/Price Quote",
          "negotiation",
          "Negotiation/Review",
          "closed_won",
          "Closed Won",
          "closed_lost",
          "Closed Lost");
  static final Map<String, String> ROLES =
      Map.of(
          "economic_buyer",
          "Economic Buyer",
          "decision_maker",
          "Decision Maker",
          "champion",
          "Champion",
          "technical",
          "Technical Buyer",
          "user",
          "Business User",
          "influencer",
          "Influencer",
          "coach",
          "Evaluator",
          "blocker",
          "Blocker");
  private static final Map<String, String> LEVELS =
      Map.of("high", "Primary", "medium", "Secondary", "low", "Tertiary");
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'.000Z'").withZone(ZoneOffset.UTC);

  static final List<String> OPPORTUNITY =
      List.of(
          "Id",
          "IsDeleted",
          "AccountId",
          "Name",
          "Description",
          "StageName",
          "Amount",
          "Probability",
          "ExpectedRevenue",
          "CloseDate",
          "Type",
          "NextStep",
          "LeadSource",
          "IsClosed",
          "IsWon",
          "ForecastCategory",
          "ForecastCategoryName",
          "CurrencyIsoCode",
          "OwnerId",
          "CreatedDate",
          "CreatedById",
          "LastModifiedDate",
          "LastModifiedById",
          "SystemModstamp",
          "LastActivityDate",
          "Segment__c",
          "Product__c",
          "MQL_Date__c",
          "SQL_Date__c");
  static final List<String> ACCOUNT =
      List.of(
          "Id",
          "IsDeleted",
          "Name",
          "Type",
          "Industry",
          "BillingCountry",
          "NumberOfEmployees",
          "Website",
          "OwnerId",
          "CurrencyIsoCode",
          "CreatedDate",
          "CreatedById");
  static final List<String> USER =
      List.of(
          "Id",
          "Username",
          "FirstName",
          "LastName",
          "Name",
          "Email",
          "IsActive",
          "Title",
          "Department",
          "ManagerId",
          "TimeZoneSidKey",
          "DefaultCurrencyIsoCode",
          "CreatedDate");
  static final List<String> CONTACT =
      List.of(
          "Id",
          "IsDeleted",
          "AccountId",
          "FirstName",
          "LastName",
          "Name",
          "Title",
          "Email",
          "Phone",
          "OwnerId",
          "Level__c",
          "CurrencyIsoCode",
          "CreatedDate",
          "CreatedById",
          "LastActivityDate");
  static final List<String> CONTACT_ROLE =
      List.of(
          "Id",
          "IsDeleted",
          "OpportunityId",
          "ContactId",
          "Role",
          "IsPrimary",
          "CreatedDate",
          "CreatedById",
          "LastModifiedDate");
  static final List<String> TASK =
      List.of(
          "Id",
          "IsDeleted",
          "WhoId",
          "WhatId",
          "Subject",
          "ActivityDate",
          "Status",
          "Priority",
          "IsClosed",
          "OwnerId",
          "Description",
          "Type",
          "TaskSubtype",
          "CallType",
          "CallDisposition",
          "CallDurationInSeconds",
          "CompletedDateTime",
          "Is_Next_Step__c",
          "Buyer_Commitment__c",
          "CreatedDate",
          "CreatedById",
          "LastModifiedDate",
          "SystemModstamp");
  static final List<String> EVENT =
      List.of(
          "Id",
          "IsDeleted",
          "WhoId",
          "WhatId",
          "Subject",
          "Location",
          "IsAllDayEvent",
          "ActivityDateTime",
          "ActivityDate",
          "DurationInMinutes",
          "StartDateTime",
          "EndDateTime",
          "Description",
          "OwnerId",
          "Type",
          "EventSubtype",
          "ShowAs",
          "Meeting_Outcome__c",
          "CreatedDate",
          "CreatedById",
          "LastModifiedDate",
          "SystemModstamp");
  static final List<String> OPPORTUNITY_HISTORY =
      List.of(
          "Id",
          "IsDeleted",
          "OpportunityId",
          "StageName",
          "Amount",
          "ExpectedRevenue",
          "CloseDate",
          "Probability",
          "ForecastCategory",
          "CurrencyIsoCode",
          "CreatedById",
          "CreatedDate",
          "SystemModstamp");
  static final List<String> FIELD_HISTORY =
      List.of(
          "Id",
          "IsDeleted",
          "OpportunityId",
          "Field",
          "DataType",
          "OldValue",
          "NewValue",
          "CreatedById",
          "CreatedDate");

  /**
   * One in this many deals has a deleted twin opportunity; one in this many tasks a deleted twin.
   */
  static final int DELETED_OPPORTUNITY_EVERY = 211;

  static final int DELETED_TASK_EVERY = 199;

  private final CsvTable opportunities;
  private final CsvTable accounts;
  private final CsvTable users;
  private final CsvTable contacts;
  private final CsvTable contactRoles;
  private final CsvTable tasks;
  private final CsvTable events;
  private final CsvTable history;
  private final CsvTable fieldHistory;
  private long taskNo;
  private long eventNo;
  private long roleNo;
  private long historyNo;
  private long fieldHistoryNo;
  private long taskRows;

  SalesforceWriter(Path folder) throws IOException {
    opportunities = new CsvTable(folder, "Opportunity.csv", OPPORTUNITY);
    accounts = new CsvTable(folder, "Account.csv", ACCOUNT);
    users = new CsvTable(folder, "User.csv", USER);
    contacts = new CsvTable(folder, "Contact.csv", CONTACT);
    contactRoles = new CsvTable(folder, "OpportunityContactRole.csv", CONTACT_ROLE);
    tasks = new CsvTable(folder, "Task.csv", TASK);
    events = new CsvTable(folder, "Event.csv", EVENT);
    history = new CsvTable(folder, "OpportunityHistory.csv", OPPORTUNITY_HISTORY);
    fieldHistory = new CsvTable(folder, "OpportunityFieldHistory.csv", FIELD_HISTORY);
  }

  static String userId(Roster.User u) {
    return SalesforceIds.id("005", u.index() + 1);
  }

  static String accountId(int index) {
    return SalesforceIds.id("001", index + 1);
  }

  static String opportunityId(int index) {
    return SalesforceIds.id("006", index + 1);
  }

  static String contactId(Trail d, int contact) {
    return SalesforceIds.id("003", d.index() * 8L + contact + 1);
  }

  @Override
  public void begin(Accounts book) throws IOException {
    Instant created = Planner.START.minus(Duration.ofDays(400));
    for (Roster.User u : Roster.USERS) {
      users.row(
          userId(u),
          u.email(),
          u.firstName(),
          u.lastName(),
          u.name(),
          u.email(),
          true,
          u.title(),
          u.team(),
          u.manager() < 0 ? null : userId(Roster.USERS.get(u.manager())),
          "Europe/London",
          "USD",
          time(created));
    }
    for (int i = 0; i < book.count(); i++) {
      Accounts.Account a = book.get(i);
      accounts.row(
          accountId(i),
          false,
          a.name(),
          "Prospect",
          a.industry(),
          a.country(),
          a.employees(),
          "https://www." + a.domain(),
          userId(Roster.REP_USERS.get(a.ownerRep())),
          a.currency(),
          time(created.plus(Duration.ofDays(i % 300))),
          userId(Roster.USERS.get(0)));
    }
  }

  @Override
  public void write(Trail d) throws IOException {
    String id = opportunityId(d.index());
    String owner = userId(d.owner());
    String accountId = accountId(d.account().index());
    Instant lastModified = d.closed() ? d.closedAt() : d.createdAt();
    for (Activity a : d.activities()) {
      lastModified = max(lastModified, a.occurredAt());
    }
    LocalDate lastActivity =
        d.activities().isEmpty()
            ? null
            : Planner.day(d.activities().get(d.activities().size() - 1).occurredAt());
    String nextStep =
        d.nextSteps().stream().filter(s -> !s.done()).map(NextStep::title).findFirst().orElse(null);
    opportunities.row(
        id,
        false,
        accountId,
        d.name(),
        null,
        STAGE_NAMES.get(d.stage()),
        d.amount(),
        d.probability(),
        expected(d.amount(), d.probability()),
        d.closeDate(),
        d.type(),
        nextStep,
        d.leadSource(),
        d.closed(),
        d.won(),
        forecast(d.forecastCategory()),
        forecastName(d.forecastCategory()),
        d.currency(),
        owner,
        time(d.createdAt()),
        owner,
        time(lastModified),
        owner,
        time(lastModified),
        lastActivity,
        d.segment(),
        d.product(),
        time(d.mqlAt()),
        time(d.sqlAt()));
    if (d.index() % DELETED_OPPORTUNITY_EVERY == DELETED_OPPORTUNITY_EVERY - 1) {
      // a duplicate the rep deleted: in the recycle bin, part of no deal
      opportunities.row(
          SalesforceIds.id("006", 50_000_000L + d.index()),
          true,
          accountId,
          d.name() + " (duplicate)",
          null,
          "Prospecting",
          d.amount(),
          10,
          expected(d.amount(), 10),
          d.closeDate(),
          d.type(),
          null,
          d.leadSource(),
          false,
          false,
          "Pipeline",
          "Pipeline",
          d.currency(),
          owner,
          time(d.createdAt()),
          owner,
          time(d.createdAt()),
          owner,
          time(d.createdAt()),
          null,
          d.segment(),
          d.product(),
          null,
          null);
    }

    for (Contact c : d.contacts()) {
      String cid = contactId(d, c.index());
      contacts.row(
          cid,
          false,
          accountId,
          c.firstName(),
          c.lastName(),
          c.name(),
          c.title(),
          email(c, d),
          "+1 555 01" + String.format("%02d", (d.index() * 7 + c.index()) % 100),
          owner,
          LEVELS.get(c.power()),
          d.currency(),
          time(d.createdAt()),
          owner,
          c.lastEngagedAt() == null ? null : Planner.day(c.lastEngagedAt()));
      boolean first = true;
      for (String role : c.roles()) {
        contactRoles.row(
            SalesforceIds.id("00K", ++roleNo),
            false,
            id,
            cid,
            ROLES.get(role),
            c.primary() && first,
            time(d.createdAt()),
            owner,
            time(d.createdAt()));
        first = false;
      }
    }

    for (Activity a : d.activities()) {
      String who = a.contact() < 0 ? null : contactId(d, a.contact());
      String body = a.transcript() == null ? a.body() : a.body() + "\n\n" + a.transcript();
      switch (a.type()) {
        case "meeting", "demo" -> {
          Instant end = a.occurredAt().plus(Duration.ofMinutes(a.durationMinutes()));
          events.row(
              SalesforceIds.id("00U", ++eventNo),
              false,
              who,
              id,
              a.subject(),
              a.type().equals("demo") ? "Video call" : "Customer office",
              false,
              time(a.occurredAt()),
              Planner.day(a.occurredAt()),
              a.durationMinutes(),
              time(a.occurredAt()),
              time(end),
              a.body(),
              owner,
              a.type().equals("demo") ? "Demo" : "Meeting",
              "Event",
              "Busy",
              meetingOutcome(a.outcome()),
              time(a.occurredAt()),
              owner,
              time(end),
              time(end));
        }
        case "call" ->
            task(
                a.occurredAt(),
                false,
                who,
                id,
                a.subject(),
                "Completed",
                body,
                "Call",
                "Call",
                a.direction().equals("inbound") ? "Inbound" : "Outbound",
                a.disposition(),
                a.durationMinutes() * 60,
                false,
                false,
                owner);
        case "email" ->
            task(
                a.occurredAt(),
                false,
                who,
                id,
                (a.direction().equals("inbound") ? "← Email: " : "Email: ") + a.subject(),
                "Completed",
                a.body(),
                "Email",
                "Email",
                null,
                null,
                null,
                false,
                false,
                owner);
        case "note" ->
            task(
                a.occurredAt(),
                false,
                who,
                id,
                "Note: " + a.subject(),
                "Completed",
                a.body(),
                "Other",
                "Task",
                null,
                null,
                null,
                false,
                false,
                owner);
        default ->
            task(
                a.occurredAt(),
                false,
                who,
                id,
                a.subject(),
                "Completed",
                a.body(),
                "Other",
                "Task",
                null,
                null,
                null,
                false,
                false,
                owner);
      }
    }
    for (NextStep s : d.nextSteps()) {
      Instant at = s.createdAt();
      String who = d.contacts().isEmpty() ? null : contactId(d, 0);
      taskRows++;
      String tid = SalesforceIds.id("00T", ++taskNo);
      Instant completed =
          s.done()
              ? s.due().atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(15))
              : null;
      tasks.row(
          tid,
          false,
          who,
          id,
          s.title(),
          s.due(),
          s.done() ? "Completed" : "Not Started",
          "Normal",
          s.done(),
          owner,
          null,
          "Other",
          "Task",
          null,
          null,
          null,
          time(completed),
          true,
          s.buyerCommitment(),
          time(at),
          owner,
          time(completed != null ? completed : at),
          time(completed != null ? completed : at));
    }

    TreeMap<Instant, String[]> changes = new TreeMap<>();
    for (int i = 0; i < d.stages().size(); i++) {
      StageStep s = d.stages().get(i);
      changes.put(
          s.enteredAt(),
          new String[] {"stage", s.stage(), i == 0 ? null : d.stages().get(i - 1).stage()});
    }
    for (int i = 1; i < d.closeChanges().size(); i++) {
      CloseChange c = d.closeChanges().get(i);
      Instant at = c.changedAt();
      while (changes.containsKey(at)) {
        at = at.plusSeconds(1);
      }
      changes.put(at, new String[] {"close", c.to().toString(), c.from().toString()});
    }
    String stage = d.stages().get(0).stage();
    LocalDate close = d.closeChanges().get(0).to();
    boolean created = true;
    for (Map.Entry<Instant, String[]> e : changes.entrySet()) {
      String[] ev = e.getValue();
      Instant at = e.getKey();
      if (ev[0].equals("stage")) {
        stage = ev[1];
      } else {
        close = LocalDate.parse(ev[1]);
      }
      int probability = probability(stage);
      history.row(
          SalesforceIds.id("008", ++historyNo),
          false,
          id,
          STAGE_NAMES.get(stage),
          d.amount(),
          expected(d.amount(), probability),
          close,
          probability,
          forecastFor(stage),
          d.currency(),
          owner,
          time(at),
          time(at));
      if (created) {
        fieldHistory.row(
            SalesforceIds.id("017", ++fieldHistoryNo),
            false,
            id,
            "created",
            "Text",
            null,
            null,
            owner,
            time(at));
        created = false;
      } else if (ev[0].equals("stage")) {
        fieldHistory.row(
            SalesforceIds.id("017", ++fieldHistoryNo),
            false,
            id,
            "StageName",
            "Picklist",
            STAGE_NAMES.get(ev[2]),
            STAGE_NAMES.get(ev[1]),
            owner,
            time(at));
      } else {
        fieldHistory.row(
            SalesforceIds.id("017", ++fieldHistoryNo),
            false,
            id,
            "CloseDate",
            "Date",
            ev[2],
            ev[1],
            owner,
            time(at));
      }
    }
  }

  private void task(
      Instant at,
      boolean deleted,
      String who,
      String what,
      String subject,
      String status,
      String body,
      String type,
      String subtype,
      String callType,
      String disposition,
      Integer seconds,
      boolean nextStep,
      boolean commitment,
      String owner)
      throws IOException {
    taskRows++;
    tasks.row(
        SalesforceIds.id("00T", ++taskNo),
        deleted,
        who,
        what,
        subject,
        Planner.day(at),
        status,
        "Normal",
        true,
        owner,
        body,
        type,
        subtype,
        callType,
        disposition,
        seconds,
        time(at),
        nextStep,
        commitment,
        time(at),
        owner,
        time(at),
        time(at));
    if (!deleted && taskRows % DELETED_TASK_EVERY == 0) {
      // a task logged twice and the copy deleted
      task(
          at,
          true,
          who,
          what,
          subject,
          status,
          body,
          type,
          subtype,
          callType,
          disposition,
          seconds,
          nextStep,
          commitment,
          owner);
    }
  }

  private static String email(Contact c, Trail d) {
    return (c.firstName() + "." + c.lastName()).toLowerCase(java.util.Locale.ROOT)
        + "@"
        + d.account().domain();
  }

  private static BigDecimal expected(BigDecimal amount, int probability) {
    return amount
        .multiply(BigDecimal.valueOf(probability))
        .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
  }

  static int probability(String stage) {
    return switch (stage) {
      case "prospecting" -> 10;
      case "qualification" -> 20;
      case "discovery" -> 40;
      case "proposal" -> 60;
      case "negotiation" -> 80;
      case "closed_won" -> 100;
      default -> 0;
    };
  }

  private static String forecastFor(String stage) {
    return switch (stage) {
      case "proposal" -> "BestCase";
      case "negotiation" -> "Commit";
      case "closed_won" -> "Closed";
      case "closed_lost" -> "Omitted";
      default -> "Pipeline";
    };
  }

  private static String forecast(String category) {
    return switch (category) {
      case "best_case" -> "BestCase";
      case "commit" -> "Commit";
      case "closed" -> "Closed";
      case "omitted" -> "Omitted";
      default -> "Pipeline";
    };
  }

  private static String forecastName(String category) {
    return switch (category) {
      case "best_case" -> "Best Case";
      case "commit" -> "Commit";
      case "closed" -> "Closed";
      case "omitted" -> "Omitted";
      default -> "Pipeline";
    };
  }

  private static String meetingOutcome(String outcome) {
    return switch (outcome) {
      case "no_show" -> "No Show";
      case "rescheduled" -> "Rescheduled";
      case "advance" -> "Held - Advanced";
      default -> "Held";
    };
  }

  static String time(Instant at) {
    return at == null ? null : DATE_TIME.format(at);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  @Override
  public Map<String, Long> rows() {
    Map<String, Long> out = new TreeMap<>();
    CsvTable.count(
        out,
        opportunities,
        accounts,
        users,
        contacts,
        contactRoles,
        tasks,
        events,
        history,
        fieldHistory);
    return out;
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (CsvTable t :
        List.of(
            opportunities,
            accounts,
            users,
            contacts,
            contactRoles,
            tasks,
            events,
            history,
            fieldHistory)) {
      try {
        t.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
