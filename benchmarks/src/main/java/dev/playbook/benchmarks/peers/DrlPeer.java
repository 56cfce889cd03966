package dev.playbook.benchmarks.peers;

import dev.playbook.model.Deal;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * The peer rule set as hand-written DRL, compiled on Drools' classic path (KnowledgeBuilder) and
 * run in a stateless session; a batch of deals goes into one working memory, as our engine does.
 */
public final class DrlPeer implements Peer {

  private final StatelessKieSession session;

  public DrlPeer() {
    this(text("peer-rules.drl"));
  }

  public DrlPeer(String drl) {
    this.session = build(drl).newStatelessKieSession();
  }

  /** Compiles DRL text into a KieBase through the classic KnowledgeBuilder. */
  private static KieBase build(String drl) {
    KnowledgeBuilder kb = KnowledgeBuilderFactory.newKnowledgeBuilder();
    kb.add(
        ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8)),
        ResourceType.DRL);
    if (kb.hasErrors()) {
      throw new IllegalStateException("DRL does not compile: " + kb.getErrors());
    }
    return kb.newKieBase();
  }

  static String text(String resource) {
    try (InputStream in = DrlPeer.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String name() {
    return "hand-written DRL (classic)";
  }

  @Override
  public List<List<String>> evaluate(List<Deal> deals, Instant asOf) {
    List<DealView> views = new ArrayList<>(deals.size());
    for (Deal d : deals) {
      views.add(new DealView(d, asOf));
    }
    session.execute(views);
    List<List<String>> out = new ArrayList<>(deals.size());
    for (DealView v : views) {
      out.add(v.getFired());
    }
    return out;
  }
}
