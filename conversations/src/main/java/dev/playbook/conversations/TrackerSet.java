package dev.playbook.conversations;

import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.util.BytesRef;

/**
 * Trackers compiled once, matched against many conversations; immutable and thread-safe.
 *
 * <p>Matching is Apache Lucene's analysis with phrase-query semantics: each phrase is analysed
 * once, when compiling, into its terms and their positions, exactly as Lucene's {@code
 * QueryBuilder} builds a phrase query from it; each conversation's sentences are analysed once, and
 * a phrase matches a sentence where the sentence has the phrase's terms at the same relative
 * positions. Only the terms some phrase uses are kept, each with the sentences and positions it
 * occurs at, so a conversation costs one analysis of its text plus a look-up per occurrence of a
 * phrase's first term.
 *
 * <ul>
 *   <li>{@code en}: {@code EnglishAnalyzer} with no stop words (Unicode word breaks, possessive
 *       {@code 's} removed, lower case, Porter stemming): {@code pricing} matches {@code price} and
 *       {@code prices}, and {@code not interested} keeps its {@code not}. Every sentence is
 *       analysed for English, so English words inside Chinese speech match too.
 *   <li>{@code zh-CN}: {@code SmartChineseAnalyzer} (hidden-Markov-model word segmentation, its
 *       punctuation stop list): {@code 价格} matches the word 价格 in {@code 整个团队的价格是多少}. Chinese
 *       phrases are matched in sentences that contain a Chinese character.
 * </ul>
 *
 * A phrase matches a sentence when the sentence holds the phrase's words, as analysed, next to one
 * another and in order (a gap the analyser leaves in the phrase, such as a dropped punctuation
 * mark, must be a gap of the same size in the sentence). Phrases are words, not patterns: no
 * wildcards and no regular expressions.
 */
public final class TrackerSet {

  /** The languages a phrase may be written in. */
  public static final Set<String> LANGUAGES = Set.of("en", "zh-CN");

  static final int MAX_TRACKERS = 2_000;
  static final int MAX_PHRASES = 500;
  static final int MAX_PHRASE_CHARS = 200;

  private static final Pattern CONCEPT = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
  private static final int EN = 0;
  private static final int ZH = 1;

  private static final Analyzer ENGLISH = new EnglishAnalyzer(CharArraySet.EMPTY_SET);
  private static final Analyzer CHINESE = new SmartChineseAnalyzer();

  /**
   * One phrase as analysed: at {@code offsets[i]} positions after the first term, one of the terms
   * {@code terms[i]} (several only where the analyser stacks tokens at one position).
   */
  private record Compiled(
      Tracker tracker,
      int order,
      String phrase,
      String language,
      int field,
      int[][] terms,
      int[] offsets) {}

  private final List<Tracker> trackers;
  private final List<Compiled> queries;

  /** Per field, every term a phrase uses, numbered; read-only after compiling. */
  private final List<Map<BytesRef, Integer>> terms;

  private TrackerSet(
      List<Tracker> trackers, List<Compiled> queries, List<Map<BytesRef, Integer>> terms) {
    this.trackers = List.copyOf(trackers);
    this.queries = List.copyOf(queries);
    this.terms = List.of(Map.copyOf(terms.get(EN)), Map.copyOf(terms.get(ZH)));
  }

  /**
   * Checks and compiles {@code trackers}.
   *
   * @throws ProblemException listing every problem, each located at its tracker's origin
   */
  public static TrackerSet compile(List<Tracker> trackers) {
    List<Problem> problems = new ArrayList<>();
    List<Compiled> queries = new ArrayList<>();
    List<Map<BytesRef, Integer>> terms = List.of(new HashMap<>(), new HashMap<>());
    Set<String> seen = new HashSet<>();
    if (trackers.size() > MAX_TRACKERS) {
      Tracker.Origin o = trackers.get(MAX_TRACKERS).origin();
      problems.add(
          new Problem(
              "too-large",
              o.file(),
              o.line(),
              o.column(),
              trackers.size() + " trackers, more than the limit of " + MAX_TRACKERS));
      throw new ProblemException(problems);
    }
    for (int order = 0; order < trackers.size(); order++) {
      Tracker t = trackers.get(order);
      Tracker.Origin o = t.origin();
      if (!CONCEPT.matcher(t.concept()).matches()) {
        problems.add(
            new Problem(
                "invalid-value",
                o.file(),
                o.line(),
                o.column(),
                "tracker concept '"
                    + t.concept()
                    + "' must be lower case letters, digits and '_', starting with a letter"));
      }
      if (!seen.add(t.concept())) {
        problems.add(
            new Problem(
                "duplicate-id",
                o.file(),
                o.line(),
                o.column(),
                "tracker concept '" + t.concept() + "' is defined twice"));
      }
      int count = t.phrases().values().stream().mapToInt(List::size).sum();
      if (count == 0) {
        problems.add(
            new Problem(
                "missing-field",
                o.file(),
                o.line(),
                o.column(),
                "tracker '" + t.concept() + "' has no phrases"));
      } else if (count > MAX_PHRASES) {
        problems.add(
            new Problem(
                "too-large",
                o.file(),
                o.line(),
                o.column(),
                "tracker '"
                    + t.concept()
                    + "' has "
                    + count
                    + " phrases, more than the limit of "
                    + MAX_PHRASES));
        continue;
      }
      for (Map.Entry<String, List<String>> e : t.phrases().entrySet()) {
        String language = e.getKey();
        if (!LANGUAGES.contains(language)) {
          problems.add(
              new Problem(
                  "unknown-language",
                  o.file(),
                  o.line(),
                  o.column(),
                  "tracker '"
                      + t.concept()
                      + "': language '"
                      + language
                      + "' is not supported; use 'en' or 'zh-CN'"));
          continue;
        }
        for (String phrase : e.getValue()) {
          if (phrase.length() > MAX_PHRASE_CHARS) {
            problems.add(
                new Problem(
                    "too-large",
                    o.file(),
                    o.line(),
                    o.column(),
                    "tracker '"
                        + t.concept()
                        + "': a phrase has "
                        + phrase.length()
                        + " characters, more than the limit of "
                        + MAX_PHRASE_CHARS));
            continue;
          }
          Compiled c = compile(t, order, phrase, language, terms);
          if (c == null) {
            problems.add(
                new Problem(
                    "empty-phrase",
                    o.file(),
                    o.line(),
                    o.column(),
                    "tracker '"
                        + t.concept()
                        + "': phrase '"
                        + phrase
                        + "' has no words to match"));
            continue;
          }
          queries.add(c);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ProblemException(problems);
    }
    return new TrackerSet(trackers, queries, terms);
  }

  /**
   * {@code phrase} analysed as {@code QueryBuilder.createPhraseQuery} analyses it: positions
   * advance by each token's position increment, tokens with an increment of 0 stack at one
   * position; null when the analysis leaves no token.
   */
  private static Compiled compile(
      Tracker t, int order, String phrase, String language, List<Map<BytesRef, Integer>> terms) {
    int field = language.equals("zh-CN") ? ZH : EN;
    Map<BytesRef, Integer> ids = terms.get(field);
    List<int[]> alternatives = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    try (TokenStream ts = (field == ZH ? CHINESE : ENGLISH).tokenStream("phrase", phrase)) {
      TermToBytesRefAttribute term = ts.addAttribute(TermToBytesRefAttribute.class);
      PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      int position = -1;
      while (ts.incrementToken()) {
        BytesRef bytes = BytesRef.deepCopyOf(term.getBytesRef());
        Integer id = ids.get(bytes);
        if (id == null) {
          id = ids.size();
          ids.put(bytes, id);
        }
        int step = increment.getPositionIncrement();
        if (step == 0 && !alternatives.isEmpty()) {
          int[] last = alternatives.get(alternatives.size() - 1);
          int[] more = Arrays.copyOf(last, last.length + 1);
          more[last.length] = id;
          alternatives.set(alternatives.size() - 1, more);
        } else {
          position += Math.max(1, step);
          alternatives.add(new int[] {id});
          positions.add(position);
        }
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (alternatives.isEmpty()) {
      return null;
    }
    int[] offsets = new int[positions.size()];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = positions.get(i) - positions.get(0);
    }
    return new Compiled(
        t, order, phrase, language, field, alternatives.toArray(int[][]::new), offsets);
  }

  /** The trackers, in the order given. */
  public List<Tracker> trackers() {
    return trackers;
  }

  /**
   * The hits in {@code conversation}: at most one per tracker and sentence, only in attributed
   * speakers' segments, sorted by segment, sentence and tracker order. Trackers with a window find
   * nothing in a conversation without times.
   */
  public List<TrackerHit> match(Conversation conversation, Attribution attribution) {
    return match(conversation, attribution, Sentence.of(conversation, attribution));
  }

  /** The same, with the sentences of each attributed segment already split. */
  List<TrackerHit> match(
      Conversation conversation, Attribution attribution, List<List<Sentence>> split) {
    List<Sentence> sentences = new ArrayList<>();
    for (List<Sentence> s : split) {
      sentences.addAll(s);
    }
    if (sentences.isEmpty() || queries.isEmpty()) {
      return List.of();
    }
    boolean timed = conversation.timed();
    Duration first = null;
    Duration last = null;
    if (timed) {
      for (Segment s : conversation.segments()) {
        Duration end = s.end() == null ? s.start() : s.end();
        first = first == null || s.start().compareTo(first) < 0 ? s.start() : first;
        last = last == null || end.compareTo(last) > 0 ? end : last;
      }
    }
    Occurrences[] found = {
      new Occurrences(terms.get(EN).size()), new Occurrences(terms.get(ZH).size())
    };
    boolean anyChinese = !terms.get(ZH).isEmpty();
    for (int n = 0; n < sentences.size(); n++) {
      String text = sentences.get(n).text();
      analyse(ENGLISH, text, n, terms.get(EN), found[EN]);
      if (anyChinese && HAN.matcher(text).find()) {
        analyse(CHINESE, text, n, terms.get(ZH), found[ZH]);
      }
    }
    List<TrackerHit> hits = new ArrayList<>();
    Map<Tracker, BitSet> done = new IdentityHashMap<>();
    for (Compiled c : queries) {
      Tracker t = c.tracker();
      if (t.window().kind() != Window.Kind.ANYWHERE && !timed) {
        continue;
      }
      BitSet hit = done.computeIfAbsent(t, k -> new BitSet());
      BitSet matching = found[c.field()].matching(c);
      for (int n = matching.nextSetBit(0); n >= 0; n = matching.nextSetBit(n + 1)) {
        if (hit.get(n)) {
          continue;
        }
        Sentence sentence = sentences.get(n);
        Segment segment = conversation.segments().get(sentence.segment());
        Party party = attribution.party(segment.speaker());
        if (!t.by().admits(party.side())
            || (t.question() && !sentence.question())
            || !inWindow(t.window(), segment, first, last)) {
          continue;
        }
        hit.set(n);
        hits.add(
            new TrackerHit(
                t,
                c.phrase(),
                c.language(),
                sentence.text(),
                segment.index(),
                sentence.index(),
                segment.speaker(),
                party,
                segment.start(),
                sentence.question()));
      }
    }
    Map<Tracker, Integer> order = new IdentityHashMap<>();
    for (Compiled c : queries) {
      order.putIfAbsent(c.tracker(), c.order());
    }
    hits.sort(
        Comparator.comparingInt(TrackerHit::segment)
            .thenComparingInt(TrackerHit::sentence)
            .thenComparingInt(h -> order.get(h.tracker())));
    return List.copyOf(hits);
  }

  private static boolean inWindow(Window w, Segment s, Duration first, Duration last) {
    return switch (w.kind()) {
      case ANYWHERE -> true;
      case FIRST -> s.start().compareTo(first.plus(w.length())) < 0;
      case LAST -> s.start().compareTo(last.minus(w.length())) >= 0;
    };
  }

  /** Adds the occurrences, in sentence {@code n}, of the terms in {@code ids}. */
  private static void analyse(
      Analyzer analyzer, String text, int n, Map<BytesRef, Integer> ids, Occurrences out) {
    try (TokenStream ts = analyzer.tokenStream("sentence", text)) {
      TermToBytesRefAttribute term = ts.addAttribute(TermToBytesRefAttribute.class);
      PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      int position = -1;
      while (ts.incrementToken()) {
        position += increment.getPositionIncrement();
        Integer id = ids.get(term.getBytesRef());
        if (id != null) {
          out.add(id, n, position);
        }
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Where each term occurs in one conversation: per term, {@code sentence << 32 | position},
   * ascending because sentences are analysed in order.
   */
  private static final class Occurrences {
    private final long[][] at;
    private final int[] size;

    Occurrences(int terms) {
      at = new long[terms][];
      size = new int[terms];
    }

    void add(int term, int sentence, int position) {
      long[] a = at[term];
      if (a == null) {
        a = at[term] = new long[8];
      } else if (size[term] == a.length) {
        a = at[term] = Arrays.copyOf(a, a.length * 2);
      }
      a[size[term]++] = (long) sentence << 32 | position;
    }

    private boolean has(int term, long key) {
      return at[term] != null && Arrays.binarySearch(at[term], 0, size[term], key) >= 0;
    }

    /**
     * The sentences holding the phrase: for some position p, a term of {@code terms[i]} at p +
     * {@code offsets[i]}.
     */
    BitSet matching(Compiled phrase) {
      BitSet out = new BitSet();
      int[][] terms = phrase.terms();
      int[] offsets = phrase.offsets();
      for (int lead : terms[0]) {
        long[] a = at[lead];
        for (int k = 0; k < size[lead]; k++) {
          int sentence = (int) (a[k] >>> 32);
          if (out.get(sentence)) {
            continue;
          }
          boolean all = true;
          for (int i = 1; i < terms.length && all; i++) {
            long key = a[k] + offsets[i];
            all = false;
            for (int other : terms[i]) {
              all |= has(other, key);
            }
          }
          if (all) {
            out.set(sentence);
          }
        }
      }
      return out;
    }
  }
}
