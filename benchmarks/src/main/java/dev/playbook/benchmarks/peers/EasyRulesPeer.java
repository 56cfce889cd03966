package dev.playbook.benchmarks.peers;

import dev.playbook.model.Deal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jeasy.rules.api.Facts;
import org.jeasy.rules.api.Rules;
import org.jeasy.rules.api.RulesEngine;
import org.jeasy.rules.core.DefaultRulesEngine;
import org.jeasy.rules.mvel.MVELRule;
import org.mvel2.ParserContext;

/**
 * The peer rule set in Easy Rules, each condition and action an MVEL expression; one deal per fire.
 */
public final class EasyRulesPeer implements Peer {

  /** Rule id and MVEL condition over the fact {@code v} (a {@link DealView}). */
  static final String[][] RULES = {
    {"peer.r01", "v.open && v.stage >= 3 && !v.hasRole(BuyingRole.ECONOMIC_BUYER)"},
    {"peer.r02", "v.open && v.stage >= 2 && !v.hasRole(BuyingRole.CHAMPION)"},
    {"peer.r03", "v.open && v.hasLastActivity() && v.daysSinceLastActivity > 14"},
    {"peer.r04", "v.open && !v.hasLastActivity() && v.hasCreatedAt() && v.daysSinceCreated > 14"},
    {"peer.r05", "v.open && v.stage >= 2 && v.contactCount < 2"},
    {"peer.r06", "v.open && v.hasAmount() && v.amount >= 4000 && v.countPower(Power.HIGH) == 0"},
    {"peer.r07", "v.open && v.stage >= 3 && !v.hasTag('pricing')"},
    {"peer.r08", "v.open && v.hasStageEnteredAt() && v.daysInStage > 30"},
    {"peer.r09", "v.open && v.closeDatePast"},
    {"peer.r10", "v.open && v.closeDatePushes >= 2"},
    {"peer.r11", "v.open && v.hasOverdueStep()"},
    {"peer.r12", "v.open && v.stage >= 3 && !v.hasOpenDatedStep()"},
    {"peer.r13", "v.open && v.stage >= 2 && v.evidence('meddic.metrics') == 0"},
    {"peer.r14", "v.open && v.stage >= 3 && v.evidence('meddic.decision_criteria') < 2"},
    {"peer.r15", "v.open && v.stage >= 1 && v.evidence('meddic.identify_pain') == 0"},
    {"peer.r16", "v.open && v.hasAmount() && v.amount >= 5000 && v.countPower(Power.HIGH) < 2"},
    {
      "peer.r17",
      "v.open && v.stage >= 4 && !v.hasActivityWithRole(ActivityType.MEETING, BuyingRole.ECONOMIC_BUYER)"
    },
    {"peer.r18", "v.open && v.stage >= 3 && v.countActivities(ActivityType.DEMO) == 0"},
    {"peer.r19", "v.open && v.stage == 0 && v.hasCreatedAt() && v.daysSinceCreated > 30"},
    {"peer.r20", "v.open && v.hasProbability() && v.probability >= 50 && v.stage <= 2"},
    {"peer.r21", "v.open && v.commit && v.stage < 4"},
    {
      "peer.r22",
      "v.open && v.hasRole(BuyingRole.BLOCKER) && !v.hasRoleWithPower(BuyingRole.CHAMPION, Power.HIGH)"
    },
    {"peer.r23", "v.open && v.countRecentOutbound(30) >= 4"},
    {"peer.r24", "v.open && v.stage >= 3 && !v.hasAmount()"},
    {"peer.r25", "v.open && v.enterprise && v.contactCount < 3"},
    {"peer.r26", "v.stage == 6 && v.countActivities(ActivityType.MEETING) == 0"},
    {"peer.r27", "v.stage == 5 && v.evidence('meddic.economic_buyer') == 0"},
    {"peer.r28", "v.open && v.evidence('bant.budget') == 0 && v.evidence('bant.authority') == 0"},
    {"peer.r29", "v.open && v.stage >= 2 && v.meetingMinutes < 60"},
    {"peer.r30", "v.open && v.hasCloseDate() && v.daysUntilClose <= 14 && v.stage <= 2"},
  };

  private final Rules rules = new Rules();
  private final RulesEngine engine = new DefaultRulesEngine();

  public EasyRulesPeer() {
    ParserContext context = new ParserContext();
    context.addImport("BuyingRole", dev.playbook.model.BuyingRole.class);
    context.addImport("Power", dev.playbook.model.Power.class);
    context.addImport("ActivityType", dev.playbook.model.ActivityType.class);
    int priority = 0;
    for (String[] r : RULES) {
      rules.register(
          new MVELRule(context)
              .name(r[0])
              .priority(priority++)
              .when(r[1])
              .then("v.fire('" + r[0] + "');"));
    }
  }

  @Override
  public String name() {
    return "Easy Rules + MVEL";
  }

  @Override
  public List<List<String>> evaluate(List<Deal> deals, Instant asOf) {
    List<List<String>> out = new ArrayList<>(deals.size());
    for (Deal d : deals) {
      DealView v = new DealView(d, asOf);
      Facts facts = new Facts();
      facts.put("v", v);
      engine.fire(rules, facts);
      out.add(v.getFired());
    }
    return out;
  }
}
