package dev.playbook.conversations;

import dev.playbook.problem.Problem;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One file being read: its text split into lines, the limits, the problems found so far and the
 * segments built. Readers add to it; {@link Transcripts} turns it into a conversation or throws.
 */
final class Source {

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  final String file;
  final ReadLimits limits;
  final List<Problem> problems = new ArrayList<>();
  final List<Segment> segments = new ArrayList<>();
  String text;
  List<String> lines;
  private boolean segmentLimitReported;

  Source(String file, ReadLimits limits) {
    this.file = file;
    this.limits = limits;
  }

  /**
   * Checks size and encoding and splits the lines; false (with a problem) if the file is refused.
   */
  boolean decode(byte[] content) {
    if (content.length > limits.maxBytes()) {
      problem(
          "file-too-large",
          0,
          0,
          "file is " + content.length + " bytes, more than the limit of " + limits.maxBytes());
      return false;
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      text = decoder.decode(ByteBuffer.wrap(content)).toString();
    } catch (CharacterCodingException e) {
      int bad = firstBadByte(content);
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < bad; i++) {
        if (content[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      problem(
          "invalid-encoding",
          line,
          bad - lineStart + 1,
          "the file is not UTF-8 (byte " + (bad + 1) + ")");
      return false;
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    lines = lines(text);
    if (lines.size() > limits.maxLines()) {
      problem(
          "too-many-lines",
          limits.maxLines() + 1,
          1,
          "file has " + lines.size() + " lines, more than the limit of " + limits.maxLines());
      return false;
    }
    return true;
  }

  /**
   * {@code text} split at {@code \r\n}, {@code \r} and {@code \n}, empty lines (the last too) kept.
   */
  static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        out.add(text.substring(start, i));
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    out.add(text.substring(start));
    return List.copyOf(out);
  }

  private static int firstBadByte(byte[] content) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(content);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(content.length + 1);
    decoder.decode(in, out, true);
    return in.position();
  }

  void problem(String code, int line, int column, String message) {
    problems.add(new Problem(code, file, line, column, message));
  }

  /**
   * Adds a segment after checking the limits; text and speaker are trimmed and their whitespace
   * collapsed. Returns false once the segment limit is passed, so that a reader can stop.
   */
  boolean add(String speaker, Duration start, Duration end, String text, int line, int column) {
    if (segments.size() >= limits.maxSegments()) {
      if (!segmentLimitReported) {
        segmentLimitReported = true;
        problem(
            "too-many-segments",
            line,
            column,
            "more than " + limits.maxSegments() + " segments; the file is refused");
      }
      return false;
    }
    String who = oneLine(speaker);
    String said = oneLine(text);
    if (who.length() > limits.maxSpeakerChars()) {
      problem(
          "too-large",
          line,
          column,
          "speaker name has "
              + who.length()
              + " characters, more than the limit of "
              + limits.maxSpeakerChars());
      return true;
    }
    if (said.length() > limits.maxSegmentChars()) {
      problem(
          "too-large",
          line,
          column,
          "segment text has "
              + said.length()
              + " characters, more than the limit of "
              + limits.maxSegmentChars());
      return true;
    }
    if (start != null && end != null && end.compareTo(start) < 0) {
      problem(
          "invalid-time",
          line,
          column,
          "segment ends at " + Times.format(end) + ", before it starts at " + Times.format(start));
      return true;
    }
    segments.add(new Segment(segments.size(), who, start, end, said, line, column));
    return true;
  }

  /**
   * {@code s} stripped, each run of {@code \s} characters ({@code [ \t\n\x0B\f\r]}) made one space.
   */
  static String oneLine(String s) {
    String t = s.strip();
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == ' ' ? i + 1 < t.length() && space(t.charAt(i + 1)) : space(c)) {
        return WHITESPACE.matcher(t).replaceAll(" ");
      }
    }
    return t;
  }

  private static boolean space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }
}
