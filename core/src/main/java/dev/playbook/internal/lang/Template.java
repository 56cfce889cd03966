package dev.playbook.internal.lang;

import java.util.ArrayList;
import java.util.List;

/**
 * Text with placeholders such as {@code "{deal.name} has had no activity for
 * {days_since(last_activity)} days"}. Each placeholder is an expression of the condition language,
 * checked when the playbook loads. {@code {{} and {@code }}} stand for braces.
 */
public final class Template {

  private sealed interface Part permits Text, Placeholder {}

  private record Text(String text) implements Part {}

  /**
   * @param money whether it is the deal's amount, which names the base currency when the playbook
   *     converts amounts
   */
  private record Placeholder(Compiled expression, boolean money) implements Part {}

  private final List<Part> parts;

  /**
   * The runnable form of each placeholder, in order: its closures, or generated code once {@link
   * #prepare} has run (before the playbook is published).
   */
  private final Compiled[] runs;

  /** The text when there are no placeholders, else null. */
  private final String constant;

  private Template(List<Part> parts) {
    this.parts = List.copyOf(parts);
    this.runs =
        parts.stream()
            .filter(Placeholder.class::isInstance)
            .map(p -> ((Placeholder) p).expression())
            .toArray(Compiled[]::new);
    this.constant =
        parts.isEmpty()
            ? ""
            : parts.size() == 1 && parts.get(0) instanceof Text t ? t.text() : null;
  }

  /** Parses and checks a template; issues carry offsets into {@code src}. */
  public static Template compile(String src, Env env, List<Compiler.Issue> issues) {
    return compile(src, issues, inner -> Compiler.expression(inner, env));
  }

  /**
   * Parses and checks a talk track: placeholders as in messages, and, with {@code withContact},
   * {@code contact.<field>} for the contact the action targets (see {@link
   * Compiler#talkTrackPlaceholder}).
   */
  public static Template compileTalkTrack(
      String src, Env env, boolean withContact, List<Compiler.Issue> issues) {
    return compile(src, issues, inner -> Compiler.talkTrackPlaceholder(inner, env, withContact));
  }

  private static Template compile(
      String src,
      List<Compiler.Issue> issues,
      java.util.function.Function<String, Compiler.Result> placeholder) {
    List<Part> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (i < src.length()) {
      char c = src.charAt(i);
      if (c == '{' && i + 1 < src.length() && src.charAt(i + 1) == '{') {
        text.append('{');
        i += 2;
        continue;
      }
      if (c == '}' && i + 1 < src.length() && src.charAt(i + 1) == '}') {
        text.append('}');
        i += 2;
        continue;
      }
      if (c == '}') {
        issues.add(
            new Compiler.Issue(
                "invalid-template", i, "'}' has no matching '{'; write '}}' for a brace"));
        i++;
        continue;
      }
      if (c == '{') {
        int close = src.indexOf('}', i + 1);
        if (close < 0) {
          issues.add(
              new Compiler.Issue(
                  "invalid-template", i, "'{' has no matching '}'; write '{{' for a brace"));
          break;
        }
        String inner = src.substring(i + 1, close);
        Compiler.Result r = placeholder.apply(inner);
        int base = i + 1;
        for (Compiler.Issue issue : r.issues()) {
          issues.add(issue.shift(base));
        }
        if (text.length() > 0) {
          parts.add(new Text(text.toString()));
          text.setLength(0);
        }
        if (r.compiled() != null) {
          parts.add(new Placeholder(r.compiled(), isAmount(r.compiled())));
        }
        i = close + 1;
        continue;
      }
      text.append(c);
      i++;
    }
    if (text.length() > 0) {
      parts.add(new Text(text.toString()));
    }
    return new Template(parts);
  }

  /** Whether {@code c} reads the deal's amount ({@code amount} or {@code deal.amount}). */
  private static boolean isAmount(Compiled c) {
    return c.node() instanceof Node.Read r && r.scope() == 0 && r.path().equals("amount");
  }

  /**
   * Gives the placeholders of {@code templates} the runnable forms that {@code backend} makes of
   * them, all at once: {@code backend} is given every placeholder's expression of every template,
   * in order, with the environment of its template ({@code envs.get(i)} for template {@code i}),
   * and returns one runnable form for each, of the same value. Called while the playbook is being
   * compiled, before any template is rendered.
   */
  public static void prepare(
      List<Template> templates,
      List<Env> envs,
      java.util.function.BiFunction<List<Compiled>, List<Env>, List<Compiled>> backend) {
    List<Compiled> all = new ArrayList<>();
    List<Env> allEnvs = new ArrayList<>();
    for (int i = 0; i < templates.size(); i++) {
      for (Compiled c : templates.get(i).runs) {
        all.add(c);
        allEnvs.add(envs.get(i));
      }
    }
    List<Compiled> prepared = backend.apply(all, allEnvs);
    if (prepared.size() != all.size()) {
      throw new IllegalStateException(
          "the back end made " + prepared.size() + " of " + all.size() + " placeholders");
    }
    int at = 0;
    for (Template t : templates) {
      for (int i = 0; i < t.runs.length; i++) {
        t.runs[i] = prepared.get(at++);
      }
    }
  }

  /** The marker that ends a text cut at its maximum length. */
  public static final String TRUNCATED = "…[truncated]";

  public String render(Frame frame, Env env, java.util.Locale locale) {
    return render(frame, env, locale, Integer.MAX_VALUE);
  }

  /**
   * Renders the text; one whose placeholders make it longer than {@code maxLength} characters is
   * cut to that length, its end replaced by {@link #TRUNCATED}, and no placeholder after the cut is
   * evaluated. A text without placeholders is the author's own and is returned as written.
   */
  public String render(Frame frame, Env env, java.util.Locale locale, int maxLength) {
    if (constant != null) {
      return constant; // the author's own text, as long as the file it came from allows: nothing to
      // cut
    }
    // String.join sizes and encodes the result once; a StringBuilder would copy itself again for
    // every text outside Latin-1 (Chinese messages, dashes, quotes)
    String[] pieces = new String[parts.size()];
    long length = 0;
    int placeholder = 0;
    for (int i = 0; i < pieces.length; i++) {
      Part p = parts.get(i);
      String piece;
      if (p instanceof Text t) {
        piece = t.text();
      } else {
        Placeholder h = (Placeholder) p;
        Compiled c = h.expression();
        Object value = runs[placeholder++].eval(frame);
        piece = Values.format(value, c.type(), env, locale);
        Money money = h.money() && value != null ? env.money() : null;
        if (money != null) {
          piece = piece + " " + money.base(); // 828,000 EUR, as reports print a deal's amount
        }
      }
      length += piece.length();
      pieces[i] = piece;
      if (length > maxLength) {
        String[] kept = java.util.Arrays.copyOf(pieces, i + 1);
        return cut(String.join("", kept), maxLength);
      }
    }
    return String.join("", pieces);
  }

  private static String cut(String text, int maxLength) {
    int keep = Math.max(0, maxLength - TRUNCATED.length());
    if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
      keep--;
    }
    return text.substring(0, keep) + TRUNCATED;
  }
}
