package dev.playbook.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.playbook.json.ResultJson;
import dev.playbook.problem.Problem;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Evaluations;
import dev.playbook.result.Explanation;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * Lets an application's {@link ObjectMapper} write and read the library's results in the JSON of
 * {@code docs/json.md}, the schema the CLI and the server speak: {@code mapper.registerModule(new
 * PlaybookJacksonModule())}, then an {@link Evaluation}, {@link Evaluations}, {@link Explanation}
 * or {@link Problem} may be a value or a field of any object the mapper writes or reads.
 *
 * <p>Every serializer delegates to {@link ResultJson}, so the JSON is the same whatever the
 * mapper's own settings are (naming strategy, date format, enum handling): snake_case keys, enums
 * in lower case, instants in ISO-8601. An {@code Evaluation} or {@code Evaluations} is the whole
 * document, {@code schema_version} included; an {@code Explanation} or {@code Problem} is one
 * object of that document's {@code explanations} or {@code problems}. Reading a value of the wrong
 * shape fails with a {@link com.fasterxml.jackson.databind.exc.MismatchedInputException} whose
 * message is {@code ResultJson}'s, naming the path inside the value and what was wrong.
 */
public final class PlaybookJacksonModule extends SimpleModule {

  private static final long serialVersionUID = 1L;

  public PlaybookJacksonModule() {
    super("playbook", Version.unknownVersion());
    addSerializer(Evaluation.class, new Writer<>(Evaluation.class, ResultJson::write));
    addSerializer(Evaluations.class, new Writer<>(Evaluations.class, ResultJson::write));
    addSerializer(
        Explanation.class,
        new Element<>(
            Explanation.class, "explanations", x -> ResultJson.writeExplanations(List.of(x))));
    addSerializer(
        Problem.class,
        new Element<>(Problem.class, "problems", p -> ResultJson.writeProblems(List.of(p))));
    addDeserializer(Evaluation.class, new Reader<>(Evaluation.class, ResultJson::readEvaluation));
    addDeserializer(
        Evaluations.class, new Reader<>(Evaluations.class, ResultJson::readEvaluations));
    addDeserializer(
        Explanation.class,
        new ElementReader<>(
            Explanation.class, "explanations", j -> ResultJson.readExplanations(j).get(0)));
    addDeserializer(
        Problem.class,
        new ElementReader<>(Problem.class, "problems", j -> ResultJson.readProblems(j).get(0)));
  }

  /** Writes the document {@code ResultJson} writes for a value. */
  private static final class Writer<T> extends JsonSerializer<T> {
    private final Class<T> type;
    private final Function<T, String> write;

    Writer(Class<T> type, Function<T, String> write) {
      this.type = type;
      this.write = write;
    }

    @Override
    public Class<T> handledType() {
      return type;
    }

    @Override
    public void serialize(T value, JsonGenerator g, SerializerProvider provider)
        throws IOException {
      g.writeTree(tree(g, write.apply(value)));
    }
  }

  /** Writes the one element of a {@code ResultJson} document's list written for a value. */
  private static final class Element<T> extends JsonSerializer<T> {
    private final Class<T> type;
    private final String list;
    private final Function<T, String> write;

    Element(Class<T> type, String list, Function<T, String> write) {
      this.type = type;
      this.list = list;
      this.write = write;
    }

    @Override
    public Class<T> handledType() {
      return type;
    }

    @Override
    public void serialize(T value, JsonGenerator g, SerializerProvider provider)
        throws IOException {
      g.writeTree(tree(g, write.apply(value)).get(list).get(0));
    }
  }

  private static JsonNode tree(JsonGenerator g, String json) throws IOException {
    ObjectMapper codec =
        g.getCodec() instanceof ObjectMapper m ? m : new ObjectMapper(); // a bare generator
    return codec.readTree(json);
  }

  /** Reads a value as {@code ResultJson} reads its document. */
  private static final class Reader<T> extends JsonDeserializer<T> {
    private final Class<T> type;
    private final Function<String, T> read;

    Reader(Class<T> type, Function<String, T> read) {
      this.type = type;
      this.read = read;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode tree = ctxt.readTree(p);
      try {
        return read.apply(tree.toString());
      } catch (IllegalArgumentException e) {
        return ctxt.reportInputMismatch(type, "%s", e.getMessage());
      }
    }
  }

  /** Reads a value as one element of the list of a {@code ResultJson} document. */
  private static final class ElementReader<T> extends JsonDeserializer<T> {
    private final Class<T> type;
    private final String list;
    private final Function<String, T> read;

    ElementReader(Class<T> type, String list, Function<String, T> read) {
      this.type = type;
      this.list = list;
      this.read = read;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode tree = ctxt.readTree(p);
      ObjectNode document = ctxt.getNodeFactory().objectNode();
      document.put("schema_version", ResultJson.SCHEMA_VERSION);
      document.putArray(list).add(tree);
      try {
        return read.apply(document.toString());
      } catch (IllegalArgumentException e) {
        return ctxt.reportInputMismatch(type, "%s", e.getMessage());
      }
    }
  }
}
