package dev.playbook.insights.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.playbook.Playbook;
import dev.playbook.insights.DealSource;
import dev.playbook.insights.Portfolio;
import dev.playbook.insights.PortfolioReport;
import dev.playbook.insights.trail.TrailFormat;
import dev.playbook.insights.trail.TrailGenerator;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The page of a real report (a generated book of 400 deals with the 43 rules of {@code
 * standard-b2b}, its warnings, time to win, landmark backtest and breakdowns) laid out by headless
 * Chromium at 1280 and 1920 px: no sideways scroll, no block outside the viewport, no two blocks of
 * a section on top of each other, and a screenshot as wide as the window.
 */
class HtmlReportLayoutTest {

  /** Writes every layout problem found after loading into {@code body[data-layout]}. */
  static final String PROBE =
      """
      <script>
      window.addEventListener('load', function () {
        var vw = document.documentElement.clientWidth;
        var problems = [];
        var sw = document.documentElement.scrollWidth;
        if (sw > vw) { problems.push('the page scrolls sideways: ' + sw + ' > ' + vw); }
        document.querySelectorAll('main > header, main > section, section > h2, section > h3,'
            + ' section > p, section > ul, section > div').forEach(function (e) {
          var r = e.getBoundingClientRect();
          if (r.width > 0 && (r.left < -0.5 || r.right > vw + 0.5)) {
            problems.push((e.id || e.parentElement.id + ' ' + e.tagName) + ' lies outside the'
                + ' viewport: ' + Math.round(r.left) + ' to ' + Math.round(r.right));
          }
        });
        document.querySelectorAll('main > section').forEach(function (s) {
          var kids = Array.prototype.filter.call(s.children, function (c) {
            var r = c.getBoundingClientRect();
            return r.width > 0 && r.height > 0 && getComputedStyle(c).position !== 'absolute';
          });
          for (var i = 0; i + 1 < kids.length; i++) {
            var a = kids[i].getBoundingClientRect();
            var b = kids[i + 1].getBoundingClientRect();
            if (a.bottom > b.top + 0.5 && a.right > b.left + 0.5 && b.right > a.left + 0.5) {
              problems.push(s.id + ': ' + kids[i].tagName + ' overlaps the ' + kids[i + 1].tagName
                  + ' after it');
            }
          }
        });
        document.body.setAttribute('data-layout', problems.length ? problems.join(' | ') : 'ok');
      });
      </script>
      """;

  @TempDir static Path dir;
  static Path page;

  @BeforeAll
  static void render() throws Exception {
    assumeTrue(
        Files.isExecutable(HtmlReportBrowserTest.CHROMIUM),
        "headless Chromium is not installed, so the layout is not checked");
    TrailGenerator.withSeed(3).generate(400, TrailFormat.JSONL, dir.resolve("book"), n -> {});
    PortfolioReport report;
    try (DealSource source = DealSource.open(dir.resolve("book/deals.jsonl"))) {
      report =
          Portfolio.evaluate(
              source,
              Playbook.builtIn("standard-b2b"),
              TrailGenerator.EXPORTED_AT,
              Portfolio.Options.builder().threads(2).by(List.of("lead_source", "segment")).build());
    }
    page = dir.resolve("report.html");
    Files.writeString(
        page,
        HtmlReport.render(report).replace("</body>", PROBE + "</body>"),
        StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(ints = {1280, 1920})
  void chromium_realReport_hasNoOverflowAndNoOverlap(int width) throws Exception {
    String dom = chromium(page, width, "--dump-dom");
    Path shot = dir.resolve("report-" + width + ".png");
    chromium(page, width, "--screenshot=" + shot);

    assertThat(Jsoup.parse(dom).body().attr("data-layout")).isEqualTo("ok");
    BufferedImage image = ImageIO.read(shot.toFile());
    assertThat(image.getWidth()).isEqualTo(width);
  }

  @org.junit.jupiter.api.Test
  void probe_blockWiderThanTheWindow_isReported() throws Exception {
    Path wide = dir.resolve("wide.html");
    Files.writeString(
        wide,
        "<!DOCTYPE html><html><body style=\"margin:0\"><main><section id=\"s\">"
            + "<div style=\"width:3000px;height:20px\"></div>"
            + "<p style=\"margin-top:-10px\">text</p></section></main>"
            + PROBE
            + "</body></html>",
        StandardCharsets.UTF_8);

    String dom = chromium(wide, 1280, "--dump-dom");

    assertThat(Jsoup.parse(dom).body().attr("data-layout"))
        .isEqualTo(
            "the page scrolls sideways: 3000 > 1280 | s DIV lies outside the viewport: 0 to 3000"
                + " | s: DIV overlaps the P after it");
  }

  static String chromium(Path page, int width, String action)
      throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(dir, "profile");
    List<String> command =
        new ArrayList<>(
            List.of(
                HtmlReportBrowserTest.CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--user-data-dir=" + profile,
                "--window-size=" + width + ",2400",
                "--virtual-time-budget=3000",
                action,
                page.toUri().toString()));
    Path stdout = dir.resolve("chromium-" + width + ".out");
    Path stderr = dir.resolve("chromium-" + width + ".err");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("chromium did not finish in 90 s: " + Files.readString(stderr));
    }
    assertThat(process.exitValue())
        .as("chromium exit code; stderr: %s", Files.readString(stderr))
        .isZero();
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }
}
