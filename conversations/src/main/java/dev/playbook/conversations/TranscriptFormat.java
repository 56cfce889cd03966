package dev.playbook.conversations;

import java.util.Locale;
import java.util.Optional;

/** The file formats {@link Transcripts} reads. */
public enum TranscriptFormat {
  /** WebVTT, speakers from {@code <v Name>} voice tags or a {@code Name:} prefix. */
  WEBVTT,
  /** SubRip, speakers from a {@code Name:} prefix. */
  SRT,
  /**
   * A JSON array of {@code {speaker, start, end, text}}, or an object holding it as {@code
   * segments}.
   */
  JSON,
  /**
   * Plain {@code Speaker: text} lines, each optionally led by a time such as {@code [00:01:02]}.
   */
  TEXT,
  /** An e-mail: an RFC 5322 message ({@code .eml}) or plain text with {@code From:} headers. */
  EMAIL;

  /** The format a file's extension names: vtt, srt, json, txt, eml; empty for any other. */
  public static Optional<TranscriptFormat> ofFileName(String file) {
    String name = file.toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1);
    return switch (ext) {
      case "vtt" -> Optional.of(WEBVTT);
      case "srt" -> Optional.of(SRT);
      case "json" -> Optional.of(JSON);
      case "txt", "text" -> Optional.of(TEXT);
      case "eml" -> Optional.of(EMAIL);
      default -> Optional.empty();
    };
  }
}
