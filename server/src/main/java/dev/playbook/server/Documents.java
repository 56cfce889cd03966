package dev.playbook.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.playbook.Playbook;
import dev.playbook.RuleTestReport;
import dev.playbook.json.ResultJson;
import dev.playbook.problem.Problem;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** The server's own JSON documents: errors and the playbook list; results are ResultJson's. */
final class Documents {

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final int MAX_ECHO = 200;

  private Documents() {}

  /**
   * {@code {"schema_version":1,"error":{"status","code","message"},"problems":[...]}}: the problems
   * as ResultJson writes them.
   */
  static String error(int status, String code, String message, List<Problem> problems) {
    String problemsDoc = ResultJson.writeProblems(problems);
    // reuse the problems array of the problems document: everything after its version field
    String array =
        problemsDoc.substring(problemsDoc.indexOf("\"problems\""), problemsDoc.length() - 1);
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("schema_version", ResultJson.SCHEMA_VERSION);
      g.writeObjectFieldStart("error");
      g.writeNumberField("status", status);
      g.writeStringField("code", code);
      g.writeStringField("message", message);
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String head = out.toString();
    return head.substring(0, head.length() - 1) + "," + array + "}";
  }

  static String playbooks(Collection<Served> served) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("schema_version", ResultJson.SCHEMA_VERSION);
      g.writeArrayFieldStart("playbooks");
      for (Served s : served) {
        Playbook p = s.observed().current();
        g.writeStartObject();
        g.writeStringField("id", p.id());
        g.writeStringField("title", p.title());
        g.writeStringField("revision", p.revision());
        g.writeNumberField("version", s.version());
        g.writeBooleanField("watched", s.isWatched());
        g.writeArrayFieldStart("stages");
        for (String stage : p.stages()) {
          g.writeString(stage);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("rules");
        for (String rule : p.ruleIds()) {
          g.writeString(rule);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("problems");
        for (Problem problem : s.lastProblems()) {
          g.writeString(problem.render());
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * The outcome of rule test files: {@code {"schema_version":1,"playbook","files":[{"file",
   * "playbook","problems":[...],"cases":[{"name","line","at","status","failures":[...]}]}],
   * "totals":{"files","passed","failed","skipped","problems"}}}, {@code at} being {@code file:line}
   * of the case.
   */
  static String tests(String playbook, List<RuleTestReport> reports) {
    StringWriter out = new StringWriter();
    long[] totals = new long[4];
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("schema_version", ResultJson.SCHEMA_VERSION);
      g.writeStringField("playbook", playbook);
      g.writeArrayFieldStart("files");
      for (RuleTestReport r : reports) {
        g.writeStartObject();
        g.writeStringField("file", r.file());
        g.writeStringField("playbook", r.playbook());
        g.writeArrayFieldStart("problems");
        for (Problem p : r.problems()) {
          g.writeStartObject();
          g.writeStringField("code", p.code());
          g.writeStringField("file", p.file());
          g.writeNumberField("line", p.line());
          g.writeNumberField("column", p.column());
          g.writeStringField("message", p.message());
          g.writeStringField("rendered", p.render());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("cases");
        for (RuleTestReport.Case c : r.cases()) {
          g.writeStartObject();
          g.writeStringField("name", c.name());
          g.writeNumberField("line", c.line());
          g.writeStringField("at", r.file() + ":" + c.line());
          g.writeStringField("status", c.status().name().toLowerCase(Locale.ROOT));
          g.writeArrayFieldStart("failures");
          for (String f : c.failures()) {
            g.writeString(f);
          }
          g.writeEndArray();
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        totals[0] += r.count(RuleTestReport.Status.PASSED);
        totals[1] += r.count(RuleTestReport.Status.FAILED);
        totals[2] += r.count(RuleTestReport.Status.SKIPPED);
        totals[3] += r.problems().size();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("totals");
      g.writeNumberField("files", reports.size());
      g.writeNumberField("passed", totals[0]);
      g.writeNumberField("failed", totals[1]);
      g.writeNumberField("skipped", totals[2]);
      g.writeNumberField("problems", totals[3]);
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** {@code text} as a JSON string. */
  static String quote(String text) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeString(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** A client's text echoed in a message: at most 200 characters, control characters escaped. */
  static String visible(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && i < MAX_ECHO; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    if (text.length() > MAX_ECHO) {
      out.append("...");
    }
    return out.toString();
  }
}
