package dev.playbook.conversations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Words as Unicode word segmentation (Lucene's {@code StandardTokenizer}, UAX #29) finds them: an
 * English word, a number, or one Chinese character each. Fillers are the single words {@code um umm
 * uh uhh uhm er erm hmm mm} and {@code 嗯 呃 额}, case ignored.
 */
final class Words {

  static final Set<String> FILLERS =
      Set.of("um", "umm", "uh", "uhh", "uhm", "er", "erm", "hmm", "mm", "嗯", "呃", "额");

  private static final Analyzer ANALYZER = new StandardAnalyzer(CharArraySet.EMPTY_SET);

  /** {words, fillers} of {@code text}. */
  record Count(int words, int fillers) {}

  private Words() {}

  static Count count(String text) {
    int words = 0;
    int fillers = 0;
    try (TokenStream ts = ANALYZER.tokenStream("w", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        words++;
        if (FILLERS.contains(term.toString())) {
          fillers++;
        }
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Count(words, fillers);
  }
}
