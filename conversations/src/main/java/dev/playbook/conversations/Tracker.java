package dev.playbook.conversations;

import static java.util.Objects.requireNonNull;

import dev.playbook.problem.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A detector for one concept: a sentence is a hit when it contains one of the phrases (as analysed
 * for its language, see {@link TrackerSet}), is said by the side {@code by} admits, lies in {@code
 * window}, and, when {@code question} is set, is a question.
 *
 * @param concept the concept's id, such as {@code pricing}, {@code competitor}, {@code timeline},
 *     {@code decision_process}, {@code pain}, {@code metrics} or {@code next_step}; unique in a set
 * @param phrases phrases by language, {@code en} or {@code zh-CN}, in the order written
 * @param by who must say it
 * @param window where in the conversation
 * @param question whether the sentence must be a question
 * @param origin where the tracker was written, for problems; {@link Problem}-style file, line,
 *     column
 */
public record Tracker(
    String concept,
    Map<String, List<String>> phrases,
    By by,
    Window window,
    boolean question,
    Origin origin) {

  /** Where a tracker was written: file and 1-based line and column, 0 when unknown. */
  public record Origin(String file, int line, int column) {
    public static final Origin UNKNOWN = new Origin("trackers", 0, 0);

    public Origin {
      requireNonNull(file, "file");
    }
  }

  public Tracker {
    requireNonNull(concept, "concept");
    requireNonNull(by, "by");
    requireNonNull(window, "window");
    origin = origin == null ? Origin.UNKNOWN : origin;
    Map<String, List<String>> copy = new LinkedHashMap<>();
    phrases.forEach((lang, list) -> copy.put(lang, List.copyOf(list)));
    phrases = Collections.unmodifiableMap(copy);
  }

  /** A tracker said by anyone, anywhere, with English phrases only. */
  public static Tracker of(String concept, String... english) {
    return builder(concept).phrases("en", english).build();
  }

  public static Builder builder(String concept) {
    return new Builder(concept);
  }

  /** Builds a {@link Tracker}; by anyone, anywhere, not only questions, unless set. */
  public static final class Builder {
    private final String concept;
    private final Map<String, List<String>> phrases = new LinkedHashMap<>();
    private By by = By.ANYONE;
    private Window window = Window.anywhere();
    private boolean question;
    private Origin origin = Origin.UNKNOWN;

    private Builder(String concept) {
      this.concept = concept;
    }

    /** Adds phrases in {@code language} ({@code en} or {@code zh-CN}). */
    public Builder phrases(String language, String... phrases) {
      return phrases(language, Arrays.asList(phrases));
    }

    public Builder phrases(String language, List<String> phrases) {
      this.phrases.computeIfAbsent(language, l -> new ArrayList<>()).addAll(phrases);
      return this;
    }

    public Builder by(By by) {
      this.by = by;
      return this;
    }

    public Builder window(Window window) {
      this.window = window;
      return this;
    }

    public Builder question(boolean question) {
      this.question = question;
      return this;
    }

    public Builder origin(String file, int line, int column) {
      this.origin = new Origin(file, line, column);
      return this;
    }

    public Tracker build() {
      return new Tracker(concept, phrases, by, window, question, origin);
    }
  }
}
