package dev.playbook.benchmarks.peers;

import static dev.playbook.model.ActivityType.DEMO;
import static dev.playbook.model.ActivityType.MEETING;
import static dev.playbook.model.BuyingRole.BLOCKER;
import static dev.playbook.model.BuyingRole.CHAMPION;
import static dev.playbook.model.BuyingRole.ECONOMIC_BUYER;
import static dev.playbook.model.Power.HIGH;

import dev.playbook.model.Deal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The peer rule set as {@code if} statements over {@link DealView}: the floor. */
public final class PlainJavaPeer implements Peer {

  @Override
  public String name() {
    return "plain Java";
  }

  @Override
  public List<List<String>> evaluate(List<Deal> deals, Instant asOf) {
    List<List<String>> out = new ArrayList<>(deals.size());
    for (Deal deal : deals) {
      out.add(check(new DealView(deal, asOf)));
    }
    return out;
  }

  static List<String> check(DealView v) {
    int s = v.getStage();
    if (v.isOpen()) {
      if (s >= 3 && !v.hasRole(ECONOMIC_BUYER)) {
        v.fire("peer.r01");
      }
      if (s >= 2 && !v.hasRole(CHAMPION)) {
        v.fire("peer.r02");
      }
      if (v.hasLastActivity() && v.getDaysSinceLastActivity() > 14) {
        v.fire("peer.r03");
      }
      if (!v.hasLastActivity() && v.hasCreatedAt() && v.getDaysSinceCreated() > 14) {
        v.fire("peer.r04");
      }
      if (s >= 2 && v.getContactCount() < 2) {
        v.fire("peer.r05");
      }
      if (v.hasAmount() && v.getAmount() >= 4000 && v.countPower(HIGH) == 0) {
        v.fire("peer.r06");
      }
      if (s >= 3 && !v.hasTag("pricing")) {
        v.fire("peer.r07");
      }
      if (v.hasStageEnteredAt() && v.getDaysInStage() > 30) {
        v.fire("peer.r08");
      }
      if (v.isCloseDatePast()) {
        v.fire("peer.r09");
      }
      if (v.getCloseDatePushes() >= 2) {
        v.fire("peer.r10");
      }
      if (v.hasOverdueStep()) {
        v.fire("peer.r11");
      }
      if (s >= 3 && !v.hasOpenDatedStep()) {
        v.fire("peer.r12");
      }
      if (s >= 2 && v.evidence("meddic.metrics") == 0) {
        v.fire("peer.r13");
      }
      if (s >= 3 && v.evidence("meddic.decision_criteria") < 2) {
        v.fire("peer.r14");
      }
      if (s >= 1 && v.evidence("meddic.identify_pain") == 0) {
        v.fire("peer.r15");
      }
      if (v.hasAmount() && v.getAmount() >= 5000 && v.countPower(HIGH) < 2) {
        v.fire("peer.r16");
      }
      if (s >= 4 && !v.hasActivityWithRole(MEETING, ECONOMIC_BUYER)) {
        v.fire("peer.r17");
      }
      if (s >= 3 && v.countActivities(DEMO) == 0) {
        v.fire("peer.r18");
      }
      if (s == 0 && v.hasCreatedAt() && v.getDaysSinceCreated() > 30) {
        v.fire("peer.r19");
      }
      if (v.hasProbability() && v.getProbability() >= 50 && s <= 2) {
        v.fire("peer.r20");
      }
      if (v.isCommit() && s < 4) {
        v.fire("peer.r21");
      }
      if (v.hasRole(BLOCKER) && !v.hasRoleWithPower(CHAMPION, HIGH)) {
        v.fire("peer.r22");
      }
      if (v.countRecentOutbound(30) >= 4) {
        v.fire("peer.r23");
      }
      if (s >= 3 && !v.hasAmount()) {
        v.fire("peer.r24");
      }
      if (v.isEnterprise() && v.getContactCount() < 3) {
        v.fire("peer.r25");
      }
      if (v.evidence("bant.budget") == 0 && v.evidence("bant.authority") == 0) {
        v.fire("peer.r28");
      }
      if (s >= 2 && v.getMeetingMinutes() < 60) {
        v.fire("peer.r29");
      }
      if (v.hasCloseDate() && v.getDaysUntilClose() <= 14 && s <= 2) {
        v.fire("peer.r30");
      }
    } else if (s == 6) {
      if (v.countActivities(MEETING) == 0) {
        v.fire("peer.r26");
      }
    } else if (v.evidence("meddic.economic_buyer") == 0) {
      v.fire("peer.r27");
    }
    return v.getFired();
  }
}
