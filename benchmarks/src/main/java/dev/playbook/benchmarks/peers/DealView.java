package dev.playbook.benchmarks.peers;

import dev.playbook.model.Activity;
import dev.playbook.model.ActivityType;
import dev.playbook.model.BuyingRole;
import dev.playbook.model.CloseDateChange;
import dev.playbook.model.Contact;
import dev.playbook.model.Deal;
import dev.playbook.model.Direction;
import dev.playbook.model.Evidence;
import dev.playbook.model.EvidenceStatus;
import dev.playbook.model.ForecastCategory;
import dev.playbook.model.NextStep;
import dev.playbook.model.NextStepStatus;
import dev.playbook.model.Power;
import dev.playbook.model.StageChange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * One deal at one moment as the three hand-written peers (plain Java, DRL, Easy Rules) see it:
 * JavaBean getters and small helpers over the deal, with the same meaning as the condition language
 * (a missing value never satisfies a comparison; whole days counted toward zero). The peers record
 * the ids of the rules that fired with {@link #fire}.
 */
public final class DealView {

  private static final List<String> STAGES =
      List.of(
          "prospecting",
          "qualification",
          "discovery",
          "proposal",
          "negotiation",
          "closed_won",
          "closed_lost");

  private final Deal deal;
  private final Instant asOf;
  private final int stage;
  private Instant lastActivity;
  private boolean lastActivityKnown;
  private final List<String> fired = new ArrayList<>(8);

  public DealView(Deal deal, Instant asOf) {
    this.deal = deal;
    this.asOf = asOf;
    this.stage = STAGES.indexOf(deal.stage());
  }

  public Deal getDeal() {
    return deal;
  }

  /** Ids of the rules that fired, in firing order. */
  public List<String> getFired() {
    return fired;
  }

  public void fire(String rule) {
    fired.add(rule);
  }

  public int getStage() {
    return stage;
  }

  public boolean isOpen() {
    return stage < 5;
  }

  public String getSegment() {
    return deal.segment();
  }

  public boolean isEnterprise() {
    return "enterprise".equals(deal.segment());
  }

  public boolean hasAmount() {
    return deal.amount() != null;
  }

  public double getAmount() {
    return deal.amount() == null ? 0 : deal.amount().doubleValue();
  }

  public boolean hasProbability() {
    return deal.probability() != null;
  }

  public double getProbability() {
    return deal.probability() == null ? 0 : deal.probability().doubleValue();
  }

  public boolean isCommit() {
    return deal.forecastCategory() == ForecastCategory.COMMIT;
  }

  public boolean hasCreatedAt() {
    return deal.createdAt() != null;
  }

  public long getDaysSinceCreated() {
    return days(deal.createdAt(), asOf);
  }

  public boolean hasLastActivity() {
    return lastActivity() != null;
  }

  public long getDaysSinceLastActivity() {
    return days(lastActivity(), asOf);
  }

  private Instant lastActivity() {
    if (!lastActivityKnown) {
      Instant last = null;
      for (Activity a : deal.activities()) {
        if (!a.occurredAt().isAfter(asOf) && (last == null || a.occurredAt().isAfter(last))) {
          last = a.occurredAt();
        }
      }
      lastActivity = last;
      lastActivityKnown = true;
    }
    return lastActivity;
  }

  public boolean hasStageEnteredAt() {
    return stageEnteredAt() != null;
  }

  public long getDaysInStage() {
    return days(stageEnteredAt(), asOf);
  }

  private Instant stageEnteredAt() {
    Instant at = null;
    for (StageChange c : deal.stageHistory()) {
      if (c.stage().equals(deal.stage()) && (at == null || c.enteredAt().isAfter(at))) {
        at = c.enteredAt();
      }
    }
    return at != null ? at : deal.createdAt();
  }

  public int getCloseDatePushes() {
    int n = 0;
    for (CloseDateChange c : deal.closeDateHistory()) {
      if (c.from() != null && c.to() != null && c.to().isAfter(c.from())) {
        n++;
      }
    }
    return n;
  }

  public boolean hasCloseDate() {
    return deal.closeDate() != null;
  }

  public boolean isCloseDatePast() {
    return deal.closeDate() != null && start(deal.closeDate()).isBefore(asOf);
  }

  public long getDaysUntilClose() {
    return days(asOf, start(deal.closeDate()));
  }

  public int getContactCount() {
    return deal.contacts().size();
  }

  public boolean hasRole(BuyingRole role) {
    for (Contact c : deal.contacts()) {
      if (c.roles().contains(role)) {
        return true;
      }
    }
    return false;
  }

  public boolean hasRoleWithPower(BuyingRole role, Power power) {
    for (Contact c : deal.contacts()) {
      if (c.roles().contains(role) && c.power() == power) {
        return true;
      }
    }
    return false;
  }

  public int countPower(Power power) {
    int n = 0;
    for (Contact c : deal.contacts()) {
      if (c.power() == power) {
        n++;
      }
    }
    return n;
  }

  public boolean hasTag(String tag) {
    for (Activity a : deal.activities()) {
      for (String t : a.tags()) {
        if (t.equalsIgnoreCase(tag)) {
          return true;
        }
      }
    }
    return false;
  }

  public int countActivities(ActivityType type) {
    int n = 0;
    for (Activity a : deal.activities()) {
      if (a.type() == type) {
        n++;
      }
    }
    return n;
  }

  /** Activities of that type involving a contact with that role. */
  public boolean hasActivityWithRole(ActivityType type, BuyingRole role) {
    for (Activity a : deal.activities()) {
      if (a.type() != type) {
        continue;
      }
      for (String id : a.contactIds()) {
        for (Contact c : deal.contacts()) {
          if (c.id().equals(id) && c.roles().contains(role)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Outbound activities at most {@code days} whole days ago (planned ones included). */
  public int countRecentOutbound(int days) {
    int n = 0;
    for (Activity a : deal.activities()) {
      if (a.direction() == Direction.OUTBOUND && days(a.occurredAt(), asOf) <= days) {
        n++;
      }
    }
    return n;
  }

  public int getMeetingMinutes() {
    int sum = 0;
    for (Activity a : deal.activities()) {
      if (a.type() == ActivityType.MEETING && a.durationMinutes() != null) {
        sum += a.durationMinutes();
      }
    }
    return sum;
  }

  public boolean hasOverdueStep() {
    for (NextStep s : deal.nextSteps()) {
      if (s.status() == NextStepStatus.OPEN && s.due() != null && days(start(s.due()), asOf) > 0) {
        return true;
      }
    }
    return false;
  }

  public boolean hasOpenDatedStep() {
    for (NextStep s : deal.nextSteps()) {
      if (s.status() == NextStepStatus.OPEN && s.due() != null) {
        return true;
      }
    }
    return false;
  }

  /** 0 unknown, 1 partial, 2 confirmed. */
  public int evidence(String key) {
    Evidence e = deal.evidence().get(key);
    return e == null || e.status() == null
        ? 0
        : e.status() == EvidenceStatus.CONFIRMED ? 2 : e.status() == EvidenceStatus.PARTIAL ? 1 : 0;
  }

  private static Instant start(LocalDate d) {
    return d.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static long days(Instant from, Instant to) {
    return (to.getEpochSecond() - from.getEpochSecond()) / 86_400;
  }
}
