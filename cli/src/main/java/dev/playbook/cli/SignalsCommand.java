package dev.playbook.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.playbook.conversations.Conversation;
import dev.playbook.conversations.ConversationAnalysis;
import dev.playbook.conversations.DealSignals;
import dev.playbook.conversations.ReadLimits;
import dev.playbook.model.Activity;
import dev.playbook.model.ActivityType;
import dev.playbook.model.Deal;
import dev.playbook.model.Evidence;
import dev.playbook.model.EvidenceStatus;
import dev.playbook.model.NextStep;
import dev.playbook.model.Signals;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code playbook signals}: the metrics, tracker hits, next steps and suggested evidence of one
 * conversation, or of every conversation of a deal file, for authors tuning trackers.
 */
@Command(
    name = "signals",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Prints what a conversation holds: its metrics, tracker hits (with quote, time and"
          + " speaker), detected next steps and suggested evidence.",
      "FILE is a transcript or e-mail (.vtt, .srt, .json, .txt, .eml), or, with --transcripts, a"
          + " deal file whose activities' conversations are in DIR."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  playbook signals call.vtt --speaker \"Maya Chen=rep\" --speaker \"Daniel Reed=buyer\"",
      "  playbook signals deals.yaml --transcripts transcripts --format json",
      "  playbook signals call.vtt --playbook playbooks/acme --speaker Maya=rep"
    })
final class SignalsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ParentCommand Main main;

  @Mixin FormatOption format;

  @Parameters(index = "0", paramLabel = "FILE", description = "A transcript, or a deal file.")
  Path file;

  @Option(
      names = "--transcripts",
      paramLabel = "DIR",
      description = "FILE is a deal file; its conversations are files named by activity id in DIR.")
  Path transcripts;

  @Option(
      names = "--playbook",
      paramLabel = "FOLDER",
      description = "Also match the trackers of this playbook folder. Repeatable.")
  List<Path> playbooks = new ArrayList<>();

  @Option(
      names = "--speaker",
      paramLabel = "NAME=SIDE",
      description =
          "Who a speaker is: rep, buyer or a contact id. Repeatable; wins over the speakers.yaml"
              + " beside a deal's conversations.")
  Map<String, String> speakers = new LinkedHashMap<>();

  @Option(
      names = "--at",
      paramLabel = "WHEN",
      description =
          "When a transcript's conversation started, such as 2026-11-17T15:00:00+01:00; dates"
              + " such as 'next Tuesday' are resolved against it.")
  OffsetDateTime at;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Set<Problem> problems = new TreeSet<>();
    List<Row> rows = new ArrayList<>();
    try {
      DealSignals signals = DealSignals.of(Transcripts.trackers(playbooks));
      if (transcripts == null) {
        rows.add(transcript(signals));
      } else {
        for (Deal deal : dev.playbook.Deals.read(file)) {
          Map<String, String> mapping =
              new LinkedHashMap<>(DealSignals.readSpeakers(transcripts, deal));
          mapping.putAll(speakers);
          DealSignals.Enriched e =
              signals.enrich(
                  deal, DealSignals.readFolder(transcripts, deal, ReadLimits.DEFAULT), mapping);
          for (Map.Entry<String, ConversationAnalysis> a : e.analyses().entrySet()) {
            rows.add(row(e, a.getKey(), a.getValue()));
          }
        }
      }
    } catch (ProblemException e) {
      problems.addAll(e.problems());
    } catch (IllegalArgumentException e) {
      err.println("error: " + Visible.line(e.getMessage()));
      err.flush();
      return 1;
    }
    if (!problems.isEmpty()) {
      err.print(TextReport.problems(problems));
      err.flush();
      return 1;
    }
    out.print(format.json() ? json(rows) : text(rows));
    out.flush();
    return 0;
  }

  /** One analysed conversation, as printed. */
  record Row(
      String deal,
      Activity activity,
      ConversationAnalysis analysis,
      Map<String, Evidence> suggested,
      List<NextStep> nextSteps) {}

  private Row transcript(DealSignals signals) {
    Conversation c = dev.playbook.conversations.Transcripts.read(file, ReadLimits.DEFAULT);
    if (at != null) {
      c = c.withStartedAt(at);
    }
    Instant when = c.startedAt() == null ? Instant.EPOCH : c.startedAt().toInstant();
    ActivityType type =
        c.channel() == dev.playbook.conversations.Channel.EMAIL
            ? ActivityType.EMAIL
            : c.channel() == dev.playbook.conversations.Channel.MEETING
                ? ActivityType.MEETING
                : ActivityType.CALL;
    String id = "conversation";
    Deal deal =
        Deal.builder("signals", "discovery")
            .activities(List.of(Activity.builder(id, type, when).build()))
            .build();
    DealSignals.Enriched e = signals.enrich(deal, Map.of(id, c), speakers, false);
    return row(e, id, e.analyses().get(id));
  }

  private static Row row(DealSignals.Enriched e, String activityId, ConversationAnalysis a) {
    Activity activity =
        e.deal().activities().stream().filter(x -> x.id().equals(activityId)).findFirst().get();
    Map<String, Evidence> suggested = new LinkedHashMap<>();
    e.deal()
        .evidence()
        .forEach(
            (k, v) -> {
              if (v.status() == EvidenceStatus.SUGGESTED
                  && v.quote() != null
                  && v.quote().activityId().equals(activityId)) {
                suggested.put(k, v);
              }
            });
    List<NextStep> steps = new ArrayList<>();
    for (var p : a.nextSteps()) {
      steps.add(p.toNextStep());
    }
    return new Row(e.deal().id(), activity, a, suggested, steps);
  }

  static String text(List<Row> rows) {
    StringBuilder b = new StringBuilder();
    for (Row r : rows) {
      Signals s = r.activity().signals();
      b.append(r.analysis().conversation().source())
          .append(" (deal ")
          .append(r.deal())
          .append(", activity ")
          .append(r.activity().id())
          .append(")\n");
      b.append("  metrics:\n");
      for (String m : Signals.METRICS) {
        BigDecimal v = s.metrics().get(m);
        b.append(String.format("    %-18s%s%n", m, v == null ? "missing" : v.toPlainString()));
      }
      b.append("  hits: ").append(s.hits().size()).append('\n');
      for (Signals.Hit h : s.hits()) {
        b.append("    ").append(h.tracker()).append(": ").append(h.quote().line()).append('\n');
      }
      b.append("  next steps: ").append(r.nextSteps().size()).append('\n');
      for (NextStep n : r.nextSteps()) {
        b.append("    ")
            .append(n.due() == null ? "no date" : n.due().toString())
            .append(n.buyerCommitment() ? ", buyer committed" : ", not committed")
            .append(": \"")
            .append(n.title())
            .append("\"\n");
      }
      b.append("  suggested evidence: ").append(r.suggested().size()).append('\n');
      r.suggested()
          .forEach((k, v) -> b.append("    ").append(k).append(": ").append(v.text()).append('\n'));
      b.append("  warnings: ").append(r.analysis().warnings().size()).append('\n');
      for (Problem p : r.analysis().warnings()) {
        b.append("    ").append(Visible.line(p.render())).append('\n');
      }
    }
    return b.toString();
  }

  static String json(List<Row> rows) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row r : rows) {
      Signals s = r.activity().signals();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("source", r.analysis().conversation().source());
      m.put("deal", r.deal());
      m.put("activity", r.activity().id());
      Map<String, Object> metrics = new LinkedHashMap<>();
      for (String name : Signals.METRICS) {
        metrics.put(name, s.metrics().get(name));
      }
      m.put("metrics", metrics);
      List<Map<String, Object>> hits = new ArrayList<>();
      for (Signals.Hit h : s.hits()) {
        Map<String, Object> hm = new LinkedHashMap<>();
        hm.put("tracker", h.tracker());
        hm.put("speaker", h.quote().speaker());
        hm.put("party", h.quote().party());
        hm.put(
            "offset_seconds", h.quote().offset() == null ? null : h.quote().offset().toSeconds());
        hm.put("quote", h.quote().text());
        hm.put("line", h.quote().line());
        hits.add(hm);
      }
      m.put("hits", hits);
      List<Map<String, Object>> steps = new ArrayList<>();
      for (NextStep n : r.nextSteps()) {
        Map<String, Object> nm = new LinkedHashMap<>();
        nm.put("quote", n.title());
        nm.put("due", n.due() == null ? null : n.due().toString());
        nm.put("owner", n.owner());
        nm.put("buyer_commitment", n.buyerCommitment());
        steps.add(nm);
      }
      m.put("next_steps", steps);
      Map<String, Object> ev = new LinkedHashMap<>();
      r.suggested().forEach((k, v) -> ev.put(k, v.text()));
      m.put("suggested_evidence", ev);
      m.put("warnings", r.analysis().warnings().stream().map(Problem::render).toList());
      out.add(m);
    }
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out)
          + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
