package dev.playbook.conversations;

import static java.util.Objects.requireNonNull;

import dev.playbook.problem.Problem;
import java.util.List;

/**
 * Everything learnt from one conversation.
 *
 * @param conversation the conversation as read
 * @param attribution who each speaker is
 * @param metrics the conversation metrics
 * @param hits the tracker hits, by segment, sentence and tracker order
 * @param nextSteps the proposed next steps, in conversation order
 * @param warnings what the analysis could not do (unattributed speakers, windows without times,
 *     dates without a conversation date), sorted; the analysis itself is complete
 */
public record ConversationAnalysis(
    Conversation conversation,
    Attribution attribution,
    Metrics metrics,
    List<TrackerHit> hits,
    List<ProposedNextStep> nextSteps,
    List<Problem> warnings) {

  public ConversationAnalysis {
    requireNonNull(conversation, "conversation");
    requireNonNull(attribution, "attribution");
    requireNonNull(metrics, "metrics");
    hits = List.copyOf(hits);
    nextSteps = List.copyOf(nextSteps);
    warnings = warnings.stream().sorted().toList();
  }

  /** The hits of the tracker for {@code concept}. */
  public List<TrackerHit> hits(String concept) {
    return hits.stream().filter(h -> h.concept().equals(concept)).toList();
  }
}
