package dev.playbook.result;

import static java.util.Objects.requireNonNull;

import dev.playbook.model.EvidenceStatus;
import java.util.List;

/**
 * How far a deal is qualified under one methodology: each element's status and an overall score.
 *
 * @param methodology its id, such as {@code meddic}
 * @param title its display title
 * @param elements each element in the order the playbook declares them
 * @param percent confirmed elements count 1, partial ones 1/2, rounded to a whole percent
 */
public record Scorecard(String methodology, String title, List<Element> elements, int percent) {

  public Scorecard {
    requireNonNull(methodology, "methodology");
    requireNonNull(title, "title");
    elements = List.copyOf(elements);
  }

  /**
   * One element of a methodology.
   *
   * @param status from the deal's qualification evidence, or confirmed when the element's own
   *     {@code confirmed_when} condition holds
   * @param gaps ids of the rules that reported a gap on this element
   */
  public record Element(String id, String title, EvidenceStatus status, List<String> gaps) {
    public Element {
      requireNonNull(id, "id");
      requireNonNull(title, "title");
      requireNonNull(status, "status");
      gaps = List.copyOf(gaps);
    }
  }
}
