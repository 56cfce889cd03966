package dev.playbook.conversations;

import static java.util.Objects.requireNonNull;

import dev.playbook.problem.Problem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Analyses conversations with one compiled {@link TrackerSet}; immutable and thread-safe.
 *
 * <pre>{@code
 * ConversationAnalyzer analyzer = ConversationAnalyzer.of(TrackerSet.compile(trackers));
 * Conversation call = Transcripts.read("call.vtt", bytes).withStartedAt(startedAt);
 * ConversationAnalysis result = analyzer.analyze(call, Attribution.of(call, deal));
 * }</pre>
 *
 * <p>Next steps: a sentence with a hit of the tracker {@value #NEXT_STEP} and a date phrase (see
 * {@code DatePhrase}: "next Tuesday", "by the 15th", "tomorrow", "下周二", "明天" …) in the same
 * sentence, or else in the next sentence of the same segment, is a proposed next step; a date
 * phrase serves one next step. Its date is resolved against the local date of the conversation's
 * {@code startedAt}. The buyer is committed when the buying side proposed it, or when the next
 * segment by another attributed speaker is the buying side's and agrees: it holds an agreement
 * phrase ("yes", "sounds good", "works", "好的", "没问题", "可以" …) and no refusal ("doesn't work",
 * "can't", "unfortunately", "不行", "没空" …), matched by the same Lucene analysis as trackers.
 *
 * <p>A tracker with a window finds nothing in a conversation without times; for a call or meeting
 * that is reported as an {@code untimed-window} warning, for an e-mail (which never has times) not.
 */
public final class ConversationAnalyzer {

  /** The concept whose hits, with a date near them, become proposed next steps. */
  public static final String NEXT_STEP = "next_step";

  private static final TrackerSet REPLIES =
      TrackerSet.compile(
          List.of(
              Tracker.builder("agree")
                  .phrases(
                      "en",
                      "yes",
                      "yeah",
                      "yep",
                      "sure",
                      "sounds good",
                      "works",
                      "ok",
                      "okay",
                      "great",
                      "perfect",
                      "absolutely",
                      "no problem",
                      "let's do it",
                      "deal",
                      "confirmed",
                      "definitely")
                  .phrases("zh-CN", "好", "好的", "可以", "没问题", "行", "同意", "确定", "就这么定")
                  .build(),
              Tracker.builder("refuse")
                  .phrases(
                      "en",
                      "doesn't work",
                      "does not work",
                      "won't work",
                      "can't",
                      "cannot",
                      "not available",
                      "not possible",
                      "unfortunately",
                      "busy",
                      "not sure")
                  .phrases("zh-CN", "不行", "不可以", "不方便", "没空", "不能", "没时间", "不好", "不确定")
                  .build()));

  private final TrackerSet trackers;

  private ConversationAnalyzer(TrackerSet trackers) {
    this.trackers = requireNonNull(trackers, "trackers");
  }

  public static ConversationAnalyzer of(TrackerSet trackers) {
    return new ConversationAnalyzer(trackers);
  }

  public TrackerSet trackers() {
    return trackers;
  }

  /** Metrics, tracker hits and proposed next steps of {@code conversation}. */
  public ConversationAnalysis analyze(Conversation conversation, Attribution attribution) {
    List<Problem> warnings = new ArrayList<>(attribution.problems());
    if (!conversation.timed() && conversation.channel() != Channel.EMAIL) {
      for (Tracker t : trackers.trackers()) {
        if (t.window().kind() != Window.Kind.ANYWHERE) {
          warnings.add(
              new Problem(
                  "untimed-window",
                  conversation.source(),
                  0,
                  0,
                  "tracker "
                      + t.concept()
                      + " looks at "
                      + t.window().describe()
                      + ", but the conversation has no times; it matched nothing"));
        }
      }
    }
    List<List<Sentence>> sentences = Sentence.of(conversation, attribution);
    Metrics metrics = Metrics.of(conversation, attribution, sentences);
    List<TrackerHit> hits = trackers.match(conversation, attribution, sentences);
    List<ProposedNextStep> steps = nextSteps(conversation, attribution, sentences, hits, warnings);
    return new ConversationAnalysis(conversation, attribution, metrics, hits, steps, warnings);
  }

  private static List<ProposedNextStep> nextSteps(
      Conversation conversation,
      Attribution attribution,
      List<List<Sentence>> split,
      List<TrackerHit> hits,
      List<Problem> warnings) {
    LocalDate date =
        conversation.startedAt() == null ? null : conversation.startedAt().toLocalDate();
    List<ProposedNextStep> out = new ArrayList<>();
    Set<String> used = new HashSet<>();
    boolean undatedReported = false;
    List<Segment> ordered = null;
    for (TrackerHit hit : hits) {
      if (!hit.concept().equals(NEXT_STEP)) {
        continue;
      }
      Segment segment = conversation.segments().get(hit.segment());
      List<Sentence> sentences = split.get(segment.index());
      DatePhrase phrase = null;
      for (int k = hit.sentence();
          k <= hit.sentence() + 1 && k < sentences.size() && phrase == null;
          k++) {
        for (DatePhrase p : DatePhrase.find(sentences.get(k).text(), date)) {
          if (used.add(segment.index() + ":" + k + ":" + p.start())) {
            phrase = p;
            break;
          }
        }
      }
      if (phrase == null) {
        continue;
      }
      if (date == null && !undatedReported) {
        undatedReported = true;
        warnings.add(
            new Problem(
                "undated-conversation",
                conversation.source(),
                segment.line(),
                segment.column(),
                "'"
                    + phrase.text()
                    + "' cannot be resolved to a day: the conversation has no date"));
      }
      String reply = null;
      boolean committed = hit.party().side() == Side.BUYER;
      if (!committed) {
        if (ordered == null) {
          ordered = inTimeOrder(conversation);
        }
        Segment next = reply(ordered, attribution, segment);
        if (next != null
            && attribution.party(next.speaker()).side() == Side.BUYER
            && agrees(next, attribution)) {
          committed = true;
          reply = next.text();
        }
      }
      out.add(
          new ProposedNextStep(
              hit.quote(),
              phrase.text(),
              phrase.due(),
              hit.speaker(),
              hit.party(),
              segment.index(),
              segment.start(),
              committed,
              reply));
    }
    return out;
  }

  /** The segments in time order, file order without times. */
  private static List<Segment> inTimeOrder(Conversation conversation) {
    List<Segment> ordered = new ArrayList<>(conversation.segments());
    if (conversation.timed()) {
      ordered.sort(Comparator.comparing(Segment::start).thenComparingInt(Segment::index));
    }
    return ordered;
  }

  /** The first segment after {@code after} in {@code ordered} by another attributed speaker. */
  private static Segment reply(List<Segment> ordered, Attribution attribution, Segment after) {
    boolean seen = false;
    for (Segment s : ordered) {
      if (s == after) {
        seen = true;
      } else if (seen
          && attribution.party(s.speaker()) != null
          && !s.speaker().equals(after.speaker())) {
        return s;
      }
    }
    return null;
  }

  private static boolean agrees(Segment reply, Attribution attribution) {
    Segment alone =
        new Segment(0, reply.speaker(), null, null, reply.text(), reply.line(), reply.column());
    Conversation one = new Conversation("reply", Channel.CALL, null, List.of(alone));
    Attribution who =
        new Attribution(
            Map.of(reply.speaker(), attribution.party(reply.speaker())), List.of(), List.of());
    List<TrackerHit> found = REPLIES.match(one, who);
    return found.stream().anyMatch(h -> h.concept().equals("agree"))
        && found.stream().noneMatch(h -> h.concept().equals("refuse"));
  }
}
