package dev.playbook.conversations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WebVTT and SubRip: blocks separated by blank lines, each with an optional cue id, a timing line
 * {@code start --> end} and text lines. A speaker comes from a WebVTT voice tag {@code <v Name>}
 * (one cue may hold several voices, each a segment) or else from a {@code Name:} prefix on the
 * first text line; other tags are dropped and the entities {@code &amp; &lt; &gt; &nbsp;} decoded.
 * WebVTT {@code NOTE}, {@code STYLE} and {@code REGION} blocks are skipped.
 */
final class CueReader {

  private static final Pattern TIMING = Pattern.compile("^\\s*(\\S+)\\s+-->\\s+(\\S+)(?:\\s.*)?$");
  private static final Pattern VOICE = Pattern.compile("<v(?:\\.[^\\s>]*)?(?:\\s+([^>]*))?>");
  private static final Pattern TAG = Pattern.compile("<[^>]*>");

  private CueReader() {}

  static void read(Source src, boolean vtt) {
    List<String> lines = src.lines;
    int i = 0;
    if (vtt) {
      if (lines.isEmpty() || !lines.get(0).startsWith("WEBVTT")) {
        src.problem("syntax-error", 1, 1, "a WebVTT file starts with the line 'WEBVTT'");
        return;
      }
      i = skipBlock(lines, 0);
    }
    while (i < lines.size()) {
      if (lines.get(i).isBlank()) {
        i++;
        continue;
      }
      int blockStart = i;
      int blockEnd = skipBlock(lines, i);
      String first = lines.get(i).strip();
      if (vtt
          && (first.startsWith("NOTE")
              || first.startsWith("STYLE")
              || first.startsWith("REGION"))) {
        i = blockEnd;
        continue;
      }
      int timing = -1;
      for (int j = blockStart; j < Math.min(blockEnd, blockStart + 2); j++) {
        if (lines.get(j).contains("-->")) {
          timing = j;
          break;
        }
      }
      if (timing < 0) {
        src.problem(
            "syntax-error",
            blockStart + 1,
            1,
            "a cue needs a timing line such as '00:01:02"
                + (vtt ? "." : ",")
                + "000 --> 00:01:05"
                + (vtt ? "." : ",")
                + "000'");
        i = blockEnd;
        continue;
      }
      Matcher m = TIMING.matcher(lines.get(timing));
      Duration start = m.matches() ? Times.parse(m.group(1)) : null;
      Duration end = m.matches() ? Times.parse(m.group(2)) : null;
      if (start == null || end == null) {
        src.problem(
            "invalid-time",
            timing + 1,
            1,
            "'"
                + lines.get(timing).strip()
                + "' is not a timing line 'start --> end' with times such as 00:01:02.000");
        i = blockEnd;
        continue;
      }
      if (timing + 1 < blockEnd && !cue(src, lines, timing + 1, blockEnd, start, end)) {
        return;
      }
      i = blockEnd;
    }
  }

  private static int skipBlock(List<String> lines, int i) {
    while (i < lines.size() && !lines.get(i).isBlank()) {
      i++;
    }
    return i;
  }

  private static boolean cue(
      Source src, List<String> lines, int from, int to, Duration start, Duration end) {
    String body = String.join("\n", lines.subList(from, to));
    int line = from + 1;
    Matcher voice = VOICE.matcher(body);
    List<int[]> spans = new ArrayList<>();
    List<String> names = new ArrayList<>();
    while (voice.find()) {
      spans.add(new int[] {voice.start(), voice.end()});
      names.add(voice.group(1) == null ? "" : voice.group(1));
    }
    if (spans.isEmpty()) {
      String text = clean(body);
      SpeakerPrefix prefix = SpeakerPrefix.of(text);
      return prefix == null
          ? src.add("", start, end, text, line, 1)
          : src.add(prefix.speaker(), start, end, prefix.text(), line, 1);
    }
    String before = clean(body.substring(0, spans.get(0)[0]));
    if (!before.isEmpty() && !src.add("", start, end, before, line, 1)) {
      return false;
    }
    for (int k = 0; k < spans.size(); k++) {
      int textEnd = k + 1 < spans.size() ? spans.get(k + 1)[0] : body.length();
      String text = clean(body.substring(spans.get(k)[1], textEnd));
      int at =
          line + (int) body.substring(0, spans.get(k)[0]).chars().filter(c -> c == '\n').count();
      if (!text.isEmpty() && !src.add(decode(names.get(k)), start, end, text, at, 1)) {
        return false;
      }
    }
    return true;
  }

  private static String clean(String text) {
    return decode(TAG.matcher(text).replaceAll("")).strip();
  }

  private static String decode(String text) {
    return text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
        .replace("&lrm;", "")
        .replace("&rlm;", "")
        .replace("&amp;", "&");
  }
}
