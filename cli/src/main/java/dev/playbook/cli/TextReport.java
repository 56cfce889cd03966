package dev.playbook.cli;

import dev.playbook.descriptor.PlaybookDescriptor;
import dev.playbook.descriptor.StageDescriptor;
import dev.playbook.model.Deal;
import dev.playbook.model.EvidenceStatus;
import dev.playbook.problem.Problem;
import dev.playbook.result.Action;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Gap;
import dev.playbook.result.Scorecard;
import dev.playbook.result.Severity;
import dev.playbook.result.StageReadiness;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes evaluations for people who are not programmers: one block per deal with its gaps, next
 * best actions, scorecards and stage readiness, between a header and a summary line.
 */
final class TextReport {

  private TextReport() {}

  static String write(List<PlaybookRun> runs) {
    return write(runs, false);
  }

  /**
   * The report of every run; {@code compact} leaves out the scorecards and every why line that
   * repeats a gap of its deal.
   */
  static String write(List<PlaybookRun> runs, boolean compact) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < runs.size(); i++) {
      if (i > 0) {
        out.append('\n');
      }
      write(runs.get(i), compact, out);
    }
    return out.toString();
  }

  private static void write(PlaybookRun run, boolean compact, StringBuilder out) {
    Labels l = Labels.of(run.locale());
    out.append(l.t("Playbook"))
        .append(' ')
        .append(run.playbook().id())
        .append(l.open())
        .append(l.count(run.playbook().ruleIds().size(), "rule"))
        .append(l.close())
        .append(" · ")
        .append(l.t("as of"))
        .append(' ')
        .append(when(run.asOf(), run.locale()))
        .append(" · ")
        .append(l.count(run.dealCount(), "deal"))
        .append('\n');
    PlaybookDescriptor descriptor = run.playbook().describe();
    for (PlaybookRun.Result r : run.results()) {
      out.append('\n');
      deal(r.deal(), r.evaluation(), descriptor, compact, out);
    }
    out.append('\n').append(summary(run, l)).append('\n');
  }

  /** The stage's title in {@code locale} when the playbook gives one, else its id. */
  private static String stageTitle(PlaybookDescriptor descriptor, String stage, Locale locale) {
    for (StageDescriptor s : descriptor.stages()) {
      if (s.id().equals(stage)) {
        return s.title(locale);
      }
    }
    return stage;
  }

  private static void deal(
      Deal deal, Evaluation e, PlaybookDescriptor descriptor, boolean compact, StringBuilder out) {
    Labels l = Labels.of(e.locale());
    String stageTitle = stageTitle(descriptor, deal.stage(), e.locale());
    out.append(dealLine(deal, stageTitle, e.segment(), l)).append('\n');
    if (e.gaps().isEmpty() && e.actions().isEmpty()) {
      out.append("  ").append(l.t("No gaps or actions.")).append("\n");
    }
    if (!e.gaps().isEmpty()) {
      out.append("  ").append(l.t("Gaps")).append(" (").append(e.gaps().size()).append(")\n");
      for (Gap g : e.gaps()) {
        out.append("    ")
            .append(String.format(Locale.ROOT, "%-8s", l.t(g.severity().name())))
            .append(' ')
            .append(Visible.line(g.message()))
            .append("  [")
            .append(g.rule())
            .append("]\n");
      }
    }
    if (!e.actions().isEmpty()) {
      out.append("  ")
          .append(l.t("Next best actions"))
          .append(" (")
          .append(e.actions().size())
          .append(")\n");
      int n = 1;
      for (Action a : e.actions()) {
        out.append("    ").append(n++).append(". ").append(Visible.line(a.title())).append('\n');
        out.append("       ")
            .append(l.t("priority"))
            .append(' ')
            .append(a.priority())
            .append(" · ")
            .append(l.t("due"))
            .append(' ')
            .append(date(a.due(), e.locale()));
        if (a.target() != null) {
          out.append(" · ")
              .append(l.t("with"))
              .append(' ')
              .append(
                  Visible.line(
                      a.target().name() != null ? a.target().name() : a.target().contactId()));
        }
        out.append('\n');
        if (!compact || e.gaps().stream().noneMatch(g -> g.message().equals(a.reason()))) {
          out.append("       ")
              .append(l.t("why:"))
              .append(' ')
              .append(Visible.line(a.reason()))
              .append('\n');
        }
        if (a.talkTrack() != null) {
          out.append("       ")
              .append(l.t("say:"))
              .append(" \"")
              .append(Visible.line(a.talkTrack()))
              .append("\"\n");
        }
      }
    }
    if (!compact && !e.scorecards().isEmpty()) {
      out.append("  ").append(l.t("Scorecards")).append("\n");
      for (Scorecard s : e.scorecards()) {
        out.append("    ").append(Visible.line(scorecard(s, l))).append('\n');
      }
    }
    StageReadiness stage = e.stageReadiness();
    if (!stage.keyNodes().isEmpty()) {
      out.append("  ")
          .append(l.t("Stage"))
          .append(' ')
          .append(Visible.line(stageTitle))
          .append(l.colon())
          .append(l.t(stage.ready() ? "ready" : "not ready"))
          .append('\n');
      for (StageReadiness.KeyNode node : stage.keyNodes()) {
        out.append("    ").append(Visible.line(keyNode(node))).append('\n');
      }
    }
  }

  /** {@code D-1 Globex renewal — negotiation · enterprise · 120,000 USD · owner Ana Ruiz}. */
  static String dealLine(Deal deal) {
    return dealLine(deal, deal.stage(), Labels.of(Locale.ENGLISH));
  }

  /** As {@link #dealLine(Deal)}, with the stage's title and the words in the labels' language. */
  static String dealLine(Deal deal, String stageTitle, Labels l) {
    return dealLine(deal, stageTitle, deal.segment(), l);
  }

  /**
   * As {@link #dealLine(Deal, String, Labels)}, with the segment the rules saw (the deal's own or a
   * derived one).
   */
  static String dealLine(Deal deal, String stageTitle, String segment, Labels l) {
    List<String> facts = new ArrayList<>();
    facts.add(stageTitle);
    if (segment != null) {
      facts.add(segment);
    }
    if (deal.amount() != null) {
      facts.add(amount(deal.amount()) + (deal.currency() != null ? " " + deal.currency() : ""));
    }
    if (deal.owner() != null) {
      facts.add(l.t("owner") + " " + deal.owner());
    }
    return Visible.line(
        deal.id()
            + "  "
            + (deal.name() != null ? deal.name() + " — " : "")
            + String.join(" · ", facts));
  }

  /**
   * {@code MEDDIC 25% (Metrics partial, Economic buyer unknown)}: the elements not yet confirmed.
   */
  private static String scorecard(Scorecard s, Labels l) {
    String open =
        s.elements().stream()
            .filter(el -> el.status() != EvidenceStatus.CONFIRMED)
            .map(el -> el.title() + " " + l.t(el.status().id()))
            .collect(Collectors.joining(", "));
    return s.title() + " " + s.percent() + "%" + (open.isEmpty() ? "" : " (" + open + ")");
  }

  /** {@code Discovery complete: Pain confirmed ✗, Champion identified ✓}. */
  private static String keyNode(StageReadiness.KeyNode node) {
    return node.title()
        + ": "
        + node.criteria().stream()
            .map(c -> c.title() + " " + (c.met() ? "✓" : "✗"))
            .collect(Collectors.joining(", "));
  }

  /** {@code 2 deals: 3 gaps (1 high, 2 medium), 4 actions}, and the deals not evaluated. */
  private static String summary(PlaybookRun run, Labels l) {
    Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
    int gaps = 0;
    int actions = 0;
    for (PlaybookRun.Result r : run.results()) {
      for (Gap g : r.evaluation().gaps()) {
        bySeverity.merge(g.severity(), 1, Integer::sum);
        gaps++;
      }
      actions += r.evaluation().actions().size();
    }
    StringBuilder s = new StringBuilder();
    s.append(l.count(run.dealCount(), "deal")).append(l.colon()).append(l.count(gaps, "gap"));
    if (gaps > 0) {
      s.append(l.open())
          .append(
              bySeverity.entrySet().stream()
                  .map(en -> en.getValue() + " " + l.severity(en.getKey()))
                  .collect(Collectors.joining(l.comma())))
          .append(l.close());
    }
    s.append(l.comma()).append(l.count(actions, "action"));
    if (!run.errors().isEmpty()) {
      s.append(l.semicolon()).append(l.notEvaluated(run.errors().size()));
    }
    return s.toString();
  }

  /** Each problem rendered on a line of its own, then {@code N problem(s) found}. */
  static String problems(Collection<Problem> problems) {
    StringBuilder out = new StringBuilder();
    for (Problem p : problems) {
      out.append(p.render()).append('\n');
    }
    return out.append(count(problems.size(), "problem")).append(" found\n").toString();
  }

  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** A date when the moment is the start of a day in UTC, else the ISO instant. */
  /** As {@link #when(Instant)}; in Chinese, a date reads {@code 2026年11月20日}. */
  static String when(Instant instant, Locale locale) {
    LocalDate day = instant.atOffset(ZoneOffset.UTC).toLocalDate();
    return chinese(locale) && instant.equals(day.atStartOfDay(ZoneOffset.UTC).toInstant())
        ? date(day, locale)
        : when(instant);
  }

  /** {@code 2026-11-20}, or in Chinese {@code 2026年11月20日}, as messages write dates. */
  static String date(LocalDate date, Locale locale) {
    return chinese(locale)
        ? date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日"
        : date.toString();
  }

  private static boolean chinese(Locale locale) {
    return locale != null && locale.getLanguage().equals("zh");
  }

  static String when(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT)
        ? instant.atOffset(ZoneOffset.UTC).toLocalDate().toString()
        : instant.toString();
  }

  /** {@code 120,000} or {@code 1,250.50}: grouped thousands, the decimals as written. */
  static String amount(BigDecimal amount) {
    DecimalFormat format =
        new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
    int decimals = Math.max(0, amount.scale());
    format.setMinimumFractionDigits(decimals);
    format.setMaximumFractionDigits(decimals);
    return format.format(amount);
  }
}
