package dev.playbook.conversations;

/**
 * How much of an untrusted file {@link Transcripts} reads before it refuses the file with a located
 * problem.
 *
 * @param maxBytes the largest file, in bytes
 * @param maxLines the most lines
 * @param maxSegments the most segments
 * @param maxSegmentChars the longest text of one segment, in characters
 * @param maxSpeakerChars the longest speaker name, in characters
 */
public record ReadLimits(
    long maxBytes, int maxLines, int maxSegments, int maxSegmentChars, int maxSpeakerChars) {

  /** 8 MiB, 200,000 lines, 50,000 segments, 100,000 characters a segment, 200 a speaker. */
  public static final ReadLimits DEFAULT = new ReadLimits(8L << 20, 200_000, 50_000, 100_000, 200);

  public ReadLimits {
    if (maxBytes < 1
        || maxLines < 1
        || maxSegments < 1
        || maxSegmentChars < 1
        || maxSpeakerChars < 1) {
      throw new IllegalArgumentException("every read limit must be at least 1");
    }
  }
}
