package dev.playbook.benchmarks;

import dev.playbook.Playbook;
import dev.playbook.insights.CsvMapping;
import dev.playbook.insights.DealSource;
import dev.playbook.insights.Portfolio;
import dev.playbook.insights.trail.TrailGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the report ({@code standard-b2b}, mapping {@code salesforce}, at the generator's export time
 * and a fixed clock) on a generated book read from two databases, and compares the two {@code
 * report.json} byte for byte, the {@code runtime} object cut out and each database's URL replaced
 * by {@code DB}, as {@code JdbcReadTest} does. Writes both to {@code report-a.json} and {@code
 * report-b.json} in the current folder and prints one JSON object; exits 1 when they differ. Usage:
 * {@code ReportCompare URL_A USER_A URL_B USER_B}, a user {@code -} for none.
 */
public final class ReportCompare {

  private ReportCompare() {}

  public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
    Playbook playbook = Playbook.builtIn("standard-b2b");
    long start = System.nanoTime();
    String a = report(args[0], user(args[1]), playbook);
    double secondsA = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    String b = report(args[2], user(args[3]), playbook);
    double secondsB = (System.nanoTime() - start) / 1e9;
    Files.writeString(Path.of("report-a.json"), a, StandardCharsets.UTF_8);
    Files.writeString(Path.of("report-b.json"), b, StandardCharsets.UTF_8);
    boolean same = a.equals(b);
    System.out.printf(
        Locale.ROOT,
        "{\"identical\": %s, \"bytesA\": %d, \"bytesB\": %d, \"sha256A\": \"%s\","
            + " \"sha256B\": \"%s\", \"secondsA\": %.1f, \"secondsB\": %.1f}%n",
        same,
        a.getBytes(StandardCharsets.UTF_8).length,
        b.getBytes(StandardCharsets.UTF_8).length,
        sha256(a),
        sha256(b),
        secondsA,
        secondsB);
    if (!same) {
      System.exit(1);
    }
  }

  private static String user(String arg) {
    return "-".equals(arg) ? null : arg;
  }

  private static String report(String url, String user, Playbook playbook) {
    try (DealSource s =
        DealSource.jdbc(url, user, null, CsvMapping.builtIn("salesforce"), Map.of())) {
      String json =
          Portfolio.evaluate(
                  s,
                  playbook,
                  TrailGenerator.EXPORTED_AT,
                  Portfolio.Options.builder()
                      .clock(Clock.fixed(TrailGenerator.EXPORTED_AT, ZoneOffset.UTC))
                      .build())
              .toJson();
      String label = url.replaceFirst("[;?].*", "");
      return json.replace(label, "DB")
          .replaceFirst("\"runtime\"\\s*:\\s*\\{[^}]*\\}", "\"runtime\" : {}");
    }
  }

  private static String sha256(String s) throws NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
