package dev.playbook.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.model.Deal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import org.junit.jupiter.api.Test;

/**
 * {@link TrackerSet} matches phrases by their analysed term positions; this oracle indexes the same
 * sentences in a Lucene index and runs each phrase as the {@code PhraseQuery} that {@code
 * QueryBuilder} makes of it. Both must find the same sentences with the same phrase.
 */
class PhraseQueryOracleTest {

  private static final Analyzer ENGLISH = new EnglishAnalyzer(CharArraySet.EMPTY_SET);
  private static final Analyzer CHINESE = new SmartChineseAnalyzer();
  private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

  /**
   * The sentences each (tracker, phrase) matches, as a Lucene index finds them; the first phrase of
   * a tracker wins.
   */
  static List<String> oracle(
      List<Tracker> trackers, Conversation conversation, Attribution attribution)
      throws IOException {
    List<Sentence> sentences = new ArrayList<>();
    for (Segment s : conversation.segments()) {
      if (attribution.party(s.speaker()) != null) {
        sentences.addAll(Sentence.of(s));
      }
    }
    List<String> out = new ArrayList<>();
    boolean anyChinese = trackers.stream().anyMatch(t -> t.phrases().containsKey("zh-CN"));
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      Analyzer fields = new PerFieldAnalyzerWrapper(ENGLISH, Map.of("en", ENGLISH, "zh", CHINESE));
      try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(fields))) {
        for (int n = 0; n < sentences.size(); n++) {
          String text = sentences.get(n).text();
          Document doc = new Document();
          doc.add(new TextField("en", text, Field.Store.NO));
          if (anyChinese && HAN.matcher(text).find()) {
            doc.add(new TextField("zh", text, Field.Store.NO));
          }
          doc.add(new NumericDocValuesField("n", n));
          writer.addDocument(doc);
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        Map<Tracker, BitSet> done = new IdentityHashMap<>();
        for (Tracker t : trackers) {
          for (Map.Entry<String, List<String>> e : t.phrases().entrySet()) {
            boolean zh = e.getKey().equals("zh-CN");
            for (String phrase : e.getValue()) {
              Query q =
                  new QueryBuilder(zh ? CHINESE : ENGLISH)
                      .createPhraseQuery(zh ? "zh" : "en", phrase);
              BitSet hit = done.computeIfAbsent(t, k -> new BitSet());
              for (int n : matching(searcher, q).stream().toArray()) {
                if (!hit.get(n)) {
                  hit.set(n);
                  Sentence s = sentences.get(n);
                  out.add(
                      s.segment()
                          + "/"
                          + s.index()
                          + " "
                          + t.concept()
                          + " '"
                          + phrase
                          + "': "
                          + s.text());
                }
              }
            }
          }
        }
      }
    }
    out.sort(null);
    return out;
  }

  private static BitSet matching(IndexSearcher searcher, Query query) throws IOException {
    BitSet out = new BitSet();
    searcher.search(
        query,
        new SimpleCollector() {
          private NumericDocValues values;

          @Override
          protected void doSetNextReader(LeafReaderContext context) throws IOException {
            values = DocValues.getNumeric(context.reader(), "n");
          }

          @Override
          public void collect(int doc) throws IOException {
            if (values.advanceExact(doc)) {
              out.set((int) values.longValue());
            }
          }

          @Override
          public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
          }
        });
    return out;
  }

  private static List<String> rendered(List<TrackerHit> hits) {
    List<String> out = new ArrayList<>();
    for (TrackerHit h : hits) {
      out.add(
          h.segment()
              + "/"
              + h.sentence()
              + " "
              + h.concept()
              + " '"
              + h.phrase()
              + "': "
              + h.quote());
    }
    out.sort(null);
    return out;
  }

  @Test
  void match_transcriptCases_findsWhatLucenePhraseQueriesFind() throws IOException {
    List<Tracker> trackers = new ArrayList<>();
    for (Tracker t : TestTrackers.trackers()) {
      // the oracle knows phrases only: no side, window or question filters
      trackers.add(
          new Tracker(t.concept(), t.phrases(), By.ANYONE, Window.anywhere(), false, t.origin()));
    }
    TrackerSet set = TrackerSet.compile(trackers);
    int compared = 0;
    for (String file : TranscriptCasesTest.CASES) {
      var expected = TestTrackers.yaml(TranscriptCasesTest.expectedName(file));
      Conversation c = Transcripts.read(file, TestTrackers.bytes(file));
      Attribution a =
          Attribution.of(
              c, TranscriptCasesTest.deal(expected), TranscriptCasesTest.mapping(expected));

      List<String> found = rendered(set.match(c, a));

      assertThat(found).as(file).isEqualTo(oracle(trackers, c, a));
      compared += found.size();
    }
    assertThat(compared).isGreaterThan(20);
  }

  @Test
  void match_randomSentencesAndPhrases_findsWhatLucenePhraseQueriesFind() throws IOException {
    String[] english =
        ("price prices pricing priced cost costs the a our team's team review plan "
                + "process not interested talk about it budget Budget BUDGET next step steps follow up "
                + "CRM crm's 2026 v2 e-mail email-based")
            .split(" ");
    String[] chinese = {
      "价格", "预算", "我们", "的", "下一步", "跟进", "客户", "管理", "系统", "太", "旧", "了", "多少钱", "，", "。", "、",
      "CRM", "团队", "表格", "很", "难", "竞争对手", "是", "什么"
    };
    String[] stops = {"", "", "", ", ", "; ", " - ", "? ", "! ", "... "};
    Random random = new Random(15);
    Deal deal = Deal.builder("d", "s").build();
    int compared = 0;
    for (int round = 0; round < 40; round++) {
      List<Tracker> trackers = new ArrayList<>();
      for (int t = 0; t < 12; t++) {
        Tracker.Builder b = Tracker.builder("t" + t);
        List<String> en = new ArrayList<>();
        List<String> zh = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
          en.add(words(random, english, 1 + random.nextInt(3), " ", stops));
          String phrase;
          do {
            phrase = words(random, chinese, 1 + random.nextInt(3), "", new String[] {""});
          } while (!phrase.matches(".*[\\p{L}\\p{N}].*"));
          zh.add(phrase);
        }
        b.phrases("en", en);
        if (round % 2 == 0) {
          b.phrases("zh-CN", zh);
        }
        trackers.add(b.build());
      }
      StringBuilder text = new StringBuilder();
      for (int line = 0; line < 30; line++) {
        boolean zh = random.nextInt(3) == 0;
        text.append("Pat: ");
        for (int s = 0; s < 1 + random.nextInt(3); s++) {
          text.append(
              zh
                  ? words(random, chinese, 3 + random.nextInt(10), "", new String[] {""}) + "。"
                  : words(random, english, 3 + random.nextInt(12), " ", stops)
                      + (random.nextBoolean() ? ". " : "? "));
        }
        text.append('\n');
      }
      Conversation c =
          Transcripts.read("call.txt", text.toString().getBytes(StandardCharsets.UTF_8));
      Attribution a = Attribution.of(c, deal, Map.of("Pat", "buyer"));

      List<String> found = rendered(TrackerSet.compile(trackers).match(c, a));

      assertThat(found).as("round %d", round).isEqualTo(oracle(trackers, c, a));
      compared += found.size();
    }
    assertThat(compared).isGreaterThan(500);
  }

  private static String words(Random random, String[] pool, int n, String space, String[] stops) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        String stop = stops[random.nextInt(stops.length)];
        out.append(stop.isEmpty() ? space : stop);
      }
      out.append(pool[random.nextInt(pool.length)]);
    }
    return out.toString();
  }
}
