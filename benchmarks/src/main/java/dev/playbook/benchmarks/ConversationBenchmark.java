package dev.playbook.benchmarks;

import dev.playbook.Playbook;
import dev.playbook.conversations.Attribution;
import dev.playbook.conversations.By;
import dev.playbook.conversations.Conversation;
import dev.playbook.conversations.ConversationAnalysis;
import dev.playbook.conversations.ConversationAnalyzer;
import dev.playbook.conversations.PlaybookTrackers;
import dev.playbook.conversations.Tracker;
import dev.playbook.conversations.TrackerSet;
import dev.playbook.conversations.Transcripts;
import dev.playbook.conversations.Window;
import dev.playbook.model.Contact;
import dev.playbook.model.Deal;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One 60-minute discovery call (a generated WebVTT transcript of about 9,000 words, rep and buyer
 * taking turns of 10 seconds, fixed seed) analysed with 40 trackers of 6 English phrases each:
 * {@code analyse} is metrics, tracker hits and next steps of the conversation already read; {@code
 * readAndAnalyse} starts from the file's bytes; {@code analyseBuiltIn} matches the call against the
 * trackers of every built-in playbook instead. Words per second = {@link #WORDS} / time. {@code
 * evaluateDeal}, for scale, is one generated deal evaluated with the built-in {@code standard-b2b}
 * playbook and its findings read, as {@code PlaybookBenchmark.single} does (in microseconds).
 *
 * <p>{@link #main} measures the same three on a busy machine, where the wall-clock times JMH
 * reports include waiting for a core: the median thread CPU time of each over many runs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class ConversationBenchmark {

  /** Words in the generated transcript, as the analysis counts them (asserted in setUp). */
  public static final int WORDS = 9_000;

  static final String[] CONCEPTS = {
    "pricing",
    "competitor",
    "timeline",
    "decision_process",
    "pain",
    "metrics",
    "next_step",
    "budget",
    "authority",
    "need",
    "champion",
    "economic_buyer",
    "decision_criteria",
    "paper_process",
    "security",
    "integration",
    "onboarding",
    "renewal",
    "discount",
    "contract",
    "legal",
    "procurement",
    "roi",
    "forecast",
    "pipeline",
    "headcount",
    "rollout",
    "pilot",
    "support",
    "training",
    "churn",
    "expansion",
    "reporting",
    "dashboard",
    "data_quality",
    "migration",
    "compliance",
    "risk",
    "objection",
    "agenda"
  };

  static final String[] WORDS_POOL =
      ("we our team the a this that is are was have has need want "
              + "think about with for from into quarter month week today numbers report managers forecast "
              + "pipeline deal deals spreadsheet process approval legal security review rollout plan data "
              + "accuracy late slow manual every two three hours days customers sales region budget price "
              + "cost contract renewal pilot training support integration dashboard migration risk")
          .split(" ");

  byte[] vtt;
  Conversation conversation;
  Deal deal;
  ConversationAnalyzer analyzer;
  ConversationAnalyzer builtIn;
  Playbook playbook;
  List<Deal> deals;
  int next;

  @Setup(Level.Trial)
  public void setUp() {
    List<Tracker> trackers = new ArrayList<>();
    for (int i = 0; i < CONCEPTS.length; i++) {
      String c = CONCEPTS[i];
      String word = c.replace('_', ' ');
      Tracker.Builder b =
          Tracker.builder(c)
              .phrases(
                  "en",
                  word,
                  word + " process",
                  "our " + word,
                  "the " + word + " plan",
                  word + " review",
                  "talk about " + word);
      if (i % 5 == 1) {
        b.by(By.BUYER);
      }
      if (i % 7 == 2) {
        b.question(true);
      }
      if (i % 11 == 3) {
        b.window(Window.lastMinutes(10));
      }
      trackers.add(b.build());
    }
    analyzer = ConversationAnalyzer.of(TrackerSet.compile(trackers));
    builtIn = ConversationAnalyzer.of(PlaybookTrackers.builtin().set());
    deal =
        Deal.builder("d-1", "discovery")
            .owner("Maria Chen")
            .addContact(Contact.builder("c-1").name("Daniel Reed").build())
            .build();
    vtt = transcript(WORDS, 3600).getBytes(StandardCharsets.UTF_8);
    conversation =
        Transcripts.read("call.vtt", vtt)
            .withStartedAt(OffsetDateTime.parse("2026-11-17T15:00:00+01:00"));
    ConversationAnalysis check = analyse();
    int words = check.metrics().repWords() + check.metrics().buyerWords();
    if (words != WORDS || check.hits().isEmpty()) {
      throw new IllegalStateException(
          "generated transcript has " + words + " words and " + check.hits().size() + " hits");
    }
  }

  @Setup(Level.Trial)
  public void setUpDeals() {
    playbook = Playbook.builtIn("standard-b2b");
    deals = DealGenerator.deals(42, 1_000);
  }

  /** A WebVTT call of {@code words} words over {@code seconds}, rep and buyer taking turns. */
  static String transcript(int words, int seconds) {
    Random random = new Random(42);
    int turns = seconds / 10;
    StringBuilder out = new StringBuilder("WEBVTT\n\n");
    int left = words;
    for (int t = 0; t < turns; t++) {
      int n = t == turns - 1 ? left : words / turns;
      left -= n;
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < n; w++) {
        text.append(w == 0 ? "" : " ").append(WORDS_POOL[random.nextInt(WORDS_POOL.length)]);
        if (w % 12 == 11 || w == n - 1) {
          text.append(random.nextInt(4) == 0 ? "?" : ".");
        }
      }
      out.append(
          String.format(
              "%s --> %s%n<v %s>%s</v>%n%n",
              time(t * 10), time(t * 10 + 9), t % 2 == 0 ? "Maria Chen" : "Daniel Reed", text));
    }
    return out.toString();
  }

  private static String time(int s) {
    return String.format("%02d:%02d:%02d.000", s / 3600, s / 60 % 60, s % 60);
  }

  @Benchmark
  public ConversationAnalysis analyse() {
    return analyzer.analyze(conversation, Attribution.of(conversation, deal));
  }

  /** The same call matched against the trackers of every built-in playbook, en and zh-CN. */
  @Benchmark
  public ConversationAnalysis analyseBuiltIn() {
    return builtIn.analyze(conversation, Attribution.of(conversation, deal));
  }

  @Benchmark
  public ConversationAnalysis readAndAnalyse() {
    Conversation c = Transcripts.read("call.vtt", vtt);
    return analyzer.analyze(c, Attribution.of(c, deal));
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void evaluateDeal(Blackhole bh) {
    Deal d = deals.get(next);
    next = (next + 1) % deals.size();
    PlaybookBenchmark.readFindings(playbook.evaluate(d, DealGenerator.AS_OF), bh);
  }

  /**
   * Median thread CPU time per run of {@code analyse}, {@code readAndAnalyse} and {@code
   * evaluateDeal}.
   */
  public static void main(String[] args) {
    ConversationBenchmark b = new ConversationBenchmark();
    b.setUp();
    b.setUpDeals();
    IntSupplier analyse = () -> b.analyse().hits().size();
    IntSupplier readAndAnalyse = () -> b.readAndAnalyse().hits().size();
    IntSupplier analyseBuiltIn = () -> b.analyseBuiltIn().hits().size();
    IntSupplier evaluateDeal =
        () -> {
          Deal d = b.deals.get(b.next);
          b.next = (b.next + 1) % b.deals.size();
          var e = b.playbook.evaluate(d, DealGenerator.AS_OF);
          return e.actions().size() + e.gaps().size() + e.stageReadiness().keyNodes().size();
        };
    for (int i = 0; i < 1_500; i++) {
      analyse.getAsInt();
      readAndAnalyse.getAsInt();
      analyseBuiltIn.getAsInt();
    }
    for (int i = 0; i < 100_000; i++) {
      evaluateDeal.getAsInt();
    }
    double call = cpuMillis(analyse, 300);
    double read = cpuMillis(readAndAnalyse, 300);
    double builtInCall = cpuMillis(analyseBuiltIn, 300);
    double evaluate = cpuMillis(evaluateDeal, 10_000);
    System.out.printf("analyse         %8.3f ms  %,10.0f words/s%n", call, WORDS / call * 1000);
    System.out.printf("readAndAnalyse  %8.3f ms  %,10.0f words/s%n", read, WORDS / read * 1000);
    System.out.printf(
        "analyseBuiltIn  %8.3f ms  %,10.0f words/s  (%d built-in trackers, %d hits)%n",
        builtInCall,
        WORDS / builtInCall * 1000,
        PlaybookTrackers.builtin().specs().size(),
        b.analyseBuiltIn().hits().size());
    System.out.printf(
        "evaluateDeal    %8.1f us  (one analysed call = %,.0f deal evaluations)%n",
        evaluate * 1000, call / evaluate);
    System.out.printf(
        "                          (one call with the built-in trackers = %,.0f deal evaluations)%n",
        builtInCall / evaluate);
  }

  private static double cpuMillis(IntSupplier run, int times) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long[] cpu = new long[times];
    long sink = 0;
    for (int i = 0; i < times; i++) {
      long start = mx.getCurrentThreadCpuTime();
      sink += run.getAsInt();
      cpu[i] = mx.getCurrentThreadCpuTime() - start;
    }
    if (sink < 0) {
      throw new IllegalStateException();
    }
    Arrays.sort(cpu);
    return cpu[times / 2] / 1e6;
  }
}
