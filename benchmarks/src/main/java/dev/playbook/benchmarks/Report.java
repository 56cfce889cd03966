package dev.playbook.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Merges one run's outputs in a results folder (JMH's {@code jmh-*.json}, {@code heap.json}, {@code
 * coldstart.json}) into {@code latest.json} and writes the tables to {@code latest.md}. Usage:
 * {@code Report RESULTS_DIR MODE}.
 */
public final class Report {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> PEERS = List.of("java", "playbook", "drl", "easyrules");
  private static final Map<String, String> PEER_NAMES =
      Map.of(
          "java",
          "plain Java (`if`s)",
          "playbook",
          "our YAML playbook",
          "drl",
          "hand-written DRL, classic path",
          "easyrules",
          "Easy Rules + MVEL");
  private static final List<String> BOOKS =
      List.of("meddic", "standard-b2b", "generated-500", "generated-5000");

  private Report() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    String mode = args.length > 1 ? args[1] : "full";
    ArrayNode jmh = JSON.createArrayNode();
    try (var files = Files.list(dir)) {
      for (Path f :
          files
              .filter(p -> p.getFileName().toString().matches("jmh-.*\\.json"))
              .sorted()
              .toList()) {
        JSON.readTree(f.toFile()).forEach(jmh::add);
      }
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("mode", mode);
    out.set("machine", machine());
    out.set("jmh", jmh);
    out.set("heapMiB", read(dir.resolve("heap.json")));
    out.set("coldStart", read(dir.resolve("coldstart.json")));
    out.set("portfolio", read(dir.resolve("portfolio.json")));
    JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("latest.json").toFile(), out);
    Files.writeString(dir.resolve("latest.md"), markdown(out));
  }

  private static JsonNode read(Path p) throws IOException {
    return Files.exists(p) ? JSON.readTree(p.toFile()) : JSON.nullNode();
  }

  private static ObjectNode machine() throws IOException {
    ObjectNode m = JSON.createObjectNode();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("cpu", grep("/proc/cpuinfo", "model name\\s*:\\s*(.*)"));
    String mem = grep("/proc/meminfo", "MemTotal:\\s*(\\d+) kB");
    m.put(
        "memoryGiB",
        mem.isEmpty() ? "?" : String.format(Locale.ROOT, "%.1f", Long.parseLong(mem) / 1048576.0));
    m.put(
        "jvm",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    // other work on the machine skews every number: record how busy it was when the run ended
    m.put("loadAverage", grep("/proc/loadavg", "^(\\S+ \\S+ \\S+)"));
    return m;
  }

  private static String grep(String file, String regex) throws IOException {
    Path p = Path.of(file);
    if (!Files.exists(p)) {
      return "";
    }
    Matcher m = Pattern.compile(regex).matcher(Files.readString(p));
    return m.find() ? m.group(1).trim() : "";
  }

  /**
   * The JMH entry of a benchmark method with a parameter value and thread count, over the default
   * deal mix; null if not run.
   */
  private static JsonNode find(JsonNode jmh, String method, String param, int threads) {
    return find(jmh, method, param, "all", threads);
  }

  /**
   * As above, for the deal mix {@code deals} ({@code all} or {@code open}) where the benchmark has
   * one.
   */
  private static JsonNode find(
      JsonNode jmh, String method, String param, String deals, int threads) {
    for (JsonNode e : jmh) {
      JsonNode params = e.path("params");
      boolean named = false;
      for (JsonNode v : params) {
        named |= v.asText().equals(param);
      }
      if (e.get("benchmark").asText().endsWith(method)
          && e.get("threads").asInt() == threads
          && named
          && params.path("deals").asText("all").equals(deals)) {
        return e;
      }
    }
    return null;
  }

  private static double score(JsonNode e) {
    return e.get("primaryMetric").get("score").asDouble();
  }

  private static double percentile(JsonNode e, String p) {
    return e.get("primaryMetric").get("scorePercentiles").get(p).asDouble();
  }

  static String markdown(JsonNode r) {
    JsonNode jmh = r.get("jmh");
    JsonNode m = r.get("machine");
    StringBuilder s = new StringBuilder();
    s.append("# Benchmark results (").append(r.get("mode").asText()).append(" mode)\n\n");
    s.append(
        String.format(
            Locale.ROOT,
            "Machine: %d cores, %s, %s GiB memory; %s; %s; load average (1, 5, 15 min) "
                + "when the run ended: %s.%n%n",
            m.get("cores").asInt(),
            m.get("cpu").asText(),
            m.get("memoryGiB").asText(),
            m.get("jvm").asText(),
            m.get("os").asText(),
            m.path("loadAverage").asText("?")));

    s.append(
        "## Peers: the same 30 rules four ways, 100 deals per call (deals/s; ratio = plain Java / peer)\n\n");
    s.append("| peer | 1 thread | ratio | 2 threads | ratio |\n|---|---|---|---|---|\n");
    for (String peer : PEERS) {
      s.append("| ").append(PEER_NAMES.get(peer));
      for (int t : new int[] {1, 2}) {
        JsonNode e = find(jmh, "PeerBenchmark.batch", peer, t);
        JsonNode floor = find(jmh, "PeerBenchmark.batch", "java", t);
        s.append(" | ").append(e == null ? "–" : rate(score(e)));
        s.append(" | ").append(e == null || floor == null ? "–" : ratio(score(floor) / score(e)));
      }
      s.append(" |\n");
    }

    s.append("\n## Playbooks: batches of 100 deals (deals/s)\n\n");
    s.append(
        "Findings: every action, gap message and readiness criterion read, as an integration reacting to a CRM "
            + "change reads them. Everything: also every gap's evidence and every scorecard, which are computed when "
            + "first read.\n\n");
    s.append(
        "| playbook | findings, 1 thread | findings, 2 threads | everything, 1 thread | everything, 2 threads "
            + "|\n|---|---|---|---|---|\n");
    for (String book : BOOKS) {
      s.append("| ").append(book);
      for (String method :
          new String[] {"PlaybookBenchmark.batch", "PlaybookBenchmark.batchEverything"}) {
        for (int t : new int[] {1, 2}) {
          JsonNode e = find(jmh, method, book, t);
          s.append(" | ").append(e == null ? "–" : rate(score(e)));
        }
      }
      s.append(" |\n");
    }
    s.append("\n## Playbooks: one deal per call, p50 / p99 (µs)\n\n");
    s.append(
        "| playbook | findings, 1 thread | findings, 2 threads | everything, 1 thread | everything, 2 threads "
            + "|\n|---|---|---|---|---|\n");
    for (String book : BOOKS) {
      s.append("| ").append(book);
      for (String method :
          new String[] {"PlaybookBenchmark.single", "PlaybookBenchmark.singleEverything"}) {
        for (int t : new int[] {1, 2}) {
          JsonNode e = find(jmh, method, book, t);
          s.append(" | ")
              .append(
                  e == null
                      ? "–"
                      : String.format(
                          Locale.ROOT,
                          "%.1f / %.1f",
                          percentile(e, "50.0"),
                          percentile(e, "99.0")));
        }
      }
      s.append(" |\n");
    }

    s.append("\n## standard-b2b on open deals only (findings read)\n\n");
    s.append("| | 1 thread | 2 threads |\n|---|---|---|\n");
    s.append("| batch (deals/s)");
    for (int t : new int[] {1, 2}) {
      JsonNode e = find(jmh, "PlaybookBenchmark.batch", "standard-b2b", "open", t);
      s.append(" | ").append(e == null ? "–" : rate(score(e)));
    }
    s.append(" |\n| one deal, p50 / p99 (µs)");
    for (int t : new int[] {1, 2}) {
      JsonNode e = find(jmh, "PlaybookBenchmark.single", "standard-b2b", "open", t);
      s.append(" | ")
          .append(
              e == null
                  ? "–"
                  : String.format(
                      Locale.ROOT, "%.1f / %.1f", percentile(e, "50.0"), percentile(e, "99.0")));
    }
    s.append(" |\n");

    s.append("\n## Load and compile (ms) and heap retained\n\n");
    s.append("| playbook | cold, fresh JVM | warm | heap retained (MiB) |\n|---|---|---|---|\n");
    for (String book : BOOKS) {
      JsonNode cold = find(jmh, "CompileBenchmark.cold", book, 1);
      JsonNode warm = find(jmh, "CompileBenchmark.warm", book, 1);
      JsonNode heap = r.path("heapMiB").path(book);
      s.append("| ")
          .append(book)
          .append(" | ")
          .append(cold == null ? "–" : String.format(Locale.ROOT, "%.0f", score(cold)))
          .append(" | ")
          .append(warm == null ? "–" : String.format(Locale.ROOT, "%.1f", score(warm)))
          .append(" | ")
          .append(heap.isMissingNode() ? "–" : heap.asText())
          .append(" |\n");
    }

    JsonNode cs = r.get("coldStart");
    if (cs != null && !cs.isNull()) {
      s.append(
          String.format(
              Locale.ROOT,
              "%n## Cold start%n%n`%s`: median of %d runs %.2f s wall, %.0f MB peak RSS "
                  + "(runs: %s).%n",
              cs.get("command").asText(),
              cs.get("runs").size(),
              cs.get("medianWallSeconds").asDouble(),
              cs.get("medianPeakRssKiB").asDouble() / 1024,
              cs.get("runs").toString()));
    }
    JsonNode book = r.get("portfolio");
    if (book != null && !book.isNull()) {
      s.append(
          String.format(
              Locale.ROOT,
              "%n## Whole book through the portfolio path%n%n%,d generated deals, playbook %s, "
                  + "%d threads, -Xmx512m (%.0f MiB usable): %.1f s, %,.0f deals/s, peak heap %.0f MiB "
                  + "(1,000,000 deals at this rate: %.0f s).%n",
              book.get("deals").asLong(),
              book.get("playbook").asText(),
              book.get("threads").asInt(),
              book.get("maxHeapMiB").asDouble(),
              book.get("seconds").asDouble(),
              book.get("dealsPerSecond").asDouble(),
              book.get("peakHeapMiB").asDouble(),
              1_000_000 / book.get("dealsPerSecond").asDouble()));
    }
    s.append(
        "\nJSON with every JMH score and its error: `latest.json`. How this was measured: docs/performance.md.\n");
    return s.toString();
  }

  private static String rate(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  private static String ratio(double v) {
    return String.format(Locale.ROOT, "%.1fx", v);
  }
}
