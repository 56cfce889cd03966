package dev.playbook.insights.trail;

import java.util.Locale;

/** The export formats {@link TrailGenerator} writes. */
public enum TrailFormat {
  /** {@code deals.jsonl}: the project's own deal format, one deal per line (docs/deal-facts.md). */
  JSONL,
  /** A Salesforce Data Export folder: {@code Opportunity.csv}, {@code Task.csv} and the rest. */
  SALESFORCE,
  /** A HubSpot export: {@code deals.csv}, {@code calls.csv}, ..., and {@code associations/}. */
  HUBSPOT;

  /** The name on the command line: {@code jsonl}, {@code salesforce}, {@code hubspot}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
