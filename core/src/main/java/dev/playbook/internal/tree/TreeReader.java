package dev.playbook.internal.tree;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.playbook.internal.tree.Node.Entry;
import dev.playbook.internal.tree.Node.ListNode;
import dev.playbook.internal.tree.Node.MapNode;
import dev.playbook.internal.tree.Node.Scalar;
import dev.playbook.internal.tree.Node.Scalar.Kind;
import dev.playbook.internal.tree.Node.Scalar.Style;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads YAML, JSON and JSON Lines into an immutable {@link Node} tree that remembers where every
 * node and every key starts and ends, and how each scalar was written.
 *
 * <p>The reader never throws for bad input: it adds problems to the given {@link Problems} and
 * returns {@code null} (or leaves a JSON Lines line out). A returned tree is always clean: if
 * reading a document added any problem, the document is not returned. Reading goes on after
 * problems that do not confuse the parser (duplicate keys, anchors, aliases, tags, keys that are
 * not text) so that one pass reports them all; it stops at the first syntax error or limit.
 *
 * <p>Only streaming parsers are used: YAML is read from snakeyaml-engine's events ({@link
 * YamlReader}), JSON from Jackson's tokens, so nothing is ever built from a YAML tag and aliases
 * are never expanded. Plain YAML scalars are typed like this: {@code true}/{@code false} (any case
 * style YAML allows) are booleans, {@code null}, {@code ~} and nothing at all are null, decimal
 * integers and floats are numbers, and everything else, {@code yes}, {@code no}, {@code on}, {@code
 * off}, {@code 0x1F}, {@code .inf} and {@code 1_000} included, is a string. Quoted and block
 * scalars are always strings. A YAML file with no document at all (empty, or only comments) reads
 * as a null scalar at 1:1.
 *
 * <p>Limits, each reported once, after which reading stops: {@value #MAX_DEPTH} levels of nesting
 * ({@code too-deep}), {@value #MAX_TOKENS} keys and values per document and {@value
 * #MAX_SCALAR_LENGTH} characters per key or value ({@code too-large}), and 64 Mi characters of
 * YAML.
 */
public final class TreeReader {

  /** Most levels of mappings and lists inside each other. */
  public static final int MAX_DEPTH = 64;

  /** Most keys and values (tokens) in one document, or in one JSON Lines line. */
  public static final int MAX_TOKENS = 1_000_000;

  /** Most characters in one key or one scalar value. */
  public static final int MAX_SCALAR_LENGTH = 100_000;

  /**
   * Jackson's own limits sit above ours, so that our checks, with our messages and positions,
   * normally fire first; theirs are a backstop inside the parser.
   */
  private static final StreamReadConstraints CONSTRAINTS =
      StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH + 16)
          .maxStringLength(MAX_SCALAR_LENGTH + 1)
          .maxNameLength(MAX_SCALAR_LENGTH + 1)
          .maxNumberLength(1_000)
          .build();

  private static final JsonFactory JSON =
      JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build();

  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?");
  private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
  private static final Set<String> BOOLEANS =
      Set.of("true", "True", "TRUE", "false", "False", "FALSE");

  private TreeReader() {}

  /** Reads one YAML document; {@code null} if it has problems (see the class comment). */
  public static Node readYaml(String fileName, String content, Problems problems) {
    int before = problems.size();
    if (tooLongLine(fileName, content, problems) || controlCharacter(fileName, content, problems)) {
      return null;
    }
    Node root = YamlReader.read(fileName, content, problems);
    return problems.size() == before ? root : null;
  }

  /** Lines longer than this are refused before parsing: 1 Mi characters. */
  public static final int MAX_LINE_LENGTH = 1 << 20;

  /**
   * Refuses a word longer than {@link #MAX_SCALAR_LENGTH} before parsing: the YAML scanner's cost
   * grows with the square of a word's length, and no valid value is that long. A word is a run of
   * characters other than white space and the flow indicators {@code [ ] { } ,}.
   */
  private static boolean tooLongLine(String fileName, String content, Problems problems) {
    // a line far longer than any value may be: refuse it without scanning it, at its value
    int lineStart = 0;
    for (int l = 1; lineStart < content.length(); l++) {
      int end = content.indexOf('\n', lineStart);
      end = end < 0 ? content.length() : end;
      if (end - lineStart > MAX_LINE_LENGTH) {
        int colon = content.indexOf(": ", lineStart);
        int column = colon >= 0 && colon - lineStart < 200 ? colon - lineStart + 3 : 1;
        problems.add(
            "too-large",
            new Pos(fileName, l, column),
            "a key or value is more than " + MAX_SCALAR_LENGTH + " characters long");
        return true;
      }
      lineStart = end + 1;
    }
    int line = 1;
    int column = 1;
    int runStart = -1;
    int runLength = 0;
    for (int i = 0; i < content.length(); i++) {
      char c = content.charAt(i);
      boolean separator =
          c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '[' || c == ']' || c == '{'
              || c == '}' || c == ',';
      if (separator) {
        runLength = 0;
      } else {
        if (runLength == 0) {
          runStart = column;
        }
        if (++runLength > MAX_SCALAR_LENGTH) {
          problems.add(
              "too-large",
              new Pos(fileName, line, runStart),
              "a key or value is more than " + MAX_SCALAR_LENGTH + " characters long");
          return true;
        }
      }
      if (c == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return false;
  }

  /**
   * Reports the first character YAML does not allow (C0 and C1 controls other than tab and line
   * breaks).
   */
  private static boolean controlCharacter(String fileName, String content, Problems problems) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < content.length(); i++) {
      char c = content.charAt(i);
      if (c == '\n') {
        line++;
        column = 1;
        continue;
      }
      boolean control =
          (c < 0x20 && c != '\t' && c != '\r')
              || (c >= 0x7f && c <= 0x9f && c != 0x85)
              || c == 0xfffe
              || c == 0xffff;
      if (control) {
        problems.add(
            "yaml-syntax",
            new Pos(fileName, line, column),
            String.format(
                "the control character U+%04X is not allowed in YAML; remove it", (int) c));
        return true;
      }
      column++;
    }
    return false;
  }

  /** Reads one JSON value; {@code null} if it has problems. */
  public static Node readJson(String fileName, String content, Problems problems) {
    return readJson(fileName, content, 0, false, problems);
  }

  /**
   * Reads JSON Lines: one JSON value per line, blank lines skipped. A line with problems is left
   * out and the others are still returned; positions use the file's own line numbers.
   */
  public static List<Node> readJsonLines(String fileName, String content, Problems problems) {
    List<Node> nodes = new ArrayList<>();
    readJsonLines(fileName, content, problems, nodes::add);
    return List.copyOf(nodes);
  }

  /**
   * Reads JSON Lines like {@link #readJsonLines(String, String, Problems)}, handing each good line
   * to {@code each} as soon as it is read, so that a large file need not be held as trees.
   */
  public static void readJsonLines(
      String fileName, String content, Problems problems, Consumer<Node> each) {
    int start = 0;
    int lineIndex = 0;
    while (start <= content.length()) {
      int end = content.indexOf('\n', start);
      if (end < 0) {
        end = content.length();
      }
      String line = content.substring(start, end);
      if (!line.isBlank()) {
        Node node = readJson(fileName, line, lineIndex, true, problems);
        if (node != null) {
          each.accept(node);
        }
      }
      lineIndex++;
      start = end + 1;
    }
  }

  /**
   * Reads one line of a JSON Lines file, {@code lineIndex} lines (0-based) from the top, so that
   * positions point at the line in the file; null, with problems, if it is not valid JSON.
   */
  public static Node readJsonLine(String fileName, String line, int lineIndex, Problems problems) {
    return readJson(fileName, line, lineIndex, true, problems);
  }

  private static Node readJson(
      String fileName, String content, int lineOffset, boolean oneLine, Problems problems) {
    int before = problems.size();
    try (JsonParser parser = JSON.createParser(content)) {
      Node root = new JsonBuilder(fileName, problems, parser, lineOffset, oneLine).document();
      return problems.size() == before ? root : null;
    } catch (IOException e) {
      return unreadable("json-syntax", fileName, problems, before);
    }
  }

  private static Node unreadable(String code, String fileName, Problems problems, int before) {
    if (problems.size() == before) {
      problems.add(code, new Pos(fileName, 1, 1), "the file could not be read");
    }
    return null;
  }

  /**
   * Reads a UTF-8 text file of at most {@code maxBytes} bytes, dropping a byte order mark; {@code
   * null} with a problem ({@code file-unreadable}, {@code file-too-large}, {@code
   * invalid-encoding}) if it cannot. Problems name the file {@code displayName}.
   */
  public static String readFile(Path path, String displayName, long maxBytes, Problems problems) {
    Pos nowhere = Pos.unknown(displayName);
    byte[] bytes;
    try {
      // one read of the attributes: a file removed meanwhile is "no such file", never another kind
      java.nio.file.attribute.BasicFileAttributes attributes =
          Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class);
      if (attributes.isDirectory()) {
        problems.add("file-unreadable", nowhere, "cannot read file: it is a directory");
        return null;
      }
      if (!attributes.isRegularFile()) {
        // a named pipe or a device would block or never end
        problems.add("file-unreadable", nowhere, "cannot read file: it is not a regular file");
        return null;
      }
      long size = attributes.size();
      if (size > maxBytes) {
        problems.add(
            "file-too-large",
            nowhere,
            "file is " + size + " bytes, more than the limit of " + maxBytes);
        return null;
      }
      try (InputStream in = Files.newInputStream(path)) {
        bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 16));
      }
      if (bytes.length > maxBytes) {
        problems.add(
            "file-too-large", nowhere, "file is more than " + maxBytes + " bytes, the limit");
        return null;
      }
    } catch (NoSuchFileException e) {
      problems.add("file-unreadable", nowhere, "cannot read file: no such file");
      return null;
    } catch (AccessDeniedException e) {
      problems.add("file-unreadable", nowhere, "cannot read file: permission denied");
      return null;
    } catch (IOException | SecurityException e) {
      problems.add("file-unreadable", nowhere, "cannot read file: the system refused to read it");
      return null;
    }
    return decodeUtf8(bytes, displayName, problems);
  }

  private static String decodeUtf8(byte[] bytes, String displayName, Problems problems) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(ByteBuffer.wrap(bytes), out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int line = 1;
      int column = 1;
      for (int i = 0; i < out.position(); i++) {
        if (out.get(i) == '\n') {
          line++;
          column = 1;
        } else {
          column++;
        }
      }
      problems.add(
          "invalid-encoding",
          new Pos(displayName, line, column),
          "the file is not valid UTF-8 text; save it with the UTF-8 encoding");
      return null;
    }
    out.flip();
    if (out.length() > 0 && out.charAt(0) == '\uFEFF') {
      out.position(1);
    }
    return out.toString();
  }

  /** The kind of a plain (unquoted) YAML scalar. */
  static Kind plainKind(String text) {
    if (NULLS.contains(text)) {
      return Kind.NULL;
    }
    if (BOOLEANS.contains(text)) {
      return Kind.BOOLEAN;
    }
    return NUMBER.matcher(text).matches() ? Kind.NUMBER : Kind.STRING;
  }

  /** Thrown inside the JSON builder after a problem that ends reading; never leaves this class. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }

  /** Builds the tree from Jackson's JSON token stream. */
  private static final class JsonBuilder {
    private final String file;
    private final Problems problems;
    private final JsonParser parser;
    private final int lineOffset;
    private final boolean oneLine;
    private int tokens;

    JsonBuilder(String file, Problems problems, JsonParser parser, int lineOffset, boolean line) {
      this.file = file;
      this.problems = problems;
      this.parser = parser;
      this.lineOffset = lineOffset;
      this.oneLine = line;
    }

    Node document() {
      try {
        JsonToken first = next();
        if (first == null) {
          problems.add("json-syntax", new Pos(file, 1, 1), "the file is empty; expected a value");
          return null;
        }
        Node root = value(first, 0);
        if (next() != null) {
          problems.add(
              "json-syntax",
              tokenPos(),
              oneLine
                  ? "a line holds one JSON value; found more after it"
                  : "expected the end of the file after the value; found more");
          return null;
        }
        return root;
      } catch (Stop stop) {
        return null;
      }
    }

    private JsonToken next() {
      JsonToken token;
      try {
        token = parser.nextToken();
      } catch (IOException e) {
        throw failed(e);
      }
      if (token != null && ++tokens > MAX_TOKENS) {
        throw stop(
            "too-large",
            tokenPos(),
            "there are more than 1,000,000 keys and values; split the file into smaller ones");
      }
      return token;
    }

    /** The next token inside a mapping or list, where the input cannot simply end. */
    private JsonToken inside() {
      JsonToken token = next();
      if (token == null) {
        throw stop(syntaxCode(), tokenPos(), "the file ends before the value is complete");
      }
      return token;
    }

    String syntaxCode() {
      return "json-syntax";
    }

    private Stop stop(String code, Pos pos, String message) {
      problems.add(code, pos, message);
      return new Stop();
    }

    private Node value(JsonToken token, int depth) {
      Pos pos = tokenPos();
      switch (token) {
        case START_OBJECT:
          return mapping(pos, depth + 1);
        case START_ARRAY:
          return list(pos, depth + 1);
        default:
          try {
            Scalar scalar = scalar(token, pos);
            checkLength(scalar.text(), pos);
            return scalar;
          } catch (IOException e) {
            throw failed(e);
          }
      }
    }

    private MapNode mapping(Pos pos, int depth) {
      checkDepth(pos, depth);
      Map<String, Entry> entries = new LinkedHashMap<>();
      for (JsonToken token = inside(); token != JsonToken.END_OBJECT; token = inside()) {
        String key;
        try {
          key = parser.currentName();
        } catch (IOException e) {
          throw failed(e);
        }
        Pos keyPos = tokenPos();
        checkLength(key, keyPos);
        Node value = value(inside(), depth);
        Entry first = entries.get(key);
        if (first == null) {
          entries.put(key, new Entry(key, keyPos, value));
        } else {
          problems.add(
              "duplicate-key",
              keyPos,
              "key '"
                  + key
                  + "' appears twice in this mapping (first at line "
                  + first.keyPos().line()
                  + ")");
        }
      }
      return new MapNode(pos, entries, endPos());
    }

    private ListNode list(Pos pos, int depth) {
      checkDepth(pos, depth);
      List<Node> items = new ArrayList<>();
      for (JsonToken token = inside(); token != JsonToken.END_ARRAY; token = inside()) {
        items.add(value(token, depth));
      }
      return new ListNode(pos, items, endPos());
    }

    private void checkDepth(Pos pos, int depth) {
      if (depth > MAX_DEPTH) {
        throw stop(
            "too-deep",
            pos,
            "mappings and lists are nested more than " + MAX_DEPTH + " levels deep");
      }
    }

    private void checkLength(String text, Pos pos) {
      if (text.length() > MAX_SCALAR_LENGTH) {
        throw stop(
            "too-large",
            pos,
            "a key or value is "
                + text.length()
                + " characters long, more than the limit of "
                + MAX_SCALAR_LENGTH);
      }
    }

    /** Where the current token starts. */
    private Pos tokenPos() {
      return at(parser.currentTokenLocation());
    }

    /** Where the current token ends: the parser's position once the token is read. */
    private Pos endPos() {
      return at(parser.currentLocation());
    }

    private Pos at(JsonLocation location) {
      if (location == null || location.getLineNr() < 1) {
        return new Pos(file, lineOffset + 1, 1);
      }
      return new Pos(file, location.getLineNr() + lineOffset, Math.max(1, location.getColumnNr()));
    }

    private Scalar scalar(JsonToken token, Pos pos) throws IOException {
      return switch (token) {
        case VALUE_STRING -> {
          String text = parser.getText();
          yield new Scalar(pos, text, Kind.STRING, Style.DOUBLE_QUOTED, endPos());
        }
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
            new Scalar(pos, parser.getText(), Kind.NUMBER, Style.PLAIN, endPos());
        case VALUE_TRUE -> new Scalar(pos, "true", Kind.BOOLEAN, Style.PLAIN, endPos());
        case VALUE_FALSE -> new Scalar(pos, "false", Kind.BOOLEAN, Style.PLAIN, endPos());
        case VALUE_NULL -> new Scalar(pos, "null", Kind.NULL, Style.PLAIN, endPos());
        default -> throw stop("json-syntax", pos, "unexpected content");
      };
    }

    /** Reports a parser failure and stops. */
    private Stop failed(IOException e) {
      if (e instanceof StreamConstraintsException sce) {
        return constraintFailed(sce, tokenPos());
      }
      Pos pos = e instanceof JsonProcessingException jpe ? at(jpe.getLocation()) : tokenPos();
      String raw = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : null;
      return stop("json-syntax", pos, SyntaxMessages.json(raw, oneLine));
    }

    /** A limit Jackson enforced before this reader could. */
    private Stop constraintFailed(StreamConstraintsException e, Pos pos) {
      String raw = String.valueOf(e.getOriginalMessage());
      if (raw.contains("nesting depth")) {
        return stop(
            "too-deep",
            pos,
            "mappings and lists are nested more than " + MAX_DEPTH + " levels deep");
      }
      if (raw.startsWith("Number value length")) {
        return stop("too-large", pos, "a number has more than 1000 digits");
      }
      if (raw.startsWith("String value length") || raw.startsWith("Name length")) {
        return stop(
            "too-large",
            pos,
            "a key or value is more than " + MAX_SCALAR_LENGTH + " characters long");
      }
      return stop("too-large", pos, "the file is larger than this reader accepts");
    }
  }
}
