package dev.playbook.descriptor;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A sales methodology of a playbook, such as MEDDIC, with its elements in order.
 *
 * @param id the methodology's id, such as {@code meddic}
 * @param title its title by locale (its id when it has none)
 * @param elements its elements, in the order the playbook lists them
 */
public record MethodologyDescriptor(String id, LocalizedText title, List<Element> elements) {

  public MethodologyDescriptor {
    requireNonNull(id, "id");
    requireNonNull(title, "title");
    elements = List.copyOf(elements);
  }

  /**
   * The element with this id, if the methodology has one.
   *
   * @param elementId an element id such as {@code economic_buyer}
   */
  public Optional<Element> element(String elementId) {
    return elements.stream().filter(e -> e.id().equals(elementId)).findFirst();
  }

  /**
   * One element of a methodology, such as MEDDIC's economic buyer.
   *
   * @param id the element's id
   * @param title its title by locale (its id when it has none)
   * @param confirmedWhen the condition under which a scorecard shows it confirmed, as written, or
   *     null when it has none
   */
  public record Element(String id, LocalizedText title, String confirmedWhen) {

    public Element {
      requireNonNull(id, "id");
      requireNonNull(title, "title");
    }
  }
}
