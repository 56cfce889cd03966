package dev.playbook.insights.loop;

import static java.util.Objects.requireNonNull;

import dev.playbook.result.Action;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Gap;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One finding of an evaluation, an action or a gap, under an id that stays the same for as long as
 * the same rule finds the same thing on the same deal: the id is a hash of the deal's id, the kind,
 * the rule's id and the action's target contact, and of nothing that changes from day to day (not
 * the text, the priority or the due date).
 *
 * @param id the stable id: {@code a-} (action) or {@code g-} (gap) and 16 hex digits
 * @param kind action or gap
 * @param dealId the deal's id
 * @param rule the id of the rule that found it
 * @param target the contact id an action is aimed at, or null
 * @param severity a gap's severity in lowercase, or null for an action
 * @param priority an action's priority, or null for a gap
 * @param text an action's title or a gap's message, as rendered when it was found
 * @param due an action's due date, or null for a gap
 */
public record Finding(
    String id,
    Kind kind,
    String dealId,
    String rule,
    String target,
    String severity,
    Integer priority,
    String text,
    LocalDate due) {

  /** Whether a finding is an action for the rep or a compliance gap. */
  public enum Kind {
    ACTION,
    GAP;

    /** The lowercase name used in files. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Finding {
    requireNonNull(id, "id");
    requireNonNull(kind, "kind");
    requireNonNull(dealId, "dealId");
    requireNonNull(rule, "rule");
    requireNonNull(text, "text");
  }

  /**
   * The stable id of a finding.
   *
   * @param dealId the deal's id
   * @param kind action or gap
   * @param rule the rule's id
   * @param target the target contact's id, or null
   */
  public static String id(String dealId, Kind kind, String rule, String target) {
    requireNonNull(dealId, "dealId");
    requireNonNull(kind, "kind");
    requireNonNull(rule, "rule");
    String key =
        dealId + '\u0000' + kind.id() + '\u0000' + rule + '\u0000' + (target == null ? "" : target);
    return (kind == Kind.ACTION ? "a-" : "g-") + sha256(key).substring(0, 16);
  }

  /**
   * The findings of an evaluation, actions first (in their rank order), then gaps; a second finding
   * with an id already listed is left out.
   */
  public static List<Finding> of(Evaluation evaluation) {
    requireNonNull(evaluation, "evaluation");
    List<Finding> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    String deal = evaluation.dealId();
    for (Action a : evaluation.actions()) {
      String target = a.target() == null ? null : a.target().contactId();
      String id = id(deal, Kind.ACTION, a.rule(), target);
      if (seen.add(id)) {
        out.add(
            new Finding(
                id, Kind.ACTION, deal, a.rule(), target, null, a.priority(), a.title(), a.due()));
      }
    }
    for (Gap g : evaluation.gaps()) {
      String id = id(deal, Kind.GAP, g.rule(), null);
      if (seen.add(id)) {
        out.add(
            new Finding(
                id,
                Kind.GAP,
                deal,
                g.rule(),
                null,
                g.severity().name().toLowerCase(java.util.Locale.ROOT),
                null,
                g.message(),
                null));
      }
    }
    return List.copyOf(out);
  }

  static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
