package dev.playbook.conversations;

import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Reads transcripts and e-mails into {@link Conversation}s. Files are untrusted: each is checked
 * against {@link ReadLimits} and every problem found is reported, located as {@code file:line:col},
 * in one {@link ProblemException}; nothing is dropped silently.
 *
 * <pre>{@code
 * Conversation call = Transcripts.read("calls/2026-11-17.vtt", bytes)
 *     .withStartedAt(OffsetDateTime.parse("2026-11-17T15:00:00+01:00"));
 * }</pre>
 */
public final class Transcripts {

  private Transcripts() {}

  /**
   * Reads {@code content}, in the format its file name's extension names, within the default
   * limits.
   */
  public static Conversation read(String file, byte[] content) {
    return read(file, content, null, ReadLimits.DEFAULT);
  }

  /**
   * Reads {@code content} as {@code format} (or, when null, the format the extension of {@code
   * file} names; a {@code .txt} file that starts with e-mail headers is an e-mail).
   *
   * @throws ProblemException listing every problem, when the file cannot be used
   */
  public static Conversation read(
      String file, byte[] content, TranscriptFormat format, ReadLimits limits) {
    Source src = new Source(file, limits);
    TranscriptFormat f = format != null ? format : TranscriptFormat.ofFileName(file).orElse(null);
    if (f == null) {
      throw new ProblemException(
          List.of(
              new Problem(
                  "unknown-format",
                  file,
                  0,
                  0,
                  "cannot tell the format from the file name; use .vtt, .srt, .json, .txt or .eml")));
    }
    if (!src.decode(content)) {
      throw new ProblemException(src.problems);
    }
    if (f == TranscriptFormat.TEXT && format == null && EmailReader.looksLikeEmail(src.text)) {
      f = TranscriptFormat.EMAIL;
    }
    OffsetDateTime startedAt = null;
    switch (f) {
      case WEBVTT -> CueReader.read(src, true);
      case SRT -> CueReader.read(src, false);
      case JSON -> JsonReader.read(src);
      case TEXT -> TextReader.read(src);
      case EMAIL -> startedAt = EmailReader.read(src);
      default -> throw new AssertionError(f);
    }
    if (src.problems.isEmpty() && src.segments.isEmpty()) {
      src.problem("empty-transcript", 0, 0, "the file holds no segments");
    }
    if (!src.problems.isEmpty()) {
      throw new ProblemException(src.problems);
    }
    Channel channel = f == TranscriptFormat.EMAIL ? Channel.EMAIL : Channel.CALL;
    return new Conversation(file, channel, startedAt, src.segments);
  }

  /**
   * Reads the file at {@code path}, named in problems as {@code path} is written, refusing a file
   * over {@code limits.maxBytes()} before reading it.
   */
  public static Conversation read(Path path, ReadLimits limits) {
    String file = path.toString();
    try {
      long size = Files.size(path);
      if (size > limits.maxBytes()) {
        throw new ProblemException(
            List.of(
                new Problem(
                    "file-too-large",
                    file,
                    0,
                    0,
                    "file is " + size + " bytes, more than the limit of " + limits.maxBytes())));
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(path)) {
        bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBytes() + 1));
      }
      return read(file, bytes, null, limits);
    } catch (IOException e) {
      throw new ProblemException(
          List.of(new Problem("file-unreadable", file, 0, 0, "the file cannot be read")));
    }
  }
}
