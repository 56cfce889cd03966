package dev.playbook.model;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * An agreed next step of a deal.
 *
 * @param title what is to happen
 * @param due when; null if no date was agreed
 * @param owner who owns it; null if nobody was named
 * @param status open or done
 * @param buyerCommitment whether the buyer committed to it
 */
public record NextStep(
    String title, LocalDate due, String owner, NextStepStatus status, boolean buyerCommitment) {

  public NextStep {
    Checks.required(title, "next step title");
    requireNonNull(status, () -> "next step '" + title + "': status must not be null");
  }

  /** An open next step with no buyer commitment. */
  public static NextStep open(String title, LocalDate due) {
    return new NextStep(title, due, null, NextStepStatus.OPEN, false);
  }
}
