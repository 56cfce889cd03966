package dev.playbook.insights.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/** The report fixture, and how a test reads the page's numbers back against the JSON. */
final class ReportPages {

  private static final Pattern STEP = Pattern.compile("([a-z_]+)|\\[(\\d+)]");

  private ReportPages() {}

  /** The report JSON of the contract, with nulls, small samples and input problems. */
  static JsonNode fixture() {
    try (InputStream in = ReportPages.class.getResourceAsStream("report.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value at {@code path}, such as {@code by_rep[1].win_rate} or {@code input.problems.length}. */
  static JsonNode at(JsonNode root, String path) {
    JsonNode node = root;
    for (String part : path.split("\\.")) {
      if (part.equals("length")) {
        return node.isArray() ? IntNode.valueOf(node.size()) : MissingNode.getInstance();
      }
      Matcher m = STEP.matcher(part);
      int end = 0;
      while (m.find() && m.start() == end) {
        node = m.group(1) != null ? node.path(m.group(1)) : node.path(Integer.parseInt(m.group(2)));
        end = m.end();
      }
      assertThat(end).as("path %s is well formed", path).isEqualTo(part.length());
    }
    return node;
  }

  /**
   * Checks that every element with a {@code data-key} shows the JSON value at that path, formatted
   * as the page formats it, and that the path exists in the JSON; returns how many were checked.
   */
  static int assertNumbersMatch(Document page, JsonNode json) {
    Elements keyed = page.select("[data-key]");
    SoftAssertions soft = new SoftAssertions();
    for (Element e : keyed) {
      String path = e.attr("data-key");
      JsonNode value = at(json, path);
      soft.assertThat(value.isMissingNode()).as("%s is in the JSON", path).isFalse();
      soft.assertThat(e.text()).as("the page's %s", path).isEqualTo(Figures.format(path, value));
    }
    soft.assertAll();
    return keyed.size();
  }
}
