package dev.playbook.insights.trail;

import dev.playbook.insights.trail.Trail.Activity;
import dev.playbook.insights.trail.Trail.CloseChange;
import dev.playbook.insights.trail.Trail.Contact;
import dev.playbook.insights.trail.Trail.NextStep;
import dev.playbook.insights.trail.Trail.StageStep;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a HubSpot export: one CSV file per object with HubSpot's internal property names, times as
 * milliseconds since the epoch, the default sales pipeline's stage ids, and association tables
 * ({@code fromObjectId}, {@code toObjectId}, {@code associationCategory}, {@code associationTypeId}
 * with HubSpot's defined type ids). Stage history is in each deal's {@code hs_date_entered_*}
 * properties and, with close-date changes, in {@code deals_property_history.csv}. Custom
 * properties: {@code segment} and {@code product} on deals, {@code is_next_step} and {@code
 * buyer_commitment} on tasks.
 */
final class HubspotWriter implements TrailWriter {

  static final Map<String, String> STAGE_IDS =
      Map.of(
          "prospecting",
          "appointmentscheduled",
          "qualification",
          "qualifiedtobuy",
          "discovery",
          "presentationscheduled",
          "proposal",
          "decisionmakerboughtin",
          "negotiation",
          "contractsent",
          "closed_won",
          "closedwon",
          "closed_lost",
          "closedlost");
  static final List<String> PIPELINE =
      List.of(
          "appointmentscheduled",
          "qualifiedtobuy",
          "presentationscheduled",
          "decisionmakerboughtin",
          "contractsent",
          "closedwon",
          "closedlost");
  static final Map<String, String> BUYING_ROLES =
      Map.of(
          "economic_buyer",
          "BUDGET_HOLDER",
          "decision_maker",
          "DECISION_MAKER",
          "champion",
          "CHAMPION",
          "technical",
          "OTHER",
          "user",
          "END_USER",
          "influencer",
          "INFLUENCER",
          "coach",
          "INFLUENCER",
          "blocker",
          "BLOCKER");

  /** HubSpot's default call dispositions and their ids. */
  static final Map<String, String> DISPOSITIONS =
      Map.of(
          "Busy",
          "9d9162e7-6cf3-4944-bf63-4dff82258764",
          "Connected",
          "f240bbac-87c9-4f6e-bf70-924b57d47db7",
          "Left voicemail",
          "b2cf5968-551e-4856-9783-52b3da59a7d0",
          "No answer",
          "73a0d17f-1163-4015-bdd5-ec830791da20");

  static final List<String> DEALS = deals();
  static final List<String> OWNERS =
      List.of("id", "email", "firstName", "lastName", "userId", "teams", "archived", "createdAt");
  static final List<String> COMPANIES =
      List.of(
          "hs_object_id",
          "name",
          "domain",
          "industry",
          "country",
          "numberofemployees",
          "hubspot_owner_id",
          "createdate");
  static final List<String> CONTACTS =
      List.of(
          "hs_object_id",
          "firstname",
          "lastname",
          "email",
          "jobtitle",
          "associatedcompanyid",
          "hs_buying_role",
          "hubspot_owner_id",
          "createdate",
          "notes_last_contacted");
  static final List<String> CALLS =
      List.of(
          "hs_object_id",
          "hs_timestamp",
          "hs_call_title",
          "hs_call_body",
          "hs_call_direction",
          "hs_call_disposition",
          "hs_call_duration",
          "hs_call_status",
          "hubspot_owner_id",
          "hs_createdate");
  static final List<String> EMAILS =
      List.of(
          "hs_object_id",
          "hs_timestamp",
          "hs_email_direction",
          "hs_email_subject",
          "hs_email_text",
          "hs_email_status",
          "hubspot_owner_id",
          "hs_createdate");
  static final List<String> MEETINGS =
      List.of(
          "hs_object_id",
          "hs_timestamp",
          "hs_meeting_title",
          "hs_meeting_body",
          "hs_meeting_start_time",
          "hs_meeting_end_time",
          "hs_meeting_outcome",
          "hs_activity_type",
          "hubspot_owner_id",
          "hs_createdate");
  static final List<String> NOTES =
      List.of("hs_object_id", "hs_timestamp", "hs_note_body", "hubspot_owner_id", "hs_createdate");
  static final List<String> TASKS =
      List.of(
          "hs_object_id",
          "hs_timestamp",
          "hs_task_subject",
          "hs_task_body",
          "hs_task_status",
          "hs_task_type",
          "hs_task_priority",
          "hs_task_completion_date",
          "is_next_step",
          "buyer_commitment",
          "hubspot_owner_id",
          "hs_createdate");
  static final List<String> HISTORY =
      List.of("hs_object_id", "property", "value", "timestamp", "source_type");
  static final List<String> ASSOCIATION =
      List.of("fromObjectId", "toObjectId", "associationCategory", "associationTypeId");

  /**
   * The deal-contact associations, with the portal's own association label: {@value #PRIMARY_LABEL}
   * on the primary contact, empty on the others.
   */
  static final List<String> DEAL_CONTACT =
      List.of(
          "fromObjectId",
          "toObjectId",
          "associationCategory",
          "associationTypeId",
          "associationLabel");

  /** The label a portal defines for a deal's primary contact (HubSpot has no built-in one). */
  static final String PRIMARY_LABEL = "Primary contact";

  private static List<String> deals() {
    List<String> out =
        new ArrayList<>(
            List.of(
                "hs_object_id",
                "dealname",
                "pipeline",
                "dealstage",
                "amount",
                "deal_currency_code",
                "closedate",
                "createdate",
                "hs_lastmodifieddate",
                "hubspot_owner_id",
                "dealtype",
                "hs_deal_stage_probability",
                "hs_manual_forecast_category",
                "hs_next_step",
                "hs_is_closed",
                "hs_is_closed_won",
                "closed_lost_reason",
                "hs_analytics_source",
                "segment",
                "product"));
    for (String s : PIPELINE) {
      out.add("hs_date_entered_" + s);
    }
    return List.copyOf(out);
  }

  private final CsvTable deals;
  private final CsvTable owners;
  private final CsvTable companies;
  private final CsvTable contacts;
  private final CsvTable calls;
  private final CsvTable emails;
  private final CsvTable meetings;
  private final CsvTable notes;
  private final CsvTable tasks;
  private final CsvTable history;
  private final CsvTable dealContact;
  private final CsvTable dealCompany;
  private final CsvTable contactCompany;
  private final CsvTable callDeal;
  private final CsvTable callContact;
  private final CsvTable emailDeal;
  private final CsvTable emailContact;
  private final CsvTable meetingDeal;
  private final CsvTable meetingContact;
  private final CsvTable noteDeal;
  private final CsvTable taskDeal;
  private final CsvTable taskContact;
  private final List<CsvTable> all;
  private long engagementNo;

  HubspotWriter(Path folder) throws IOException {
    deals = new CsvTable(folder, "deals.csv", DEALS);
    owners = new CsvTable(folder, "owners.csv", OWNERS);
    companies = new CsvTable(folder, "companies.csv", COMPANIES);
    contacts = new CsvTable(folder, "contacts.csv", CONTACTS);
    calls = new CsvTable(folder, "calls.csv", CALLS);
    emails = new CsvTable(folder, "emails.csv", EMAILS);
    meetings = new CsvTable(folder, "meetings.csv", MEETINGS);
    notes = new CsvTable(folder, "notes.csv", NOTES);
    tasks = new CsvTable(folder, "tasks.csv", TASKS);
    history = new CsvTable(folder, "deals_property_history.csv", HISTORY);
    dealContact = new CsvTable(folder, "associations/deal_contact.csv", DEAL_CONTACT);
    dealCompany = new CsvTable(folder, "associations/deal_company.csv", ASSOCIATION);
    contactCompany = new CsvTable(folder, "associations/contact_company.csv", ASSOCIATION);
    callDeal = new CsvTable(folder, "associations/call_deal.csv", ASSOCIATION);
    callContact = new CsvTable(folder, "associations/call_contact.csv", ASSOCIATION);
    emailDeal = new CsvTable(folder, "associations/email_deal.csv", ASSOCIATION);
    emailContact = new CsvTable(folder, "associations/email_contact.csv", ASSOCIATION);
    meetingDeal = new CsvTable(folder, "associations/meeting_deal.csv", ASSOCIATION);
    meetingContact = new CsvTable(folder, "associations/meeting_contact.csv", ASSOCIATION);
    noteDeal = new CsvTable(folder, "associations/note_deal.csv", ASSOCIATION);
    taskDeal = new CsvTable(folder, "associations/task_deal.csv", ASSOCIATION);
    taskContact = new CsvTable(folder, "associations/task_contact.csv", ASSOCIATION);
    all =
        List.of(
            deals,
            owners,
            companies,
            contacts,
            calls,
            emails,
            meetings,
            notes,
            tasks,
            history,
            dealContact,
            dealCompany,
            contactCompany,
            callDeal,
            callContact,
            emailDeal,
            emailContact,
            meetingDeal,
            meetingContact,
            noteDeal,
            taskDeal,
            taskContact);
  }

  static long ownerId(Roster.User u) {
    return 81_000_000L + u.index() + 1;
  }

  static long companyId(int index) {
    return 7_000_000_000L + index + 1;
  }

  static long dealId(int index) {
    return 9_000_000_000L + index + 1;
  }

  static long contactId(Trail d, int contact) {
    return 5_000_000_000L + d.index() * 8L + contact + 1;
  }

  @Override
  public void begin(Accounts book) throws IOException {
    long created = ms(Planner.START.minus(Duration.ofDays(400)));
    for (Roster.User u : Roster.USERS) {
      owners.row(
          ownerId(u),
          u.email(),
          u.firstName(),
          u.lastName(),
          4_100_000L + u.index() + 1,
          u.team() == null ? null : u.team(),
          false,
          created);
    }
    for (int i = 0; i < book.count(); i++) {
      Accounts.Account a = book.get(i);
      companies.row(
          companyId(i),
          a.name(),
          a.domain(),
          a.industry().toUpperCase(Locale.ROOT).replace(' ', '_'),
          a.country(),
          a.employees(),
          ownerId(Roster.REP_USERS.get(a.ownerRep())),
          created + i * 60_000L);
    }
  }

  @Override
  public void write(Trail d) throws IOException {
    long id = dealId(d.index());
    long owner = ownerId(d.owner());
    Instant lastModified = d.closed() ? d.closedAt() : d.createdAt();
    for (Activity a : d.activities()) {
      lastModified = a.occurredAt().isAfter(lastModified) ? a.occurredAt() : lastModified;
    }
    String nextStep =
        d.nextSteps().stream().filter(s -> !s.done()).map(NextStep::title).findFirst().orElse(null);
    String lostReason = null;
    if (!d.won() && d.closed()) {
      for (Activity a : d.activities()) {
        if (a.type().equals("note") && a.body().startsWith("Closed lost: ")) {
          lostReason = a.body().substring("Closed lost: ".length());
        }
      }
    }
    List<Object> row =
        new ArrayList<>(
            List.of(
                id,
                d.name(),
                "default",
                STAGE_IDS.get(d.stage()),
                d.amount(),
                d.currency(),
                ms(d.closeDate().atStartOfDay(ZoneOffset.UTC).toInstant()),
                ms(d.createdAt()),
                ms(lastModified),
                owner,
                d.type().equals("New Business") ? "newbusiness" : "existingbusiness",
                String.valueOf(SalesforceWriter.probability(d.stage()) / 100.0),
                forecast(d.forecastCategory()),
                nextStep == null ? "" : nextStep,
                d.closed(),
                d.won(),
                lostReason == null ? "" : lostReason,
                source(d.leadSource()),
                d.segment(),
                d.product()));
    for (String stageId : PIPELINE) {
      Instant at = null;
      for (StageStep s : d.stages()) {
        if (STAGE_IDS.get(s.stage()).equals(stageId)) {
          at = s.enteredAt();
        }
      }
      row.add(at == null ? "" : ms(at));
    }
    deals.row(row.toArray());
    dealCompany.row(id, companyId(d.account().index()), "HUBSPOT_DEFINED", 5);
    for (StageStep s : d.stages()) {
      history.row(id, "dealstage", STAGE_IDS.get(s.stage()), ms(s.enteredAt()), "CRM_UI");
    }
    for (CloseChange c : d.closeChanges()) {
      history.row(
          id,
          "closedate",
          ms(c.to().atStartOfDay(ZoneOffset.UTC).toInstant()),
          ms(c.changedAt()),
          "CRM_UI");
    }

    for (Contact c : d.contacts()) {
      long cid = contactId(d, c.index());
      List<String> roles = new ArrayList<>();
      for (String r : c.roles()) {
        String role = BUYING_ROLES.get(r);
        if (!roles.contains(role)) {
          roles.add(role);
        }
      }
      contacts.row(
          cid,
          c.firstName(),
          c.lastName(),
          (c.firstName() + "." + c.lastName()).toLowerCase(Locale.ROOT)
              + "@"
              + d.account().domain(),
          c.title(),
          companyId(d.account().index()),
          String.join(";", roles),
          owner,
          ms(d.createdAt()),
          c.lastEngagedAt() == null ? "" : ms(c.lastEngagedAt()));
      dealContact.row(id, cid, "HUBSPOT_DEFINED", 3, c.primary() ? PRIMARY_LABEL : null);
      contactCompany.row(cid, companyId(d.account().index()), "HUBSPOT_DEFINED", 1);
    }

    for (Activity a : d.activities()) {
      long eid = 40_000_000_000L + ++engagementNo;
      long at = ms(a.occurredAt());
      Long who = a.contact() < 0 ? null : contactId(d, a.contact());
      switch (a.type()) {
        case "call" -> {
          String body = a.transcript() == null ? a.body() : a.body() + "\n\n" + a.transcript();
          calls.row(
              eid,
              at,
              a.subject(),
              body,
              a.direction().toUpperCase(Locale.ROOT),
              DISPOSITIONS.get(a.disposition()),
              a.durationMinutes() * 60_000L,
              a.disposition().equals("Connected")
                  ? "COMPLETED"
                  : a.disposition().equals("Busy") ? "BUSY" : "NO_ANSWER",
              owner,
              at);
          associate(callDeal, callContact, eid, id, who, 206, 194);
        }
        case "email" -> {
          emails.row(
              eid,
              at,
              a.direction().equals("inbound") ? "INCOMING_EMAIL" : "EMAIL",
              a.subject(),
              a.body(),
              a.direction().equals("inbound") ? "" : "SENT",
              owner,
              at);
          associate(emailDeal, emailContact, eid, id, who, 210, 198);
        }
        case "meeting", "demo" -> {
          meetings.row(
              eid,
              at,
              a.subject(),
              a.body(),
              at,
              at + a.durationMinutes() * 60_000L,
              meetingOutcome(a.outcome()),
              a.type().equals("demo") ? "Demo" : "Meeting",
              owner,
              at);
          associate(meetingDeal, meetingContact, eid, id, who, 212, 200);
        }
        case "note" -> {
          notes.row(eid, at, a.body(), owner, at);
          associate(noteDeal, null, eid, id, who, 214, 0);
        }
        default -> {
          tasks.row(
              eid,
              at,
              a.subject(),
              a.body(),
              "COMPLETED",
              "TODO",
              "NONE",
              at,
              false,
              false,
              owner,
              at);
          associate(taskDeal, taskContact, eid, id, who, 216, 204);
        }
      }
    }
    for (NextStep s : d.nextSteps()) {
      long eid = 40_000_000_000L + ++engagementNo;
      long due = ms(s.due().atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(9)));
      tasks.row(
          eid,
          due,
          s.title(),
          "",
          s.done() ? "COMPLETED" : "NOT_STARTED",
          "TODO",
          "MEDIUM",
          s.done() ? String.valueOf(due) : "",
          true,
          s.buyerCommitment(),
          owner,
          ms(s.createdAt()));
      associate(
          taskDeal,
          taskContact,
          eid,
          id,
          d.contacts().isEmpty() ? null : contactId(d, 0),
          216,
          204);
    }
  }

  private static void associate(
      CsvTable toDeal,
      CsvTable toContact,
      long engagement,
      long deal,
      Long contact,
      int dealType,
      int contactType)
      throws IOException {
    toDeal.row(engagement, deal, "HUBSPOT_DEFINED", dealType);
    if (contact != null && toContact != null) {
      toContact.row(engagement, contact, "HUBSPOT_DEFINED", contactType);
    }
  }

  private static String forecast(String category) {
    return switch (category) {
      case "best_case" -> "BEST_CASE";
      case "commit" -> "COMMIT";
      case "closed" -> "CLOSED";
      case "omitted" -> "OMIT";
      default -> "PIPELINE";
    };
  }

  private static String source(String leadSource) {
    return switch (leadSource) {
      case "Web" -> "ORGANIC_SEARCH";
      case "Partner Referral" -> "REFERRALS";
      case "Advertisement" -> "PAID_SEARCH";
      default -> "OFFLINE";
    };
  }

  private static String meetingOutcome(String outcome) {
    return switch (outcome) {
      case "no_show" -> "NO_SHOW";
      case "rescheduled" -> "RESCHEDULED";
      default -> "COMPLETED";
    };
  }

  static long ms(Instant at) {
    return at.toEpochMilli();
  }

  static long ms(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  @Override
  public Map<String, Long> rows() {
    Map<String, Long> out = new TreeMap<>();
    CsvTable.count(out, all.toArray(CsvTable[]::new));
    return out;
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (CsvTable t : all) {
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
