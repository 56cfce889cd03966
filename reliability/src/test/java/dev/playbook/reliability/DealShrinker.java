package dev.playbook.reliability;

import dev.playbook.model.Deal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deals one step plainer than a given one: one list item, evidence entry, custom value or field
 * fewer.
 */
final class DealShrinker {

  private DealShrinker() {}

  static List<Deal> smaller(Deal d) {
    List<Deal> out = new ArrayList<>();
    for (int i = 0; i < d.activities().size(); i++) {
      List<dev.playbook.model.Activity> l = new ArrayList<>(d.activities());
      l.remove(i);
      add(out, () -> d.toBuilder().activities(l).build());
    }
    for (int i = 0; i < d.contacts().size(); i++) {
      List<dev.playbook.model.Contact> l = new ArrayList<>(d.contacts());
      String gone = l.remove(i).id();
      List<dev.playbook.model.Activity> acts = new ArrayList<>();
      for (dev.playbook.model.Activity a : d.activities()) {
        List<String> ids = new ArrayList<>(a.contactIds());
        ids.remove(gone);
        acts.add(
            new dev.playbook.model.Activity(
                a.id(),
                a.type(),
                a.direction(),
                a.occurredAt(),
                ids,
                a.outcome(),
                a.tags(),
                a.counts(),
                a.durationMinutes()));
      }
      add(out, () -> d.toBuilder().contacts(l).activities(acts).build());
    }
    for (int i = 0; i < d.nextSteps().size(); i++) {
      List<dev.playbook.model.NextStep> l = new ArrayList<>(d.nextSteps());
      l.remove(i);
      add(out, () -> d.toBuilder().nextSteps(l).build());
    }
    for (int i = 0; i < d.stageHistory().size(); i++) {
      List<dev.playbook.model.StageChange> l = new ArrayList<>(d.stageHistory());
      l.remove(i);
      add(out, () -> d.toBuilder().stageHistory(l).build());
    }
    for (int i = 0; i < d.closeDateHistory().size(); i++) {
      List<dev.playbook.model.CloseDateChange> l = new ArrayList<>(d.closeDateHistory());
      l.remove(i);
      add(out, () -> d.toBuilder().closeDateHistory(l).build());
    }
    for (String k : d.evidence().keySet()) {
      Map<String, dev.playbook.model.Evidence> m = new LinkedHashMap<>(d.evidence());
      m.remove(k);
      add(out, () -> d.toBuilder().evidence(m).build());
    }
    for (String k : d.custom().keySet()) {
      Map<String, dev.playbook.model.CustomValue> m = new LinkedHashMap<>(d.custom());
      m.remove(k);
      add(out, () -> d.toBuilder().custom(m).build());
    }
    if (d.name() != null) add(out, () -> d.toBuilder().name(null).build());
    if (d.account() != null) add(out, () -> d.toBuilder().account(null).build());
    if (d.owner() != null) add(out, () -> d.toBuilder().owner(null).build());
    if (d.team() != null) add(out, () -> d.toBuilder().team(null).build());
    if (d.segment() != null) add(out, () -> d.toBuilder().segment(null).build());
    if (d.amount() != null) add(out, () -> d.toBuilder().amount(null).build());
    if (d.currency() != null) add(out, () -> d.toBuilder().currency(null).build());
    if (d.createdAt() != null) add(out, () -> d.toBuilder().createdAt(null).build());
    if (d.closeDate() != null) add(out, () -> d.toBuilder().closeDate(null).build());
    if (d.leadSource() != null) add(out, () -> d.toBuilder().leadSource(null).build());
    if (d.mqlAt() != null) add(out, () -> d.toBuilder().mqlAt(null).build());
    if (d.sqlAt() != null) add(out, () -> d.toBuilder().sqlAt(null).build());
    if (d.assignedAt() != null) add(out, () -> d.toBuilder().assignedAt(null).build());
    if (d.probability() != null) add(out, () -> d.toBuilder().probability(null).build());
    if (d.forecastCategory() != null) add(out, () -> d.toBuilder().forecastCategory(null).build());
    return out;
  }

  private static void add(List<Deal> out, java.util.function.Supplier<Deal> s) {
    try {
      out.add(s.get());
    } catch (IllegalArgumentException | NullPointerException e) {
      // not a valid deal; not a candidate
    }
  }
}
