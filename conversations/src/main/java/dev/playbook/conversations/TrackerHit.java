package dev.playbook.conversations;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * A sentence that a tracker found: the evidence, with where it is.
 *
 * @param tracker the tracker
 * @param phrase the tracker's phrase that matched (the first, in the order written, when several
 *     do)
 * @param language the phrase's language, {@code en} or {@code zh-CN}
 * @param quote the sentence, as said
 * @param segment the segment's index in the conversation
 * @param sentence the sentence's 0-based index within the segment
 * @param speaker the speaker as the file names them
 * @param party who the speaker is
 * @param offset when the segment starts, or null without times
 * @param question whether the sentence is a question
 */
public record TrackerHit(
    Tracker tracker,
    String phrase,
    String language,
    String quote,
    int segment,
    int sentence,
    String speaker,
    Party party,
    Duration offset,
    boolean question) {

  public TrackerHit {
    requireNonNull(tracker, "tracker");
    requireNonNull(quote, "quote");
    requireNonNull(party, "party");
  }

  /** The tracker's concept. */
  public String concept() {
    return tracker.concept();
  }
}
