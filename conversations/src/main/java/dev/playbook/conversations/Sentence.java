package dev.playbook.conversations;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One sentence of a segment, as {@link BreakIterator}'s sentence rules split it (they know both
 * {@code . ? !} and {@code 。？！}). A sentence is a question when its last character, closing quotes
 * and brackets aside, is {@code ?} or {@code ？}.
 */
record Sentence(int segment, int index, String text, boolean question) {

  /** Creating a sentence instance loads its rules; a clone of one prototype is cheap. */
  private static final BreakIterator PROTOTYPE = BreakIterator.getSentenceInstance(Locale.ROOT);

  /**
   * The sentences of every attributed segment, by segment index; an empty list for a segment whose
   * speaker is not attributed. Split once per analysis and shared by metrics, trackers and next
   * steps.
   */
  static List<List<Sentence>> of(Conversation conversation, Attribution attribution) {
    List<List<Sentence>> out = new ArrayList<>(conversation.segments().size());
    for (Segment s : conversation.segments()) {
      out.add(attribution.party(s.speaker()) == null ? List.of() : of(s));
    }
    return out;
  }

  static List<Sentence> of(Segment segment) {
    BreakIterator it = (BreakIterator) PROTOTYPE.clone();
    String text = segment.text();
    it.setText(text);
    List<Sentence> out = new ArrayList<>();
    int start = it.first();
    for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
      String s = text.substring(start, end).strip();
      if (!s.isEmpty()) {
        out.add(new Sentence(segment.index(), out.size(), s, isQuestion(s)));
      }
    }
    return out;
  }

  static boolean isQuestion(String s) {
    int i = s.length() - 1;
    while (i >= 0 && "\"'”’」』)）]".indexOf(s.charAt(i)) >= 0) {
      i--;
    }
    return i >= 0 && (s.charAt(i) == '?' || s.charAt(i) == '？');
  }
}
