package dev.playbook.internal.load;

import dev.playbook.descriptor.KeyNodeDescriptor;
import dev.playbook.descriptor.LocalizedText;
import dev.playbook.descriptor.LoopSettings;
import dev.playbook.descriptor.MethodologyDescriptor;
import dev.playbook.descriptor.ParameterDescriptor;
import dev.playbook.descriptor.PlaybookDescriptor;
import dev.playbook.descriptor.RuleDescriptor;
import dev.playbook.descriptor.StageDescriptor;
import dev.playbook.internal.engine.CompiledPlaybook;
import dev.playbook.internal.engine.Localized;
import dev.playbook.internal.lang.Env;
import dev.playbook.internal.lang.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The public description of a compiled playbook. */
public final class Descriptors {

  private Descriptors() {}

  public static PlaybookDescriptor of(CompiledPlaybook p) {
    Env env = p.env();
    List<StageDescriptor> stages = new ArrayList<>();
    for (String s : env.stages()) {
      stages.add(new StageDescriptor(s, env.stageTitles().getOrDefault(s, Map.of())));
    }
    List<MethodologyDescriptor> methodologies = new ArrayList<>();
    for (CompiledPlaybook.Methodology m : p.methodologies()) {
      List<MethodologyDescriptor.Element> elements = new ArrayList<>();
      for (CompiledPlaybook.Element e : m.elements()) {
        elements.add(
            new MethodologyDescriptor.Element(e.id(), text(e.title()), e.confirmedWhenText()));
      }
      methodologies.add(new MethodologyDescriptor(m.id(), text(m.title()), elements));
    }
    List<KeyNodeDescriptor> keyNodes = new ArrayList<>();
    for (CompiledPlaybook.KeyNode k : p.keyNodes()) {
      List<KeyNodeDescriptor.Criterion> criteria = new ArrayList<>();
      for (CompiledPlaybook.Criterion c : k.criteria()) {
        criteria.add(new KeyNodeDescriptor.Criterion(c.id(), text(c.title()), c.whenText()));
      }
      keyNodes.add(new KeyNodeDescriptor(k.id(), k.stage(), text(k.title()), criteria));
    }
    List<ParameterDescriptor> parameters = new ArrayList<>();
    for (Env.Parameter param : env.parameters()) {
      parameters.add(
          new ParameterDescriptor(
              param.name(),
              kind(param.type()),
              value(param.defaultValue()),
              values(param.bySegment()),
              values(param.byStage())));
    }
    List<RuleDescriptor> rules = new ArrayList<>();
    for (CompiledPlaybook.Rule r : p.rules()) {
      rules.add(
          new RuleDescriptor(
              r.id(),
              text(r.title()),
              r.methodology(),
              r.element(),
              r.whenText(),
              r.gap() != null,
              r.gap() == null ? null : r.gap().severity(),
              r.action() != null,
              r.provenance().file(),
              r.provenance().line(),
              r.action() == null ? LoopSettings.NONE : r.action().loop()));
    }
    return new PlaybookDescriptor(
        p.id(),
        text(p.title()),
        stages,
        List.copyOf(env.segments()),
        methodologies,
        keyNodes,
        parameters,
        rules);
  }

  private static LocalizedText text(Localized<String> l) {
    return new LocalizedText(l.variants());
  }

  private static ParameterDescriptor.Kind kind(Type type) {
    if (type == Type.Basic.NUMBER) {
      return ParameterDescriptor.Kind.NUMBER;
    }
    if (type == Type.Basic.BOOLEAN) {
      return ParameterDescriptor.Kind.BOOLEAN;
    }
    if (type == Type.Basic.SPAN) {
      return ParameterDescriptor.Kind.SPAN;
    }
    return ParameterDescriptor.Kind.TEXT;
  }

  private static Map<String, String> values(Map<String, Object> values) {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, value(v)));
    return out;
  }

  /** A parameter value as an author writes it: {@code 14}, not {@code 14.0}. */
  private static String value(Object v) {
    if (v instanceof Double d && Double.isFinite(d)) {
      return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }
    return String.valueOf(v);
  }
}
