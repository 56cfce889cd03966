package dev.playbook.conversations;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.dom.field.MailboxListField;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * An e-mail, read with Apache James mime4j: the sender from {@code From}, the date from {@code
 * Date}, the text from the first {@code text/plain} part (transfer encoding and charset decoded),
 * then {@link EmailText#strip} removes quoted replies and signatures. One e-mail is one segment
 * with no times.
 */
final class EmailReader {

  private EmailReader() {}

  /**
   * Whether a {@code .txt} file is an e-mail: its first line is a {@code From:} header and a {@code
   * Date:}, {@code To:} or {@code Subject:} header follows before the first blank line.
   */
  static boolean looksLikeEmail(String text) {
    if (!text.startsWith("From:")) {
      return false;
    }
    for (String line : text.split("\r\n|\r|\n", 30)) {
      if (line.isBlank()) {
        return false;
      }
      if (line.matches("(?i)(Date|To|Subject):.*")) {
        return true;
      }
    }
    return false;
  }

  static OffsetDateTime read(Source src) {
    MimeConfig config =
        MimeConfig.custom()
            .setMaxLineLen(src.limits.maxSegmentChars())
            .setMaxHeaderCount(500)
            .setMaxHeaderLen(64 * 1024)
            .setMaxContentLen(src.limits.maxBytes())
            .build();
    DefaultMessageBuilder builder = new DefaultMessageBuilder();
    builder.setMimeEntityConfig(config);
    Message message;
    try {
      message =
          builder.parseMessage(new ByteArrayInputStream(src.text.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      src.problem("syntax-error", 1, 1, "not a readable e-mail message");
      return null;
    }
    try {
      Mailbox from = sender(message);
      if (from == null) {
        src.problem("missing-field", 1, 1, "the message has no readable From header");
        return null;
      }
      String speaker =
          from.getName() == null || from.getName().isBlank()
              ? from.getAddress()
              : from.getName().strip() + " <" + from.getAddress() + ">";
      String body = plainText(message);
      if (body == null) {
        src.problem("unknown-format", 1, 1, "the message has no text/plain part");
        return null;
      }
      src.add(speaker, null, null, EmailText.strip(body), bodyLine(src), 1);
      return date(src, message);
    } finally {
      message.dispose();
    }
  }

  private static Mailbox sender(Message message) {
    Field raw = message.getHeader().getField("From");
    if (raw instanceof MailboxListField list
        && list.getMailboxList() != null
        && !list.getMailboxList().isEmpty()) {
      return list.getMailboxList().get(0);
    }
    return message.getFrom() == null || message.getFrom().isEmpty()
        ? null
        : message.getFrom().get(0);
  }

  private static String plainText(Entity entity) {
    Body body = entity.getBody();
    if (body instanceof Multipart multipart) {
      for (Entity part : multipart.getBodyParts()) {
        String text = plainText(part);
        if (text != null) {
          return text;
        }
      }
      return null;
    }
    if (body instanceof TextBody text && "text/plain".equalsIgnoreCase(entity.getMimeType())) {
      if (!hasCharset(entity)) {
        // No charset declared: the file was already checked to be UTF-8, of which US-ASCII is a
        // part.
        try (InputStream in = text.getInputStream()) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          return null;
        }
      }
      StringBuilder out = new StringBuilder();
      try (Reader r = text.getReader()) {
        char[] buf = new char[8192];
        int n;
        while ((n = r.read(buf)) > 0) {
          out.append(buf, 0, n);
        }
      } catch (IOException e) {
        return null;
      }
      return out.toString();
    }
    return null;
  }

  private static boolean hasCharset(Entity entity) {
    Field field = entity.getHeader() == null ? null : entity.getHeader().getField("Content-Type");
    return field instanceof ContentTypeField type && type.getCharset() != null;
  }

  private static int bodyLine(Source src) {
    for (int i = 0; i < src.lines.size(); i++) {
      if (src.lines.get(i).isBlank()) {
        return i + 2;
      }
    }
    return 1;
  }

  private static OffsetDateTime date(Source src, Message message) {
    Field field = message.getHeader().getField("Date");
    if (field == null) {
      return null;
    }
    String value = field.getBody().strip().replaceAll("\\s*\\(.*\\)$", "");
    try {
      return OffsetDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
    } catch (DateTimeParseException e) {
      if (message.getDate() != null) {
        return message.getDate().toInstant().atOffset(ZoneOffset.UTC);
      }
      src.problem("invalid-value", 0, 0, "the Date header '" + value + "' is not an RFC 5322 date");
      return null;
    }
  }
}
