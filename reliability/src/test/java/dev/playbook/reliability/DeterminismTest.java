package dev.playbook.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Playbook;
import dev.playbook.internal.lang.Compiler;
import dev.playbook.model.Deal;
import dev.playbook.result.Action;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Gap;
import dev.playbook.result.Scorecard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Evaluation is deterministic: the same facts and as-of give equal, equally ordered results ({@link
 * Evaluation#equals}) whether deals are evaluated one by one or in batches, on 1, 2 or 8 threads at
 * once, and however the same rules are spread over rule files and named, apart from provenance
 * (which names the file).
 */
@AddLifecycleHook(LongRuns.class)
class DeterminismTest {

  private static final int[] THREADS = {1, 2, 8};
  private static final ExecutorService[] POOLS = {
    Executors.newFixedThreadPool(1),
    Executors.newFixedThreadPool(2),
    Executors.newFixedThreadPool(8)
  };

  @AfterContainer
  static void stopPools() {
    for (ExecutorService pool : POOLS) {
      pool.shutdownNow();
    }
  }

  /** Rules from one seed: well-typed generated conditions that the checker accepts. */
  static List<String> conditions(long seed, int n) {
    RandomConditions gen = new RandomConditions(seed);
    List<String> out = new ArrayList<>();
    while (out.size() < n) {
      String c = gen.condition();
      if (Compiler.condition(c, Fixtures.ENV).ok()) {
        out.add(c);
      }
    }
    return out;
  }

  static List<String> ids(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add("det.r" + i);
    }
    return ids;
  }

  static List<Deal> deals(long seed, int n) {
    RandomDeals gen = new RandomDeals(seed);
    List<Deal> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(gen.deal());
    }
    return out;
  }

  @Property(tries = 6)
  void sameFactsAndAsOf_giveEqualResults_onAnyThreadCount(@ForAll long seed) throws Exception {
    List<String> conditions = conditions(seed, 30);
    Playbook playbook =
        Playbook.parse(
            "det/playbook.yaml",
            Fixtures.HEADER
                + KEY_NODES
                + GeneratedPlaybook.rules(ids(conditions.size()), conditions));
    List<Deal> deals = deals(seed ^ 0x5DEECE66DL, 30);
    List<Evaluation> expected = playbook.evaluateAll(deals, Fixtures.AS_OF, Locale.ENGLISH);

    for (int t = 0; t < THREADS.length; t++) {
      List<Future<List<Evaluation>>> futures = new ArrayList<>();
      for (int copy = 0; copy < Math.max(2, THREADS[t]); copy++) {
        boolean oneByOne = copy % 2 == 0;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < deals.size(); i++) {
          order.add(i);
        }
        Collections.shuffle(order, new Random(seed + copy));
        Callable<List<Evaluation>> task =
            () -> {
              Evaluation[] out = new Evaluation[deals.size()];
              if (oneByOne) {
                for (int i : order) {
                  out[i] = playbook.evaluate(deals.get(i), Fixtures.AS_OF, Locale.ENGLISH);
                }
              } else {
                List<Deal> shuffled = order.stream().map(deals::get).toList();
                List<Evaluation> batch =
                    playbook.evaluateAll(shuffled, Fixtures.AS_OF, Locale.ENGLISH);
                for (int k = 0; k < order.size(); k++) {
                  out[order.get(k)] = batch.get(k);
                }
              }
              return List.of(out);
            };
        futures.add(POOLS[t].submit(task));
      }

      for (Future<List<Evaluation>> f : futures) {
        assertThat(f.get()).as("%d threads", THREADS[t]).isEqualTo(expected);
      }
    }
  }

  @Property(tries = 10)
  void anyArrangementOfRuleFiles_givesTheSameResults(@ForAll long seed) throws IOException {
    List<String> conditions = conditions(seed, 24);
    List<String> ids = ids(conditions.size());
    List<Deal> deals = deals(seed * 17 + 3, 30);
    Random random = new Random(seed);
    Path a = Files.createTempDirectory("arrangement-a");
    Path b = Files.createTempDirectory("arrangement-b");
    try {
      writeArrangement(a, ids, conditions, random);
      writeArrangement(b, ids, conditions, random);
      Playbook single =
          Playbook.parse(
              "det/playbook.yaml",
              Fixtures.HEADER + KEY_NODES + GeneratedPlaybook.rules(ids, conditions));
      Playbook first = Playbook.load(a);
      Playbook second = Playbook.load(b);

      List<String> expected =
          single.evaluateAll(deals, Fixtures.AS_OF, Locale.ENGLISH).stream()
              .map(DeterminismTest::withoutProvenance)
              .toList();

      assertSame(
          first.evaluateAll(deals, Fixtures.AS_OF, Locale.ENGLISH).stream()
              .map(DeterminismTest::withoutProvenance)
              .toList(),
          expected,
          "arrangement " + listing(a));
      assertSame(
          second.evaluateAll(deals, Fixtures.AS_OF, Locale.ENGLISH).stream()
              .map(DeterminismTest::withoutProvenance)
              .toList(),
          expected,
          "arrangement " + listing(b));
    } finally {
      delete(a);
      delete(b);
    }
  }

  static final String KEY_NODES =
      """
      key_nodes:
        - id: priced
          stage: proposal
          title: Priced
          exit_criteria:
            - { id: eb, title: Economic buyer, when: "any(contacts, role == economic_buyer)" }
            - { id: step, title: Dated step, when: "any(next_steps, status == open and due is present)" }
        - id: qualified
          stage: qualification
          exit_criteria:
            - { id: amount, when: "amount >= param(big_deal) or segment == smb" }
      """;

  /**
   * Writes {@code playbook.yaml} (the header) and the rules spread at random over one to five rule
   * files with random names, some in subfolders, each file holding its rules in shuffled order.
   */
  private static void writeArrangement(
      Path dir, List<String> ids, List<String> conditions, Random random) throws IOException {
    Files.writeString(
        dir.resolve("playbook.yaml"), Fixtures.HEADER + KEY_NODES, StandardCharsets.UTF_8);
    int files = 1 + random.nextInt(5);
    List<List<Integer>> parts = new ArrayList<>();
    for (int f = 0; f < files; f++) {
      parts.add(new ArrayList<>());
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    for (int i : order) {
      parts.get(random.nextInt(files)).add(i);
    }
    for (int f = 0; f < files; f++) {
      List<Integer> part = parts.get(f);
      if (part.isEmpty()) {
        continue;
      }
      String name =
          Long.toString(random.nextLong() & Long.MAX_VALUE, 36)
              + (random.nextBoolean() ? ".yaml" : ".yml");
      Path file = random.nextInt(3) == 0 ? dir.resolve("rules").resolve(name) : dir.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(
          file,
          GeneratedPlaybook.rules(
              part.stream().map(ids::get).toList(), part.stream().map(conditions::get).toList()),
          StandardCharsets.UTF_8);
    }
  }

  /**
   * Everything an evaluation says, in its order, except which file each rule came from. The two
   * lists documented to follow the playbook's rule order, which follows the rule files' paths
   * ({@code firedRules} and each scorecard element's {@code gaps}), are compared in rule-id order.
   */
  static String withoutProvenance(Evaluation e) {
    StringBuilder sb = new StringBuilder();
    sb.append(e.dealId()).append(' ').append(e.asOf()).append(' ').append(e.locale()).append('\n');
    for (Action a : e.actions()) {
      sb.append("action ")
          .append(
              List.of(
                  a.rule(),
                  a.title(),
                  a.priority(),
                  a.due(),
                  a.reason(),
                  String.valueOf(a.target()),
                  String.valueOf(a.talkTrack()),
                  String.valueOf(a.methodology()),
                  String.valueOf(a.element())))
          .append(" from ")
          .append(a.provenance().rule())
          .append('\n');
    }
    for (Gap g : e.gaps()) {
      sb.append("gap ")
          .append(
              List.of(
                  g.rule(),
                  g.severity(),
                  g.message(),
                  String.valueOf(g.methodology()),
                  String.valueOf(g.element()),
                  g.evidence()))
          .append(" from ")
          .append(g.provenance().rule())
          .append('\n');
    }
    for (Scorecard card : e.scorecards()) {
      sb.append("scorecard ")
          .append(card.methodology())
          .append(' ')
          .append(card.title())
          .append(' ')
          .append(card.percent())
          .append('\n');
      for (Scorecard.Element el : card.elements()) {
        sb.append("  ")
            .append(el.id())
            .append(' ')
            .append(el.title())
            .append(' ')
            .append(el.status())
            .append(' ')
            .append(el.gaps().stream().sorted().toList())
            .append('\n');
      }
    }
    sb.append(e.stageReadiness()).append('\n').append(e.firedRules().stream().sorted().toList());
    return sb.toString();
  }

  /**
   * Equal lists of rendered evaluations; on a difference, names the deal and the first line that
   * differs.
   */
  static void assertSame(List<String> actual, List<String> expected, String what) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      String[] e = expected.get(i).split("\n");
      String[] a = actual.get(i).split("\n");
      for (int k = 0; k < Math.max(e.length, a.length); k++) {
        String el = k < e.length ? e[k] : "(nothing)";
        String al = k < a.length ? a[k] : "(nothing)";
        assertThat(al).as("%s, deal %s, line %d", what, e[0], k).isEqualTo(el);
      }
    }
  }

  private static String listing(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString())
          .sorted()
          .toList()
          .toString();
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
