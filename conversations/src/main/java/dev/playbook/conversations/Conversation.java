package dev.playbook.conversations;

import static java.util.Objects.requireNonNull;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A call, meeting or e-mail as read from one file.
 *
 * @param source the file as the caller named it; problems point into it
 * @param channel call, meeting or e-mail
 * @param startedAt when it took place, with the local offset (relative dates such as "next Tuesday"
 *     are resolved against its local date), or null when unknown
 * @param segments the segments in file order; immutable
 */
public record Conversation(
    String source, Channel channel, OffsetDateTime startedAt, List<Segment> segments) {

  public Conversation {
    requireNonNull(source, "source");
    requireNonNull(channel, "channel");
    segments = List.copyOf(segments);
    for (int i = 0; i < segments.size(); i++) {
      if (segments.get(i).index() != i) {
        throw new IllegalArgumentException(
            "segment at position " + i + " has index " + segments.get(i).index());
      }
    }
  }

  /** Whether every segment has a start time; only then are time-based metrics computed. */
  public boolean timed() {
    return !segments.isEmpty() && segments.stream().allMatch(s -> s.start() != null);
  }

  /** A copy taking place at {@code startedAt}, for files that carry no date of their own. */
  public Conversation withStartedAt(OffsetDateTime startedAt) {
    return new Conversation(source, channel, startedAt, segments);
  }

  /** A copy on another channel, for example {@link Channel#MEETING} for a transcript. */
  public Conversation withChannel(Channel channel) {
    return new Conversation(source, channel, startedAt, segments);
  }
}
