package dev.playbook.conversations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The conversation metrics of one conversation. Only attributed segments count (see {@link
 * Attribution}). Segments are taken in order of start time (file order for ties and when there are
 * no times). A field is null when it cannot be known: every time-based field is null when the
 * conversation has no times, and a field about one side is null when that side did not speak.
 *
 * <p>Overlap: a side's talk time is the union of its segments' intervals, so two rep-side speakers
 * talking at once count once; time when both sides talk counts for both sides.
 *
 * @param repTalkTime the union of the rep side's segment intervals
 * @param buyerTalkTime the union of the buying side's segment intervals
 * @param talkRatio {@code repTalkTime / (repTalkTime + buyerTalkTime)}, 0 to 1; null when nobody
 *     spoke for any time
 * @param longestRepMonologue the longest run of consecutive rep-side segments, from the first one's
 *     start to the latest end among them (pauses within the run included); null when the rep side
 *     did not speak
 * @param longestBuyerStory the same for the buying side
 * @param interactivity speaker switches per minute: the number of consecutive segment pairs whose
 *     speakers differ, divided by the minutes from the first start to the last end
 * @param patience the mean pause before the rep side speaks after the buying side: over every buyer
 *     segment directly followed by a rep segment, {@code rep start - buyer end}, counted as 0 when
 *     the rep starts before the buyer ends; null when that never happens
 * @param repQuestions sentences of the rep side ending with {@code ?} or {@code ？}
 * @param buyerQuestions the same for the buying side
 * @param repWords words the rep side said ({@link Words}: an English word or a Chinese character
 *     each)
 * @param buyerWords words the buying side said
 * @param repFillers filler words the rep side said
 * @param fillerRate rep fillers per 100 rep words; null when the rep side said nothing
 */
public record Metrics(
    Duration repTalkTime,
    Duration buyerTalkTime,
    Double talkRatio,
    Duration longestRepMonologue,
    Duration longestBuyerStory,
    Double interactivity,
    Duration patience,
    int repQuestions,
    int buyerQuestions,
    int repWords,
    int buyerWords,
    int repFillers,
    Double fillerRate) {

  /**
   * Computes the metrics of {@code conversation} with its speakers attributed by {@code
   * attribution}.
   */
  public static Metrics of(Conversation conversation, Attribution attribution) {
    return of(conversation, attribution, Sentence.of(conversation, attribution));
  }

  /** The same, with the sentences of each attributed segment already split. */
  static Metrics of(
      Conversation conversation, Attribution attribution, List<List<Sentence>> sentences) {
    List<Segment> said = new ArrayList<>();
    for (Segment s : conversation.segments()) {
      if (attribution.party(s.speaker()) != null) {
        said.add(s);
      }
    }
    boolean timed = !said.isEmpty() && said.stream().allMatch(s -> s.start() != null);
    if (timed) {
      said.sort(Comparator.comparing(Segment::start).thenComparingInt(Segment::index));
    }
    int[] questions = new int[2];
    int[] words = new int[2];
    int repFillers = 0;
    for (Segment s : said) {
      int side = side(attribution, s).ordinal();
      for (Sentence sentence : sentences.get(s.index())) {
        questions[side] += sentence.question() ? 1 : 0;
      }
      Words.Count count = Words.count(s.text());
      words[side] += count.words();
      if (side == Side.REP.ordinal()) {
        repFillers += count.fillers();
      }
    }
    Double fillerRate = words[0] == 0 ? null : repFillers * 100.0 / words[0];
    if (!timed) {
      return new Metrics(
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          questions[0],
          questions[1],
          words[0],
          words[1],
          repFillers,
          fillerRate);
    }
    Duration rep = union(said, attribution, Side.REP);
    Duration buyer = union(said, attribution, Side.BUYER);
    Duration both = rep.plus(buyer);
    Double talkRatio = both.isZero() ? null : (double) rep.toMillis() / both.toMillis();
    return new Metrics(
        rep,
        buyer,
        talkRatio,
        longestRun(said, attribution, Side.REP),
        longestRun(said, attribution, Side.BUYER),
        interactivity(said),
        patience(said, attribution),
        questions[0],
        questions[1],
        words[0],
        words[1],
        repFillers,
        fillerRate);
  }

  private static Side side(Attribution attribution, Segment s) {
    return attribution.party(s.speaker()).side();
  }

  /** The measure of the union of the side's timed intervals; {@code said} is sorted by start. */
  private static Duration union(List<Segment> said, Attribution attribution, Side side) {
    long total = 0;
    long coveredTo = -1;
    for (Segment s : said) {
      if (side(attribution, s) != side || s.end() == null) {
        continue;
      }
      long start = s.start().toMillis();
      long end = s.end().toMillis();
      if (end <= coveredTo) {
        continue;
      }
      total += end - Math.max(start, coveredTo);
      coveredTo = end;
    }
    return Duration.ofMillis(total);
  }

  private static Duration longestRun(List<Segment> said, Attribution attribution, Side side) {
    Duration longest = null;
    int i = 0;
    while (i < said.size()) {
      if (side(attribution, said.get(i)) != side) {
        i++;
        continue;
      }
      Duration start = said.get(i).start();
      Duration end = start;
      while (i < said.size() && side(attribution, said.get(i)) == side) {
        Duration e = said.get(i).end() == null ? said.get(i).start() : said.get(i).end();
        end = e.compareTo(end) > 0 ? e : end;
        i++;
      }
      Duration run = end.minus(start);
      longest = longest == null || run.compareTo(longest) > 0 ? run : longest;
    }
    return longest;
  }

  private static Double interactivity(List<Segment> said) {
    int switches = 0;
    Duration last = Duration.ZERO;
    for (int i = 0; i < said.size(); i++) {
      Segment s = said.get(i);
      if (i > 0 && !s.speaker().equals(said.get(i - 1).speaker())) {
        switches++;
      }
      Duration e = s.end() == null ? s.start() : s.end();
      last = e.compareTo(last) > 0 ? e : last;
    }
    long millis = last.minus(said.get(0).start()).toMillis();
    return millis == 0 ? null : switches * 60_000.0 / millis;
  }

  private static Duration patience(List<Segment> said, Attribution attribution) {
    long total = 0;
    int pauses = 0;
    for (int i = 1; i < said.size(); i++) {
      Segment before = said.get(i - 1);
      Segment s = said.get(i);
      if (side(attribution, before) == Side.BUYER
          && side(attribution, s) == Side.REP
          && before.end() != null) {
        total += Math.max(0, s.start().minus(before.end()).toMillis());
        pauses++;
      }
    }
    return pauses == 0 ? null : Duration.ofMillis(Math.round((double) total / pauses));
  }
}
