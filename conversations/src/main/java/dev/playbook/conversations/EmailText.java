package dev.playbook.conversations;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the sender wrote in an e-mail body, without what they quoted or signed. Applied in order:
 *
 * <ol>
 *   <li>Everything from the first reply header on: a line {@code On ... wrote:} (also wrapped over
 *       two lines), {@code 在 ... 写道：}, {@code -----Original Message-----}, {@code -----原始邮件-----},
 *       {@code ---------- Forwarded message ----------}, a line of 10 or more underscores, or a
 *       {@code From:}/{@code 发件人:} line followed within four lines by {@code Sent:}, {@code Date:},
 *       {@code To:}, {@code Subject:}, {@code 发送时间:}, {@code 收件人:} or {@code 主题:}.
 *   <li>Every line starting with {@code >}.
 *   <li>Everything from the signature delimiter {@code --} (alone on a line) on, and from a device
 *       footer ({@code Sent from my ...}, {@code Get Outlook for ...}, {@code 发自我的...}) on.
 *   <li>A sign-off alone on its line ({@code Best regards,}, {@code Thanks}, {@code Cheers}, {@code
 *       谢谢}, {@code 此致} …) among the last six non-blank lines, and every line after it.
 * </ol>
 *
 * The lines left are joined with single spaces.
 */
final class EmailText {

  private static final Pattern ON_WROTE = Pattern.compile("(?i)^\\s*On\\s.*\\swrote:\\s*$");
  private static final Pattern ON = Pattern.compile("(?i)^\\s*On\\s.*");
  private static final Pattern WROTE = Pattern.compile("(?i).*\\swrote:\\s*$");
  private static final Pattern ZH_WROTE = Pattern.compile("^\\s*在.*写道\\s*[:：]\\s*$");
  private static final Pattern SEPARATOR =
      Pattern.compile(
          "(?i)^\\s*(-{2,}\\s*(Original Message|Forwarded message|原始邮件|转发的邮件|原始郵件)\\s*-{2,}|_{10,})\\s*$");
  private static final Pattern FROM = Pattern.compile("(?i)^\\s*(From|发件人)\\s*[:：].*");
  private static final Pattern HEADER =
      Pattern.compile("(?i)^\\s*(Sent|Date|To|Subject|Cc|发送时间|时间|收件人|主题|抄送)\\s*[:：].*");
  private static final Pattern SIGNATURE = Pattern.compile("^--\\s?$");
  private static final Pattern FOOTER =
      Pattern.compile("(?i)^\\s*(Sent from my\\s.*|Get Outlook for\\s.*|发自我的.*|从我的.*发送)\\s*$");
  private static final Pattern SIGN_OFF =
      Pattern.compile(
          "(?i)^\\s*(best|best regards|kind regards|warm regards|regards|thanks|thank you|many thanks|"
              + "cheers|sincerely|best wishes|all the best|此致|此致敬礼|敬礼|祝好|谢谢|多谢|顺祝商祺|祝商祺)"
              + "\\s*[,，!！.。]?\\s*$");

  private EmailText() {}

  static String strip(String body) {
    List<String> lines = List.of(body.split("\r\n|\r|\n", -1));
    int end = replyStart(lines);
    List<String> kept = new ArrayList<>();
    for (String line : lines.subList(0, end)) {
      if (SIGNATURE.matcher(line).matches() || FOOTER.matcher(line).matches()) {
        break;
      }
      if (!line.stripLeading().startsWith(">")) {
        kept.add(line);
      }
    }
    List<Integer> nonBlank = new ArrayList<>();
    for (int i = 0; i < kept.size(); i++) {
      if (!kept.get(i).isBlank()) {
        nonBlank.add(i);
      }
    }
    for (int k = Math.max(0, nonBlank.size() - 6); k < nonBlank.size(); k++) {
      if (SIGN_OFF.matcher(kept.get(nonBlank.get(k))).matches()) {
        kept = kept.subList(0, nonBlank.get(k));
        break;
      }
    }
    StringBuilder out = new StringBuilder();
    for (String line : kept) {
      if (!line.isBlank()) {
        out.append(out.length() == 0 ? "" : " ").append(line.strip());
      }
    }
    return out.toString();
  }

  private static int replyStart(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (ON_WROTE.matcher(line).matches()
          || ZH_WROTE.matcher(line).matches()
          || SEPARATOR.matcher(line).matches()
          || (ON.matcher(line).matches()
              && i + 1 < lines.size()
              && WROTE.matcher(lines.get(i + 1)).matches())) {
        return i;
      }
      if (FROM.matcher(line).matches()) {
        for (int j = i + 1; j < Math.min(lines.size(), i + 5); j++) {
          if (HEADER.matcher(lines.get(j)).matches()) {
            return i;
          }
        }
      }
    }
    return lines.size();
  }
}
