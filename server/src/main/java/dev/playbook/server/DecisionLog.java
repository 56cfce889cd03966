package dev.playbook.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.playbook.observe.EvaluationEvent;
import dev.playbook.observe.EvaluationListener;
import dev.playbook.result.Gap;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * One JSON line per deal evaluated, appended to a file: when, which playbook version, which deal,
 * the outcome, the rules that fired and the gaps found. No deal contents beyond its id.
 */
final class DecisionLog implements EvaluationListener, AutoCloseable {

  private static final JsonFactory FACTORY = new JsonFactory();

  private final BufferedWriter out;
  private final Clock clock;

  DecisionLog(Path file, Clock clock) {
    try {
      this.out =
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot open the decision log " + file + ": " + e.getMessage(), e);
    }
    this.clock = clock;
  }

  @Override
  public void onEvaluation(EvaluationEvent e) {
    StringWriter line = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(line)) {
      g.writeStartObject();
      g.writeStringField("time", clock.instant().toString());
      g.writeStringField("playbook", e.playbook());
      g.writeStringField("revision", e.revision());
      g.writeStringField("deal_id", e.dealId());
      g.writeStringField("as_of", e.asOf().toString());
      g.writeStringField("outcome", e.outcome());
      g.writeArrayFieldStart("fired_rules");
      if (e.evaluation() != null) {
        for (String rule : e.evaluation().firedRules()) {
          g.writeString(rule);
        }
      }
      g.writeEndArray();
      g.writeArrayFieldStart("gaps");
      if (e.evaluation() != null) {
        for (Gap gap : e.evaluation().gaps()) {
          g.writeStartObject();
          g.writeStringField("rule", gap.rule());
          g.writeStringField("severity", gap.severity().id());
          g.writeEndObject();
        }
      }
      g.writeEndArray();
      g.writeNumberField("elapsed_us", e.elapsed().toNanos() / 1000);
      g.writeEndObject();
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
    synchronized (out) {
      try {
        out.write(line.toString());
        out.write('\n');
        out.flush();
      } catch (IOException x) {
        throw new UncheckedIOException("writing the decision log failed", x);
      }
    }
  }

  @Override
  public void close() {
    synchronized (out) {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
