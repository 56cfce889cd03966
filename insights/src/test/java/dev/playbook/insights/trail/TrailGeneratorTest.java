package dev.playbook.insights.trail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.playbook.Deals;
import dev.playbook.model.Deal;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrailGeneratorTest {

  @TempDir Path dir;

  private TrailSummary generate(long seed, int deals, TrailFormat format, String folder)
      throws IOException {
    return TrailGenerator.withSeed(seed).generate(deals, format, dir.resolve(folder), n -> {});
  }

  private static Map<String, byte[]> files(Path folder) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        out.put(folder.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return out;
  }

  @Test
  void generate_sameSeed_writesByteIdenticalFilesInEveryFormat() throws IOException {
    for (TrailFormat f : TrailFormat.values()) {
      generate(42, 400, f, f.id() + "-1");
      generate(42, 400, f, f.id() + "-2");
      generate(43, 400, f, f.id() + "-3");

      Map<String, byte[]> first = files(dir.resolve(f.id() + "-1"));
      Map<String, byte[]> second = files(dir.resolve(f.id() + "-2"));
      Map<String, byte[]> other = files(dir.resolve(f.id() + "-3"));
      assertThat(second.keySet()).isEqualTo(first.keySet());
      for (String name : first.keySet()) {
        assertThat(second.get(name)).as("%s %s", f, name).isEqualTo(first.get(name));
      }
      assertThat(other.get(first.keySet().iterator().next()))
          .isNotEqualTo(first.get(first.keySet().iterator().next()));
    }
  }

  @Test
  void generate_aDealDependsOnlyOnTheSeedAndItsNumber() throws IOException {
    // what keeps memory bounded: no state is carried from one deal to the next
    generate(5, 3000, TrailFormat.JSONL, "book");
    List<String> lines = Files.readAllLines(dir.resolve("book/deals.jsonl"));
    Path alone = Files.createDirectories(dir.resolve("alone"));

    try (JsonlWriter w = new JsonlWriter(alone)) {
      w.write(TrailGenerator.withSeed(5).plan(3000, 2345));
    }

    assertThat(Files.readString(alone.resolve("deals.jsonl"))).isEqualTo(lines.get(2345) + "\n");
  }

  @Test
  void generate_jsonl_isReadByDealsWithoutAProblem() throws IOException {
    TrailSummary s = generate(9, 2000, TrailFormat.JSONL, "book");

    List<Deal> deals = Deals.read(dir.resolve("book/deals.jsonl"));

    assertThat(deals).hasSize(2000);
    assertThat(s.rows()).containsExactly(Map.entry("deals.jsonl", 2000L));
    assertThat(s.won() + s.lost() + s.open()).isEqualTo(2000);
    assertThat(deals.stream().mapToLong(d -> d.activities().size()).sum())
        .isEqualTo(s.activities());
    assertThat(deals.stream().filter(d -> d.stage().equals("closed_won")).count())
        .isEqualTo(s.won());
    assertThat(deals.stream().map(Deal::segment).distinct().sorted().toList())
        .containsExactly("enterprise", "mid_market", "smb");
    assertThat(
            deals.stream()
                .filter(d -> d.owner().equals(TrailGenerator.NO_NEXT_STEPS_REP))
                .allMatch(d -> d.nextSteps().isEmpty()))
        .isTrue();
    assertThat(
            deals.stream()
                .filter(
                    d ->
                        !d.owner().equals(TrailGenerator.NO_NEXT_STEPS_REP)
                            && d.stage().startsWith("closed_"))
                .allMatch(d -> !d.nextSteps().isEmpty()))
        .isTrue();
    assertThat(s.activities() / 2000.0).isBetween(8.0, 14.0);
  }

  @Test
  void generate_salesforce_standardFieldsIdsAndVocabularies() throws IOException {
    TrailSummary s = generate(3, 1500, TrailFormat.SALESFORCE, "sf");
    Path sf = dir.resolve("sf");

    assertThat(s.rows().keySet())
        .containsExactly(
            "Account.csv",
            "Contact.csv",
            "Event.csv",
            "Opportunity.csv",
            "OpportunityContactRole.csv",
            "OpportunityFieldHistory.csv",
            "OpportunityHistory.csv",
            "Task.csv",
            "User.csv");
    assertThat(header(sf.resolve("Opportunity.csv")))
        .isEqualTo(SalesforceWriter.OPPORTUNITY)
        .startsWith("Id", "IsDeleted", "AccountId", "Name", "Description", "StageName", "Amount");
    assertThat(header(sf.resolve("Task.csv")))
        .contains(
            "WhoId",
            "WhatId",
            "Type",
            "TaskSubtype",
            "CallType",
            "CallDisposition",
            "CallDurationInSeconds",
            "ActivityDate",
            "Status");
    assertThat(header(sf.resolve("OpportunityContactRole.csv")))
        .containsExactly(
            "Id",
            "IsDeleted",
            "OpportunityId",
            "ContactId",
            "Role",
            "IsPrimary",
            "CreatedDate",
            "CreatedById",
            "LastModifiedDate");
    assertThat(header(sf.resolve("OpportunityFieldHistory.csv")))
        .containsExactly(
            "Id",
            "IsDeleted",
            "OpportunityId",
            "Field",
            "DataType",
            "OldValue",
            "NewValue",
            "CreatedById",
            "CreatedDate");

    List<CSVRecord> opps = records(sf.resolve("Opportunity.csv"));
    Set<String> oppIds = ids(opps);
    Set<String> live = new HashSet<>();
    for (CSVRecord r : opps) {
      if (r.get("IsDeleted").equals("false")) {
        live.add(r.get("Id"));
      }
    }
    assertThat(live).hasSize(1500);
    assertThat(opps).hasSize(1500 + 1500 / SalesforceWriter.DELETED_OPPORTUNITY_EVERY);
    assertThat(values(opps, "StageName"))
        .containsExactly(
            "Closed Lost",
            "Closed Won",
            "Needs Analysis",
            "Negotiation/Review",
            "Proposal/Price Quote",
            "Prospecting",
            "Qualification");
    assertThat(values(opps, "CurrencyIsoCode")).containsExactly("BRL", "EUR", "GBP", "JPY", "USD");
    assertThat(values(opps, "ForecastCategoryName"))
        .containsExactly("Best Case", "Closed", "Commit", "Omitted", "Pipeline");
    for (String id : oppIds) {
      assertThat(id)
          .hasSize(18)
          .startsWith("006")
          .isEqualTo(SalesforceIds.to18(id.substring(0, 15)));
    }

    List<CSVRecord> tasks = records(sf.resolve("Task.csv"));
    assertThat(values(tasks, "Type")).containsExactly("Call", "Email", "Other");
    assertThat(values(tasks, "TaskSubtype")).containsExactly("Call", "Email", "Task");
    assertThat(values(tasks, "CallType")).containsExactly("", "Inbound", "Outbound");
    assertThat(values(tasks, "CallDisposition"))
        .containsExactly("", "Busy", "Connected", "Left voicemail", "No answer");
    assertThat(values(tasks, "Status")).containsExactly("Completed", "Not Started");
    assertThat(values(tasks, "IsDeleted")).containsExactly("false", "true");
    assertThat(tasks.stream().filter(r -> r.get("Description").contains("\n")).count())
        .isPositive();
    Set<String> contactIds = ids(records(sf.resolve("Contact.csv")));
    for (CSVRecord r : tasks) {
      assertThat(oppIds).contains(r.get("WhatId"));
      assertThat(r.get("WhoId").isEmpty() || contactIds.contains(r.get("WhoId"))).isTrue();
    }
    List<CSVRecord> events = records(sf.resolve("Event.csv"));
    assertThat(values(events, "Type")).containsExactly("Demo", "Meeting");
    assertThat(events).allSatisfy(r -> assertThat(live).contains(r.get("WhatId")));
    assertThat(values(records(sf.resolve("OpportunityContactRole.csv")), "Role"))
        .containsExactly(
            "Blocker",
            "Business User",
            "Champion",
            "Decision Maker",
            "Economic Buyer",
            "Evaluator",
            "Influencer",
            "Technical Buyer");
    assertThat(values(records(sf.resolve("OpportunityFieldHistory.csv")), "Field"))
        .containsExactly("CloseDate", "StageName", "created");
    List<CSVRecord> users = records(sf.resolve("User.csv"));
    assertThat(users).hasSize(29);
    assertThat(values(users, "Department"))
        .containsExactly("", "Central", "East", "Strategic", "West");
    assertThat(s.activities())
        .isEqualTo(
            events.size()
                + tasks.stream()
                    .filter(
                        r ->
                            r.get("IsDeleted").equals("false")
                                && r.get("Is_Next_Step__c").equals("false"))
                    .count());
  }

  @Test
  void generate_hubspot_internalNamesEpochMillisAndDefaultPipeline() throws IOException {
    TrailSummary s = generate(3, 1500, TrailFormat.HUBSPOT, "hs");
    Path hs = dir.resolve("hs");

    assertThat(s.rows().keySet())
        .containsExactly(
            "associations/call_contact.csv",
            "associations/call_deal.csv",
            "associations/contact_company.csv",
            "associations/deal_company.csv",
            "associations/deal_contact.csv",
            "associations/email_contact.csv",
            "associations/email_deal.csv",
            "associations/meeting_contact.csv",
            "associations/meeting_deal.csv",
            "associations/note_deal.csv",
            "associations/task_contact.csv",
            "associations/task_deal.csv",
            "calls.csv",
            "companies.csv",
            "contacts.csv",
            "deals.csv",
            "deals_property_history.csv",
            "emails.csv",
            "meetings.csv",
            "notes.csv",
            "owners.csv",
            "tasks.csv");
    List<CSVRecord> deals = records(hs.resolve("deals.csv"));
    assertThat(header(hs.resolve("deals.csv")))
        .startsWith(
            "hs_object_id",
            "dealname",
            "pipeline",
            "dealstage",
            "amount",
            "deal_currency_code",
            "closedate",
            "createdate")
        .contains("hs_date_entered_closedwon");
    assertThat(values(deals, "dealstage")).isSubsetOf(HubspotWriter.PIPELINE).hasSize(7);
    assertThat(values(deals, "pipeline")).containsExactly("default");
    assertThat(deals).allSatisfy(r -> assertThat(r.get("createdate")).matches("1[0-9]{12}"));
    List<CSVRecord> calls = records(hs.resolve("calls.csv"));
    assertThat(values(calls, "hs_call_direction")).containsExactly("INBOUND", "OUTBOUND");
    assertThat(values(calls, "hs_call_disposition"))
        .isEqualTo(new TreeSet<>(HubspotWriter.DISPOSITIONS.values()));
    assertThat(calls).allSatisfy(r -> assertThat(r.get("hs_timestamp")).matches("1[0-9]{12}"));
    assertThat(values(records(hs.resolve("emails.csv")), "hs_email_direction"))
        .containsExactly("EMAIL", "INCOMING_EMAIL");
    assertThat(values(records(hs.resolve("meetings.csv")), "hs_meeting_outcome"))
        .containsExactly("COMPLETED", "NO_SHOW", "RESCHEDULED");
    assertThat(values(records(hs.resolve("contacts.csv")), "hs_buying_role"))
        .contains("BUDGET_HOLDER", "CHAMPION", "BUDGET_HOLDER;CHAMPION", "END_USER");
    Set<String> dealIds = ids(deals);
    Set<String> callIds = ids(calls);
    for (CSVRecord r : records(hs.resolve("associations/call_deal.csv"))) {
      assertThat(callIds).contains(r.get("fromObjectId"));
      assertThat(dealIds).contains(r.get("toObjectId"));
      assertThat(r.get("associationTypeId")).isEqualTo("206");
    }
    long engagements =
        Stream.of("calls.csv", "emails.csv", "meetings.csv", "notes.csv")
            .mapToLong(f -> s.rows().get(f))
            .sum();
    long taskActivities =
        records(hs.resolve("tasks.csv")).stream()
            .filter(r -> r.get("is_next_step").equals("false"))
            .count();
    assertThat(engagements + taskActivities).isEqualTo(s.activities());
  }

  @Test
  void generate_badArguments_areRefusedWithTheReason() throws IOException {
    TrailGenerator g = TrailGenerator.withSeed(1);
    Path full = Files.createDirectories(dir.resolve("full"));
    Files.writeString(full.resolve("x.txt"), "x");

    assertThatThrownBy(() -> g.generate(0, TrailFormat.JSONL, dir.resolve("a"), n -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("deals was set to 0, must be 1 to 10000000");
    assertThatThrownBy(() -> g.generate(10, TrailFormat.JSONL, full, n -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(full + " is not empty; the book is written into a new or empty folder");
    assertThatThrownBy(() -> g.generate(10, TrailFormat.JSONL, full.resolve("x.txt"), n -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(full.resolve("x.txt") + " is a file, not a folder");
  }

  @Test
  void generate_reportsProgressEveryTenThousandDealsAndAtTheEnd() throws IOException {
    List<Long> seen = new ArrayList<>();

    TrailGenerator.withSeed(2).generate(25_000, TrailFormat.JSONL, dir.resolve("p"), seen::add);

    assertThat(seen).containsExactly(10_000L, 20_000L, 25_000L);
  }

  static List<String> header(Path csv) throws IOException {
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        CSVParser p =
            CSVParser.builder()
                .setReader(in)
                .setFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())
                .get()) {
      return p.getHeaderNames();
    }
  }

  static List<CSVRecord> records(Path csv) throws IOException {
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        CSVParser p =
            CSVParser.builder()
                .setReader(in)
                .setFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())
                .get()) {
      return p.getRecords();
    }
  }

  private static Set<String> values(List<CSVRecord> records, String column) {
    Set<String> out = new TreeSet<>();
    records.forEach(r -> out.add(r.get(column)));
    return out;
  }

  private static Set<String> ids(List<CSVRecord> records) {
    Set<String> out = new HashSet<>();
    records.forEach(r -> out.add(r.get(0)));
    return out;
  }
}
