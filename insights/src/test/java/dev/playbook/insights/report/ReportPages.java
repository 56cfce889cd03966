package dev.playbook.insights.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.playbook.insights.PortfolioReport;
import dev.playbook.insights.PortfolioReport.Backtest;
import dev.playbook.insights.PortfolioReport.Compliance;
import dev.playbook.insights.PortfolioReport.FunnelNode;
import dev.playbook.insights.PortfolioReport.Group;
import dev.playbook.insights.PortfolioReport.Input;
import dev.playbook.insights.PortfolioReport.PlaybookSummary;
import dev.playbook.insights.PortfolioReport.RuleBacktest;
import dev.playbook.insights.PortfolioReport.RuleFlags;
import dev.playbook.insights.PortfolioReport.Run;
import dev.playbook.insights.PortfolioReport.Side;
import dev.playbook.insights.PortfolioReport.WinRate;
import dev.playbook.insights.PortfolioReport.WinRatesBy;
import dev.playbook.problem.Problem;
import dev.playbook.result.DealError;
import dev.playbook.result.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * The report fixture, and how a test reads the page's numbers back against the JSON. The fixture is
 * report JSON, so that it reads as the contract; {@link #report(JsonNode)} builds the typed report
 * it describes (every key required), which is what the page is drawn from.
 */
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

  /** The typed report the JSON {@code json} describes; a missing key fails with its path. */
  static PortfolioReport report(JsonNode json) {
    JsonNode pb = req(json, "playbook");
    JsonNode in = req(json, "input");
    JsonNode matrix = req(json, "rep_rule_compliance");
    JsonNode by = req(json, "win_rate_by");
    JsonNode bt = req(json, "backtest");
    JsonNode rt = req(json, "runtime");
    List<List<Double>> rates = new ArrayList<>();
    for (JsonNode row : req(matrix, "rates")) {
      List<Double> r = new ArrayList<>();
      row.forEach(v -> r.add(v.isNull() ? null : v.doubleValue()));
      rates.add(r);
    }
    return new PortfolioReport(
        Instant.parse(req(json, "generated_at").asText()),
        Instant.parse(req(json, "as_of").asText()),
        new PlaybookSummary(req(pb, "id").asText(), text(pb, "title"), req(pb, "rules").intValue()),
        new Input(
            strings(req(in, "files")),
            whole(in, "rows"),
            whole(in, "deals"),
            whole(in, "bad_rows"),
            list(
                req(in, "problems"),
                p ->
                    new Problem(
                        req(p, "code").asText(),
                        req(p, "file").asText(),
                        req(p, "line").intValue(),
                        req(p, "column").intValue(),
                        req(p, "message").asText())),
            whole(in, "problem_count"),
            whole(in, "failed_deals"),
            list(
                req(in, "failures"),
                f ->
                    new DealError(
                        0,
                        req(f, "deal").asText(),
                        DealError.Kind.valueOf(
                            req(f, "code")
                                .asText()
                                .toUpperCase(java.util.Locale.ROOT)
                                .replace('-', '_')),
                        text(f, "rule"),
                        text(f, "condition"),
                        req(f, "message").asText()))),
        group(req(json, "totals"), false),
        list(req(json, "by_rep"), g -> group(g, true)),
        list(req(json, "by_team"), g -> group(g, true)),
        list(req(json, "by_stage"), g -> group(g, true)),
        list(
            req(json, "by_rule"),
            r ->
                new RuleFlags(
                    req(r, "rule").asText(),
                    text(r, "title"),
                    text(r, "methodology"),
                    text(r, "element"),
                    whole(r, "flagged_deals"),
                    share(r, "flagged_share"))),
        new Compliance(strings(req(matrix, "reps")), strings(req(matrix, "rules")), rates),
        list(
            req(req(json, "funnel"), "nodes"),
            n ->
                new FunnelNode(
                    req(n, "id").asText(),
                    text(n, "title"),
                    whole(n, "reached"),
                    whole(n, "observed"),
                    share(n, "conversion_from_previous"),
                    share(n, "median_days_from_previous"))),
        list(req(json, "win_rate_by_cycle"), w -> winRate(w, "bucket")),
        new WinRatesBy(
            winRates(by, "rep"),
            winRates(by, "team"),
            winRates(by, "product"),
            winRates(by, "sector"),
            winRates(by, "deal_size")),
        new Backtest(
            req(bt, "as_of_method").asText(),
            whole(bt, "deals"),
            whole(bt, "skipped"),
            list(
                req(bt, "rules"),
                r ->
                    new RuleBacktest(
                        req(r, "rule").asText(),
                        text(r, "title"),
                        side(req(r, "fired")),
                        side(req(r, "not_fired")),
                        share(r, "lift"),
                        share(r, "diff_ci_low"),
                        share(r, "diff_ci_high"),
                        req(r, "small_sample").booleanValue()))),
        new Run(
            req(rt, "seconds").doubleValue(),
            req(rt, "deals_per_second").doubleValue(),
            req(rt, "threads").intValue(),
            whole(rt, "max_deals_in_flight")));
  }

  private static Group group(JsonNode g, boolean keyed) {
    Map<Severity, Long> sev = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      sev.put(s, whole(req(g, "gaps_by_severity"), s.id()));
    }
    return new Group(
        keyed ? req(g, "key").asText() : "all",
        keyed ? text(g, "team") : null,
        whole(g, "deals"),
        whole(g, "open"),
        whole(g, "won"),
        whole(g, "lost"),
        share(g, "win_rate"),
        share(g, "compliance_rate"),
        sev,
        whole(g, "open_actions"),
        whole(g, "stalled"));
  }

  private static List<WinRate> winRates(JsonNode by, String dimension) {
    return list(req(by, dimension), w -> winRate(w, "key"));
  }

  private static WinRate winRate(JsonNode w, String keyName) {
    return new WinRate(
        req(w, keyName).asText(),
        whole(w, "closed"),
        whole(w, "won"),
        share(w, "win_rate"),
        share(w, "ci_low"),
        share(w, "ci_high"),
        req(w, "small_sample").booleanValue());
  }

  private static Side side(JsonNode s) {
    return new Side(whole(s, "closed"), whole(s, "won"), share(s, "win_rate"));
  }

  private static JsonNode req(JsonNode node, String key) {
    JsonNode v = node.get(key);
    assertThat(v).as("key %s of %s", key, node).isNotNull();
    return v;
  }

  private static long whole(JsonNode node, String key) {
    return req(node, key).longValue();
  }

  private static Double share(JsonNode node, String key) {
    JsonNode v = req(node, key);
    return v.isNull() ? null : v.doubleValue();
  }

  private static String text(JsonNode node, String key) {
    JsonNode v = req(node, key);
    return v.isNull() ? null : v.asText();
  }

  private static List<String> strings(JsonNode array) {
    return list(array, JsonNode::asText);
  }

  private static <T> List<T> list(JsonNode array, Function<JsonNode, T> item) {
    List<T> out = new ArrayList<>();
    array.forEach(e -> out.add(item.apply(e)));
    return out;
  }

  /**
   * The value at {@code path}, such as {@code by_rep[1].win_rate} or {@code input.problems.length}.
   */
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
      soft.assertThat(value.isNumber() || value.isNull())
          .as("%s is a number or null", path)
          .isTrue();
      soft.assertThat(e.text())
          .as("the page's %s", path)
          .isEqualTo(Figures.format(path, value.isNumber() ? value.numberValue() : null));
    }
    soft.assertAll();
    return keyed.size();
  }
}
