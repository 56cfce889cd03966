package dev.playbook.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load figures of docs/server.md: single-deal evaluate requests from concurrent clients on
 * loopback, bounded in count and time. Not a test; run by hand:
 *
 * <pre>
 * java -cp "server/target/test-classes:server/target/classes:$(cat /tmp/cp.txt)" \
 *     dev.playbook.server.LoadRun CLIENTS REQUESTS_PER_CLIENT MAX_SECONDS
 * </pre>
 */
public final class LoadRun {

  private LoadRun() {}

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 64;
    int perClient = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    long maxSeconds = args.length > 2 ? Long.parseLong(args[2]) : 60;
    String deal = Files.readString(Path.of("examples/deals/deals.json")).strip();
    // the first deal of the example file, as one object
    String one = deal.substring(deal.indexOf('{'), matchingBrace(deal, deal.indexOf('{')) + 1);
    try (PlaybookServer server =
        PlaybookServer.builder()
            .playbook(Path.of("examples/playbooks/acme"))
            .port(0)
            .pollInterval(Duration.ZERO)
            .start()) {
      URI uri = server.uri().resolve("/v1/playbooks/acme/evaluate?as_of=2026-11-20");
      HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(30))
              .POST(HttpRequest.BodyPublishers.ofString(one))
              .build();
      // warm up: the JIT and the rule base
      for (int i = 0; i < 2000; i++) {
        http.send(request, HttpResponse.BodyHandlers.ofString());
      }
      long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
      long[] latencies = new long[clients * perClient];
      AtomicInteger next = new AtomicInteger();
      AtomicInteger failures = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      List<Future<?>> done = new ArrayList<>();
      long start = System.nanoTime();
      for (int c = 0; c < clients; c++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perClient && System.nanoTime() < deadline; i++) {
                    long t0 = System.nanoTime();
                    try {
                      HttpResponse<String> r =
                          http.send(request, HttpResponse.BodyHandlers.ofString());
                      if (r.statusCode() != 200) {
                        failures.incrementAndGet();
                      }
                    } catch (Exception e) {
                      failures.incrementAndGet();
                    }
                    latencies[next.getAndIncrement()] = System.nanoTime() - t0;
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      long took = System.nanoTime() - start;
      pool.shutdown();
      int n = next.get();
      long[] sorted = Arrays.copyOf(latencies, n);
      Arrays.sort(sorted);
      System.out.printf(
          "clients=%d requests=%d failures=%d seconds=%.2f throughput=%.0f req/s p50=%.2f ms"
              + " p99=%.2f ms max=%.2f ms processors=%d%n",
          clients,
          n,
          failures.get(),
          took / 1e9,
          n / (took / 1e9),
          sorted[n / 2] / 1e6,
          sorted[(int) Math.min(n - 1, Math.ceil(n * 0.99) - 1)] / 1e6,
          sorted[n - 1] / 1e6,
          Runtime.getRuntime().availableProcessors());
      System.exit(0);
    }
  }

  private static int matchingBrace(String s, int open) {
    int depth = 0;
    boolean inString = false;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("no deal object");
  }
}
