package dev.playbook.conversations;

import static java.util.Objects.requireNonNull;

import dev.playbook.model.NextStep;
import dev.playbook.model.NextStepStatus;
import java.time.Duration;
import java.time.LocalDate;

/**
 * A next step detected in a conversation: a sentence with a {@code next_step} tracker hit and a
 * date phrase (see {@link ConversationAnalyzer}), for a person to confirm.
 *
 * @param quote the sentence with the next-step phrase
 * @param datePhrase the date or weekday phrase, as said
 * @param due the day it means, or null when the conversation has no date
 * @param speaker who proposed it, as the file names them
 * @param party who that is
 * @param segment the segment's index
 * @param offset when the segment starts, or null without times
 * @param buyerCommitment whether the buying side proposed it or agreed in its reply
 * @param reply the buyer's reply that agreed, or null
 */
public record ProposedNextStep(
    String quote,
    String datePhrase,
    LocalDate due,
    String speaker,
    Party party,
    int segment,
    Duration offset,
    boolean buyerCommitment,
    String reply) {

  public ProposedNextStep {
    requireNonNull(quote, "quote");
    requireNonNull(datePhrase, "datePhrase");
    requireNonNull(party, "party");
  }

  /** The next step for the fact model: open, titled by the quote, owned by the proposer. */
  public NextStep toNextStep() {
    return new NextStep(quote, due, party.name(), NextStepStatus.OPEN, buyerCommitment);
  }
}
