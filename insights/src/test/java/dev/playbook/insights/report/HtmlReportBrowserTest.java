package dev.playbook.insights.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report in headless Chromium (Debian's {@code chromium} package; {@code .ci/run}
 * installs it) and checks what a browser makes of it: the charts are laid out with visible marks,
 * and the numbers in the rendered page are the numbers of the JSON.
 */
class HtmlReportBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  /**
   * Added to the page by the test only: once the page has loaded, writes into the DOM how many
   * marks each chart has and how many of them the browser laid out with a non-zero size.
   */
  static final String PROBE =
      """
      <script>
      window.addEventListener('load', function () {
        document.querySelectorAll('svg').forEach(function (svg) {
          var box = svg.getBoundingClientRect();
          svg.setAttribute('data-probe-size', Math.round(box.width) + 'x' + Math.round(box.height));
          var marks = svg.querySelectorAll('rect.bar, rect.cell, g.whisker, circle, line.range, text');
          var visible = 0;
          marks.forEach(function (m) {
            var r = m.getBoundingClientRect();
            if (r.width > 0 && r.height > 0) { visible++; }
          });
          svg.setAttribute('data-probe-marks', marks.length);
          svg.setAttribute('data-probe-visible', visible);
        });
        document.body.setAttribute('data-probe', 'done');
      });
      </script>
      """;

  @TempDir static Path dir;

  static JsonNode json;
  static Document rendered;
  static Path screenshot;

  @BeforeAll
  static void openInChromium() throws Exception {
    assumeTrue(
        Files.isExecutable(CHROMIUM),
        "headless Chromium is not installed at "
            + CHROMIUM
            + " (on Debian: apt-get install chromium; .ci/run installs it), so the report is not opened in a browser");
    json = ReportPages.fixture();
    Path page = dir.resolve("report.html");
    Files.writeString(
        page,
        HtmlReport.render(ReportPages.report(json)).replace("</body>", PROBE + "</body>"),
        StandardCharsets.UTF_8);
    rendered = Jsoup.parse(chromium(page, "--dump-dom"));
    screenshot = dir.resolve("report.png");
    chromium(page, "--screenshot=" + screenshot);
  }

  @Test
  void chromium_chartsAreLaidOutWithVisibleMarks() {
    assertThat(rendered.body().attr("data-probe"))
        .as("the probe ran after the page loaded")
        .isEqualTo("done");
    for (String id : List.of("chart-funnel", "chart-cycle", "chart-heatmap")) {
      Element svg = rendered.getElementById(id);
      assertThat(svg).as(id).isNotNull();
      String[] size = svg.attr("data-probe-size").split("x");
      assertThat(Integer.parseInt(size[0])).as("width of %s", id).isGreaterThan(300);
      assertThat(Integer.parseInt(size[1])).as("height of %s", id).isGreaterThan(100);
      int marks = Integer.parseInt(svg.attr("data-probe-marks"));
      assertThat(marks).as("marks in %s", id).isGreaterThan(10);
      assertThat(Integer.parseInt(svg.attr("data-probe-visible")))
          .as("visible marks in %s", id)
          .isEqualTo(marks);
    }
    for (Element ci : rendered.select("#backtest svg.ci")) {
      assertThat(ci.attr("data-probe-size")).isEqualTo("180x22");
    }
  }

  @Test
  void chromium_everyNumberOnTheRenderedPageIsItsJsonValue() {
    int checked = ReportPages.assertNumbersMatch(rendered, json);

    assertThat(checked)
        .isEqualTo(
            Jsoup.parse(HtmlReport.render(ReportPages.report(json))).select("[data-key]").size());
  }

  @Test
  void chromium_screenshotShowsTheChartsInColour() throws IOException {
    BufferedImage image = ImageIO.read(screenshot.toFile());

    assertThat(image.getWidth()).isEqualTo(1280);
    Set<Integer> colours = new HashSet<>();
    boolean blue = false;
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        blue |= rgb == 0x2f6db5;
      }
    }
    assertThat(colours.size()).as("distinct colours in the screenshot").isGreaterThan(50);
    assertThat(blue).as("the funnel's blue bars are in the screenshot").isTrue();
  }

  /** Runs headless Chromium on {@code page} with {@code action}; returns what it printed. */
  static String chromium(Path page, String action) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(dir, "profile");
    List<String> command =
        new ArrayList<>(
            List.of(
                CHROMIUM.toString(),
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
                "--window-size=1280,2400",
                "--virtual-time-budget=3000",
                action,
                page.toUri().toString()));
    Path stdout = dir.resolve("chromium.out");
    Path stderr = dir.resolve("chromium.err");
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
