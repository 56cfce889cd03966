package dev.playbook.conversations;

import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * Trackers compiled once, matched against many conversations; immutable and thread-safe.
 *
 * <p>Matching is Apache Lucene's: each phrase becomes a phrase query over its language's analysis,
 * and each conversation's sentences are indexed in memory, once, so that every query runs once
 * per conversation rather than once per sentence.
 *
 * <ul>
 *   <li>{@code en}: {@code EnglishAnalyzer} with no stop words (Unicode word breaks, possessive
 *       {@code 's} removed, lower case, Porter stemming): {@code pricing} matches {@code price}
 *       and {@code prices}, and {@code not interested} keeps its {@code not}. Every sentence is
 *       analysed for English, so English words inside Chinese speech match too.
 *   <li>{@code zh-CN}: {@code SmartChineseAnalyzer} (hidden-Markov-model word segmentation, its
 *       punctuation stop list): {@code 价格} matches the word 价格 in {@code 整个团队的价格是多少}.
 *       Chinese phrases are matched in sentences that contain a Chinese character.
 * </ul>
 *
 * A phrase matches a sentence when the sentence holds the phrase's words, as analysed, next to one
 * another and in order. Phrases are words, not patterns: no wildcards and no regular expressions.
 */
public final class TrackerSet {

  /** The languages a phrase may be written in. */
  public static final Set<String> LANGUAGES = Set.of("en", "zh-CN");

  static final int MAX_TRACKERS = 2_000;
  static final int MAX_PHRASES = 500;
  static final int MAX_PHRASE_CHARS = 200;

  private static final Pattern CONCEPT = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
  private static final String EN = "en";
  private static final String ZH = "zh";

  private static final Analyzer ENGLISH = new EnglishAnalyzer(CharArraySet.EMPTY_SET);
  private static final Analyzer CHINESE = new SmartChineseAnalyzer();
  private static final Analyzer FIELDS =
      new PerFieldAnalyzerWrapper(ENGLISH, Map.of(EN, ENGLISH, ZH, CHINESE));

  private record Compiled(Tracker tracker, int order, String phrase, String language, Query query) {}

  private final List<Tracker> trackers;
  private final List<Compiled> queries;
  private final boolean anyChinese;

  private TrackerSet(List<Tracker> trackers, List<Compiled> queries) {
    this.trackers = List.copyOf(trackers);
    this.queries = List.copyOf(queries);
    this.anyChinese = queries.stream().anyMatch(q -> q.language().equals("zh-CN"));
  }

  /**
   * Checks and compiles {@code trackers}.
   *
   * @throws ProblemException listing every problem, each located at its tracker's origin
   */
  public static TrackerSet compile(List<Tracker> trackers) {
    List<Problem> problems = new ArrayList<>();
    List<Compiled> queries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    if (trackers.size() > MAX_TRACKERS) {
      Tracker.Origin o = trackers.get(MAX_TRACKERS).origin();
      problems.add(new Problem("too-large", o.file(), o.line(), o.column(),
          trackers.size() + " trackers, more than the limit of " + MAX_TRACKERS));
      throw new ProblemException(problems);
    }
    for (int order = 0; order < trackers.size(); order++) {
      Tracker t = trackers.get(order);
      Tracker.Origin o = t.origin();
      if (!CONCEPT.matcher(t.concept()).matches()) {
        problems.add(new Problem("invalid-value", o.file(), o.line(), o.column(), "tracker concept '"
            + t.concept() + "' must be lower case letters, digits and '_', starting with a letter"));
      }
      if (!seen.add(t.concept())) {
        problems.add(new Problem("duplicate-id", o.file(), o.line(), o.column(),
            "tracker concept '" + t.concept() + "' is defined twice"));
      }
      int count = t.phrases().values().stream().mapToInt(List::size).sum();
      if (count == 0) {
        problems.add(new Problem("missing-field", o.file(), o.line(), o.column(),
            "tracker '" + t.concept() + "' has no phrases"));
      } else if (count > MAX_PHRASES) {
        problems.add(new Problem("too-large", o.file(), o.line(), o.column(), "tracker '" + t.concept()
            + "' has " + count + " phrases, more than the limit of " + MAX_PHRASES));
        continue;
      }
      for (Map.Entry<String, List<String>> e : t.phrases().entrySet()) {
        String language = e.getKey();
        if (!LANGUAGES.contains(language)) {
          problems.add(new Problem("unknown-language", o.file(), o.line(), o.column(), "tracker '"
              + t.concept() + "': language '" + language + "' is not supported; use 'en' or 'zh-CN'"));
          continue;
        }
        for (String phrase : e.getValue()) {
          if (phrase.length() > MAX_PHRASE_CHARS) {
            problems.add(new Problem("too-large", o.file(), o.line(), o.column(), "tracker '" + t.concept()
                + "': a phrase has " + phrase.length() + " characters, more than the limit of " + MAX_PHRASE_CHARS));
            continue;
          }
          Query q = query(language, phrase);
          if (q == null) {
            problems.add(new Problem("empty-phrase", o.file(), o.line(), o.column(), "tracker '"
                + t.concept() + "': phrase '" + phrase + "' has no words to match"));
            continue;
          }
          queries.add(new Compiled(t, order, phrase, language, q));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ProblemException(problems);
    }
    return new TrackerSet(trackers, queries);
  }

  private static Query query(String language, String phrase) {
    boolean zh = language.equals("zh-CN");
    return new QueryBuilder(zh ? CHINESE : ENGLISH).createPhraseQuery(zh ? ZH : EN, phrase);
  }

  /** The trackers, in the order given. */
  public List<Tracker> trackers() {
    return trackers;
  }

  /**
   * The hits in {@code conversation}: at most one per tracker and sentence, only in attributed
   * speakers' segments, sorted by segment, sentence and tracker order. Trackers with a window
   * find nothing in a conversation without times.
   */
  public List<TrackerHit> match(Conversation conversation, Attribution attribution) {
    List<Sentence> sentences = new ArrayList<>();
    for (Segment s : conversation.segments()) {
      if (attribution.party(s.speaker()) != null) {
        sentences.addAll(Sentence.of(s));
      }
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
    List<TrackerHit> hits = new ArrayList<>();
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      index(dir, sentences);
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setQueryCache(null);
        Map<Tracker, BitSet> found = new java.util.IdentityHashMap<>();
        for (Compiled c : queries) {
          Tracker t = c.tracker();
          if (t.window().kind() != Window.Kind.ANYWHERE && !timed) {
            continue;
          }
          BitSet done = found.computeIfAbsent(t, k -> new BitSet());
          for (int n : matching(searcher, c.query())) {
            if (done.get(n)) {
              continue;
            }
            Sentence sentence = sentences.get(n);
            Segment segment = conversation.segments().get(sentence.segment());
            Party party = attribution.party(segment.speaker());
            if (!t.by().admits(party.side()) || (t.question() && !sentence.question())
                || !inWindow(t.window(), segment, first, last)) {
              continue;
            }
            done.set(n);
            hits.add(new TrackerHit(t, c.phrase(), c.language(), sentence.text(), segment.index(),
                sentence.index(), segment.speaker(), party, segment.start(), sentence.question()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<Tracker, Integer> order = new java.util.IdentityHashMap<>();
    for (Compiled c : queries) {
      order.putIfAbsent(c.tracker(), c.order());
    }
    hits.sort(Comparator.comparingInt(TrackerHit::segment).thenComparingInt(TrackerHit::sentence)
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

  private void index(ByteBuffersDirectory dir, List<Sentence> sentences) throws IOException {
    IndexWriterConfig config = new IndexWriterConfig(FIELDS)
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
        .setRAMBufferSizeMB(64)
        .setCommitOnClose(true);
    try (IndexWriter writer = new IndexWriter(dir, config)) {
      for (int n = 0; n < sentences.size(); n++) {
        String text = sentences.get(n).text();
        Document doc = new Document();
        doc.add(new TextField(EN, text, Field.Store.NO));
        if (anyChinese && HAN.matcher(text).find()) {
          doc.add(new TextField(ZH, text, Field.Store.NO));
        }
        doc.add(new NumericDocValuesField("n", n));
        writer.addDocument(doc);
      }
    }
  }

  /** The sentence numbers {@code query} matches, ascending. */
  private static List<Integer> matching(IndexSearcher searcher, Query query) throws IOException {
    List<Integer> out = new ArrayList<>();
    searcher.search(query, new SimpleCollector() {
      private NumericDocValues values;

      @Override
      protected void doSetNextReader(LeafReaderContext context) throws IOException {
        values = DocValues.getNumeric(context.reader(), "n");
      }

      @Override
      public void collect(int doc) throws IOException {
        if (values.advanceExact(doc)) {
          out.add((int) values.longValue());
        }
      }

      @Override
      public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
      }
    });
    out.sort(null);
    return out;
  }
}
