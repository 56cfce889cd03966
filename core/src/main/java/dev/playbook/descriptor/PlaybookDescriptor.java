package dev.playbook.descriptor;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What a loaded playbook holds, its own definitions merged with everything it extends: the same
 * rules, stages and texts that evaluation uses.
 *
 * <pre>{@code
 * PlaybookDescriptor d = Playbook.builtIn("meddic").describe();
 * for (RuleDescriptor r : d.rules()) {
 *   System.out.println(r.id() + " " + r.title().get(Locale.ENGLISH) + " " + r.file() + ":" + r.line());
 * }
 * }</pre>
 *
 * @param id the playbook's name
 * @param title its title by locale
 * @param stages its pipeline stages, in order
 * @param segments its declared segments (empty when it accepts any)
 * @param methodologies its methodologies, in the order they are declared
 * @param keyNodes its key nodes, in the order they are declared
 * @param parameters its parameters, in the order they are declared
 * @param rules its rules, own and inherited, in evaluation order
 */
public record PlaybookDescriptor(
    String id,
    LocalizedText title,
    List<StageDescriptor> stages,
    List<String> segments,
    List<MethodologyDescriptor> methodologies,
    List<KeyNodeDescriptor> keyNodes,
    List<ParameterDescriptor> parameters,
    List<RuleDescriptor> rules) {

  public PlaybookDescriptor {
    requireNonNull(id, "id");
    requireNonNull(title, "title");
    stages = List.copyOf(stages);
    segments = List.copyOf(segments);
    methodologies = List.copyOf(methodologies);
    keyNodes = List.copyOf(keyNodes);
    parameters = List.copyOf(parameters);
    rules = List.copyOf(rules);
  }

  /**
   * The rule with this id, if the playbook has one.
   *
   * @param ruleId a rule id such as {@code meddic.eb-identified}
   */
  public Optional<RuleDescriptor> rule(String ruleId) {
    return rules.stream().filter(r -> r.id().equals(ruleId)).findFirst();
  }

  /**
   * The methodology with this id, if the playbook has one.
   *
   * @param methodologyId a methodology id such as {@code meddic}
   */
  public Optional<MethodologyDescriptor> methodology(String methodologyId) {
    return methodologies.stream().filter(m -> m.id().equals(methodologyId)).findFirst();
  }

  /**
   * The key nodes of one stage, in the order they are declared.
   *
   * @param stage a stage of the playbook
   */
  public List<KeyNodeDescriptor> keyNodes(String stage) {
    return keyNodes.stream().filter(k -> k.stage().equals(stage)).toList();
  }
}
