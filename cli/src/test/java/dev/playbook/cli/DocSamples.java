package dev.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

/** Finds the samples in a documentation page. */
final class DocSamples {

  private DocSamples() {}

  /** The body of the fenced block that follows the first occurrence of {@code marker}. */
  static String after(String doc, String marker, String fence) {
    int at = doc.indexOf(marker);
    assertThat(at).as("the page has a sample marked '%s'", marker).isNotNegative();
    int start = doc.indexOf(fence + "\n", at) + fence.length() + 1;
    int end = doc.indexOf("```\n", start);
    return doc.substring(start, end);
  }

  /**
   * The body of the first fenced block opened by {@code fence} whose first line is {@code
   * firstLine}.
   */
  static String block(String doc, String firstLine, String fence) {
    String opening = fence + "\n" + firstLine + "\n";
    int at = doc.indexOf(opening);
    assertThat(at)
        .as("the page has a %s block starting with '%s'", fence, firstLine)
        .isNotNegative();
    int start = at + fence.length() + 1;
    return doc.substring(start, doc.indexOf("```\n", start));
  }
}
