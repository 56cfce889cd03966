package dev.playbook.internal.tree;

import dev.playbook.internal.tree.Node.Entry;
import dev.playbook.internal.tree.Node.ListNode;
import dev.playbook.internal.tree.Node.MapNode;
import dev.playbook.internal.tree.Node.Scalar;
import dev.playbook.internal.tree.Node.Scalar.Kind;
import dev.playbook.internal.tree.Node.Scalar.Style;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ParserException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlVersionException;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Builds a {@link Node} tree from the events of snakeyaml-engine's parser: each node keeps its
 * start and end marks, each scalar its style. Nothing is composed, constructed or resolved by the
 * library: aliases are never expanded and tags never instantiate anything, because only the event
 * stream is read. The limits are counted here, on the events, and a syntax error is described from
 * the kind of exception and what stands in the file at its marks.
 */
final class YamlReader {

  /** Most characters (code points) in one YAML file. */
  static final int CODE_POINT_LIMIT = 64 * 1024 * 1024;

  private static final LoadSettings SETTINGS =
      LoadSettings.builder()
          // checked before parsing, with a position; the parser's own check is a backstop
          .setCodePointLimit(CODE_POINT_LIMIT + 1)
          .setParseComments(false)
          .setUseMarks(true)
          .build();

  private final String file;
  private final String content;
  private final Problems problems;
  private final Parser parser;
  private Event event;
  private int tokens;
  private boolean rootRead;

  private YamlReader(String file, String content, Problems problems) {
    this.file = file;
    this.content = content;
    this.problems = problems;
    this.parser = new ParserImpl(SETTINGS, new StreamReader(SETTINGS, content));
  }

  /** Reads the single document of {@code content}; {@code null} after a problem that stops. */
  static Node read(String file, String content, Problems problems) {
    if (tooLong(file, content, problems)) {
      return null;
    }
    try {
      return new YamlReader(file, content, problems).document();
    } catch (Stop stop) {
      return null;
    }
  }

  /**
   * Refuses a file of more than {@link #CODE_POINT_LIMIT} characters, at the first one too many.
   */
  private static boolean tooLong(String file, String content, Problems problems) {
    if (content.length() <= CODE_POINT_LIMIT
        || content.codePointCount(0, content.length()) <= CODE_POINT_LIMIT) {
      return false;
    }
    int index = content.offsetByCodePoints(0, CODE_POINT_LIMIT);
    problems.add(
        "too-large",
        TextPositions.at(file, content, index),
        "the file is more than " + CODE_POINT_LIMIT + " characters long");
    return true;
  }

  private Node document() {
    next(); // the stream start
    if (next().getEventId() == Event.ID.StreamEnd) {
      return new Scalar(new Pos(file, 1, 1), "", Kind.NULL);
    }
    Node root = value(next(), 0);
    rootRead = true;
    next(); // the document end
    for (Event e = next(); e.getEventId() != Event.ID.StreamEnd; e = next()) {
      Event start = e;
      Event first = next();
      if (!isEmpty(first)) {
        problems.add(
            "multiple-documents",
            at(start.getStartMark()),
            "a file holds one document; found a second one");
        throw new Stop();
      }
      next(); // the document end
    }
    return root;
  }

  /** A bare {@code ---} at the end of a file starts a document with nothing in it. */
  private static boolean isEmpty(Event e) {
    return e instanceof ScalarEvent s
        && s.isPlain()
        && s.getValue().isEmpty()
        && s.getTag().isEmpty()
        && s.getAnchor().isEmpty();
  }

  private Event next() {
    try {
      event = parser.next();
    } catch (YamlEngineException e) {
      throw failed(e);
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      // the scanner parses an escape's hexadecimal digits without checking there are any
      int at = shortEscape(content);
      throw stop(
          "yaml-syntax",
          at < 0 ? lastPos() : TextPositions.at(file, content, at),
          "this \\x, \\u or \\U escape is cut short (it needs 2, 4 or 8 hexadecimal"
              + " digits); complete it or write the character itself");
    }
    Event.ID id = event.getEventId();
    boolean token =
        id == Event.ID.Scalar
            || id == Event.ID.Alias
            || id == Event.ID.MappingStart
            || id == Event.ID.MappingEnd
            || id == Event.ID.SequenceStart
            || id == Event.ID.SequenceEnd;
    if (token && ++tokens > TreeReader.MAX_TOKENS) {
      throw stop(
          "too-large",
          at(event.getStartMark()),
          "there are more than 1,000,000 keys and values; split the file into smaller ones");
    }
    return event;
  }

  /**
   * The offset of the first backslash followed by x, u or U and fewer hexadecimal digits than it
   * needs (the scanner fails on such an escape without saying where); -1 if there is none.
   */
  static int shortEscape(String text) {
    for (int i = text.indexOf('\\');
        i >= 0 && i + 1 < text.length();
        i = text.indexOf('\\', i + 2)) {
      char kind = text.charAt(i + 1);
      int digits = kind == 'x' ? 2 : kind == 'u' ? 4 : kind == 'U' ? 8 : 0;
      if (digits == 0) {
        continue;
      }
      for (int d = 0; d < digits; d++) {
        int j = i + 2 + d;
        if (j >= text.length() || Character.digit(text.charAt(j), 16) < 0) {
          return i;
        }
      }
    }
    return -1;
  }

  private Stop stop(String code, Pos pos, String message) {
    problems.add(code, pos, message);
    return new Stop();
  }

  private Node value(Event e, int depth) {
    Pos pos = at(e.getStartMark());
    inspect(e, pos);
    switch (e.getEventId()) {
      case MappingStart:
        return mapping(pos, depth + 1);
      case SequenceStart:
        return list(pos, depth + 1);
      case Alias:
        return new Scalar(
            pos,
            ((AliasEvent) e).getAlias().getValue(),
            Kind.STRING,
            Style.PLAIN,
            at(e.getEndMark()));
      default:
        ScalarEvent s = (ScalarEvent) e;
        String text = s.getValue();
        checkLength(text, pos);
        return new Scalar(
            pos,
            text,
            s.isPlain() ? TreeReader.plainKind(text) : Kind.STRING,
            style(s),
            at(e.getEndMark()));
    }
  }

  private static Style style(ScalarEvent s) {
    return switch (s.getScalarStyle()) {
      case SINGLE_QUOTED -> Style.SINGLE_QUOTED;
      case DOUBLE_QUOTED, JSON_SCALAR_STYLE -> Style.DOUBLE_QUOTED;
      case LITERAL -> Style.LITERAL;
      case FOLDED -> Style.FOLDED;
      case PLAIN -> Style.PLAIN;
    };
  }

  private MapNode mapping(Pos pos, int depth) {
    checkDepth(pos, depth);
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (Event k = next(); k.getEventId() != Event.ID.MappingEnd; k = next()) {
      Pos keyPos = at(k.getStartMark());
      String key = key(k, keyPos);
      Node value = value(next(), depth);
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
    return new MapNode(pos, entries, at(event.getEndMark()));
  }

  /** The text of a key; a key must be a scalar, and text. */
  private String key(Event k, Pos pos) {
    if (k instanceof CollectionStartEvent) {
      String tag = tagOf(k);
      if (tag != null) {
        throw stop("yaml-tag", pos, tagMessage(tag));
      }
      throw stop("wrong-type", pos, "keys must be text, not a mapping or a list");
    }
    inspect(k, pos);
    if (k instanceof AliasEvent alias) {
      return alias.getAlias().getValue();
    }
    ScalarEvent scalar = (ScalarEvent) k;
    String key = scalar.getValue();
    checkLength(key, pos);
    if (scalar.isPlain() && scalar.getTag().isEmpty()) {
      Kind kind = TreeReader.plainKind(key);
      if (kind == Kind.NULL) {
        problems.add("wrong-type", pos, "keys must be text, not null");
      } else if (kind != Kind.STRING) {
        problems.add("wrong-type", pos, "keys must be text; put '" + key + "' in quotes");
      }
    }
    return key;
  }

  private ListNode list(Pos pos, int depth) {
    checkDepth(pos, depth);
    List<Node> items = new ArrayList<>();
    for (Event e = next(); e.getEventId() != Event.ID.SequenceEnd; e = next()) {
      items.add(value(e, depth));
    }
    return new ListNode(pos, items, at(event.getEndMark()));
  }

  private void checkDepth(Pos pos, int depth) {
    if (depth > TreeReader.MAX_DEPTH) {
      throw stop(
          "too-deep",
          pos,
          "mappings and lists are nested more than " + TreeReader.MAX_DEPTH + " levels deep");
    }
  }

  private void checkLength(String text, Pos pos) {
    if (text.length() > TreeReader.MAX_SCALAR_LENGTH) {
      throw stop(
          "too-large",
          pos,
          "a key or value is "
              + text.length()
              + " characters long, more than the limit of "
              + TreeReader.MAX_SCALAR_LENGTH);
    }
  }

  /** Reports an alias, an anchor and an explicit tag; reading goes on. */
  private void inspect(Event e, Pos pos) {
    if (e instanceof AliasEvent alias) {
      problems.add(
          "yaml-alias",
          pos,
          "alias '*"
              + alias.getAlias().getValue()
              + "': anchors and aliases are not supported; repeat the value instead");
      return;
    }
    Optional<Anchor> anchor = e instanceof NodeEvent n ? n.getAnchor() : Optional.empty();
    if (anchor.isPresent()) {
      problems.add(
          "yaml-anchor",
          pos,
          "anchor '&"
              + anchor.get().getValue()
              + "': anchors and aliases are not supported; repeat the value instead");
    }
    String tag = tagOf(e);
    if (tag != null) {
      problems.add("yaml-tag", pos, tagMessage(tag));
    }
  }

  private static String tagMessage(String tag) {
    return "explicit tags such as '" + tag + "' are not allowed; write the plain value";
  }

  /** The explicit tag of a node as its author would write it, or null. */
  private static String tagOf(Event e) {
    Optional<String> tag = Optional.empty();
    if (e instanceof ScalarEvent scalar) {
      tag = scalar.getTag();
    } else if (e instanceof CollectionStartEvent collection) {
      tag = collection.getTag();
    }
    if (tag.isEmpty()) {
      return null;
    }
    String t = tag.get();
    if (t.startsWith("tag:yaml.org,2002:")) {
      return "!!" + t.substring("tag:yaml.org,2002:".length());
    }
    return t.startsWith("!") ? t : "!<" + t + ">";
  }

  private Pos at(Optional<Mark> mark) {
    return mark.map(this::at).orElseGet(this::lastPos);
  }

  private Pos at(Mark mark) {
    return new Pos(file, mark.getLine() + 1, mark.getColumn() + 1);
  }

  /** Where the last event started: the place reading had reached. */
  private Pos lastPos() {
    return event == null
        ? new Pos(file, 1, 1)
        : event.getStartMark().map(this::at).orElse(new Pos(file, 1, 1));
  }

  /** Reports why the parser stopped, at the place it names, and ends reading. */
  private Stop failed(YamlEngineException e) {
    if (rootRead && e instanceof ParserException p && YamlSyntax.directive(p, source())) {
      // a directive after the document's content starts a second document
      return stop(
          "multiple-documents",
          at(p.getProblemMark()),
          "a file holds one document; found a second one");
    }
    if (e instanceof MarkedYamlEngineException marked) {
      YamlSyntax.Located located =
          YamlSyntax.describe(marked, e instanceof ParserException, source());
      Pos pos =
          located.line() < 0 ? lastPos() : new Pos(file, located.line() + 1, located.column() + 1);
      return stop("yaml-syntax", pos, located.message());
    }
    if (e instanceof ReaderException reader) {
      return stop(
          "yaml-syntax",
          TextPositions.atCodePoint(file, content, reader.getPosition()),
          String.format(
              "the character U+%04X is not allowed in YAML; remove it", reader.getCodePoint()));
    }
    if (e instanceof YamlVersionException) {
      return stop(
          "yaml-syntax",
          lastPos(),
          "only YAML 1.x is supported; remove the '%YAML' line or write '%YAML 1.2'");
    }
    return stop("yaml-syntax", lastPos(), "the file could not be read here");
  }

  private YamlSyntax.Source source() {
    return new YamlSyntax.Source(content);
  }

  /** Thrown after a problem that ends reading; never leaves this class. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }
}
