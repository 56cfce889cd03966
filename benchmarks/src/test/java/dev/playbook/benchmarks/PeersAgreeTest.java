package dev.playbook.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.benchmarks.peers.DrlPeer;
import dev.playbook.benchmarks.peers.EasyRulesPeer;
import dev.playbook.benchmarks.peers.Peer;
import dev.playbook.benchmarks.peers.PlainJavaPeer;
import dev.playbook.benchmarks.peers.PlaybookPeer;
import dev.playbook.model.Deal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PeersAgreeTest {

  private static final List<Deal> DEALS = DealGenerator.deals(42, 2_000);

  @Test
  void peers_onGeneratedDeals_findTheSameRulesOnEveryDeal() {
    List<List<String>> floor = sorted(new PlainJavaPeer().evaluate(DEALS, DealGenerator.AS_OF));
    for (Peer peer :
        List.of(
            new PlaybookPeer("closures"),
            new PlaybookPeer("generated"),
            new DrlPeer(),
            new EasyRulesPeer())) {
      List<List<String>> found = sorted(peer.evaluate(DEALS, DealGenerator.AS_OF));
      for (int i = 0; i < DEALS.size(); i++) {
        assertThat(found.get(i))
            .as("%s on deal %s", peer.name(), DEALS.get(i).id())
            .isEqualTo(floor.get(i));
      }
    }
  }

  @Test
  void peerRules_onGeneratedDeals_everyRuleFiresAndNoneFiresEverywhere() {
    List<List<String>> floor = new PlainJavaPeer().evaluate(DEALS, DealGenerator.AS_OF);
    java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
    floor.forEach(l -> l.forEach(r -> counts.merge(r, 1, Integer::sum)));
    assertThat(counts).hasSize(30);
    assertThat(counts.values()).allMatch(n -> n < DEALS.size());
  }

  @Test
  void generator_sameSeed_givesTheSameDeals() {
    assertThat(DealGenerator.deals(7, 50)).isEqualTo(DealGenerator.deals(7, 50));
  }

  private static List<List<String>> sorted(List<List<String>> in) {
    List<List<String>> out = new ArrayList<>();
    in.forEach(l -> out.add(new ArrayList<>(new TreeSet<>(l))));
    return out;
  }
}
