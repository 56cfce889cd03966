package dev.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Playbook;
import dev.playbook.conversations.DealSignals;
import dev.playbook.conversations.PlaybookTrackers;
import dev.playbook.insights.CsvMapping;
import dev.playbook.insights.DealSource;
import dev.playbook.model.Activity;
import dev.playbook.model.Contact;
import dev.playbook.model.Deal;
import dev.playbook.result.Gap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From an export folder to a rule: the text a Salesforce export keeps on a task becomes tracker
 * hits on its activity, and the evaluation of the deal changes with them.
 */
class ExportBodySignalsTest {

  @TempDir Path dir;

  private void write(String file, String... lines) throws Exception {
    Files.writeString(
        dir.resolve(file), String.join("\r\n", lines) + "\r\n", StandardCharsets.UTF_8);
  }

  /** A one-opportunity Data Export folder with the columns the salesforce mapping reads. */
  private void export() throws Exception {
    write(
        "Opportunity.csv",
        "Id,IsDeleted,AccountId,Name,StageName,Amount,Probability,CloseDate,Type,NextStep,"
            + "LeadSource,IsClosed,IsWon,ForecastCategoryName,CurrencyIsoCode,OwnerId,CreatedDate,"
            + "Segment__c,Product__c,MQL_Date__c,SQL_Date__c",
        "0065g00000AbCdEAAV,false,0015g00000XyZaBAAV,Acme finance,Proposal/Price Quote,40000,60,"
            + "2026-12-15,New Business,Send the order form,Web,false,false,Pipeline,USD,"
            + "0055g00000RePaAAAV,2026-09-01T09:00:00.000Z,mid_market,Ledger,,");
    write("Account.csv", "Id,Name,Industry,BillingCountry", "0015g00000XyZaBAAV,Acme,Retail,US");
    write("User.csv", "Id,Name,Department", "0055g00000RePaAAAV,Maya Chen,Mid-Market East");
    write(
        "Contact.csv",
        "Id,Name,Title,Level__c,LastActivityDate",
        "0035g00000CoNaAAAV,Daniel Reed,CFO,Primary,2026-11-17",
        "0035g00000CoNbAAAV,Ana Ruiz,Controller,Secondary,2026-11-10");
    write(
        "OpportunityContactRole.csv",
        "Id,IsDeleted,OpportunityId,ContactId,Role,IsPrimary",
        "00K5g00000RoLaAAAV,false,0065g00000AbCdEAAV,0035g00000CoNbAAAV,Influencer,false",
        "00K5g00000RoLbAAAV,false,0065g00000AbCdEAAV,0035g00000CoNaAAAV,Economic Buyer,true");
    // the e-mail's body has the hazards of CSV: commas, quotes and line breaks inside the field
    write(
        "Task.csv",
        "Id,IsDeleted,WhoId,WhatId,Subject,ActivityDate,Status,OwnerId,Description,TaskSubtype,"
            + "CallType,CallDisposition,CallDurationInSeconds,CompletedDateTime,Is_Next_Step__c,"
            + "Buyer_Commitment__c",
        "00T5g00000TaSaAAAV,false,0035g00000CoNaAAAV,0065g00000AbCdEAAV,\"← Email: Re: pricing,"
            + " \"\"final\"\"\",2026-11-17,Completed,0055g00000RePaAAAV,\"Hi Maya,",
        "",
        "\"\"Good news\"\": the budget is approved, so we can sign this quarter.",
        "",
        "Best regards,",
        "Daniel\",Email,,,,2026-11-17T14:00:00.000Z,false,false",
        "00T5g00000TaSbAAAV,false,0035g00000CoNbAAAV,0065g00000AbCdEAAV,Call with Ana Ruiz,"
            + "2026-11-10,Completed,0055g00000RePaAAAV,Left a voicemail.,Call,Outbound,"
            + "Left voicemail,30,2026-11-10T10:00:00.000Z,false,false");
    write(
        "Event.csv",
        "Id,IsDeleted,WhoId,WhatId,Subject,StartDateTime,ActivityDateTime,ActivityDate,"
            + "DurationInMinutes,Description,Type,Meeting_Outcome__c");
    write(
        "OpportunityHistory.csv",
        "Id,IsDeleted,OpportunityId,StageName,CreatedDate",
        "0085g00000HiSaAAAV,false,0065g00000AbCdEAAV,Prospecting,2026-09-01T09:00:00.000Z",
        "0085g00000HiSbAAAV,false,0065g00000AbCdEAAV,Proposal/Price Quote,"
            + "2026-11-01T09:00:00.000Z");
    write(
        "OpportunityFieldHistory.csv",
        "Id,IsDeleted,OpportunityId,Field,OldValue,NewValue,CreatedDate");
  }

  @Test
  void enrichBodies_salesforceTaskSayingTheBudgetIsApproved_closesTheBudgetGap() throws Exception {
    // given a Salesforce export whose e-mail task says the budget is approved
    export();
    List<Deal> deals = new ArrayList<>();
    try (DealSource source = DealSource.open(dir, CsvMapping.builtIn("salesforce"))) {
      source.forEachRemaining(deals::add);
      assertThat(source.problems()).isEmpty();
    }
    Deal deal = deals.get(0);
    Activity email = deal.activities().get(1);
    assertThat(deal.contacts())
        .extracting(Contact::name, Contact::primary)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Daniel Reed", true),
            org.assertj.core.groups.Tuple.tuple("Ana Ruiz", false));
    assertThat(email.subject()).isEqualTo("← Email: Re: pricing, \"final\"");
    assertThat(email.body())
        .isEqualTo(
            "Hi Maya,\r\n\r\n\"Good news\": the budget is approved, so we can sign this"
                + " quarter.\r\n\r\nBest regards,\r\nDaniel");
    Playbook standard = Playbook.builtIn("standard-b2b");
    Instant asOf = Instant.parse("2026-11-20T00:00:00Z");

    // when the bodies are analysed
    DealSignals.Enriched e = DealSignals.of(PlaybookTrackers.builtin()).enrichBodies(deal);

    // then the e-mail has the buyer's budget hit, the voicemail none
    assertThat(e.deal().activities().get(1).signals().hits())
        .extracting(h -> h.tracker() + " " + h.quote().speaker() + " (" + h.quote().party() + ")")
        .contains("bant_budget Daniel Reed (buyer)");
    assertThat(e.deal().activities().get(0).signals().hits()).isEmpty();
    assertThat(e.warnings()).isEmpty();
    // and the rule that asked for a known budget no longer reports its gap
    assertThat(standard.evaluate(deal, asOf).gaps())
        .extracting(Gap::rule)
        .contains("bant.budget-known");
    assertThat(standard.evaluate(e.deal(), asOf).gaps())
        .extracting(Gap::rule)
        .doesNotContain("bant.budget-known");
  }
}
