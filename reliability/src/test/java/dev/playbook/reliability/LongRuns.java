package dev.playbook.reliability;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Scales the tries of a property by {@code -Dproperties.scale=N} (default 1), so that the short
 * form runs in {@code mvn test} and the long form from the same code:
 *
 * <pre>
 * mvn -q -B -pl reliability test -Dtest='ConditionRoundTripTest,DeterminismTest' -Dproperties.scale=100
 * </pre>
 */
public final class LongRuns implements AroundPropertyHook {

  static final int SCALE = Math.max(1, Integer.getInteger("properties.scale", 1));

  @Override
  public PropagationMode propagateTo() {
    return PropagationMode.ALL_DESCENDANTS;
  }

  @Override
  public PropertyExecutionResult aroundProperty(
      PropertyLifecycleContext context, PropertyExecutor property) {
    context.attributes().tries().ifPresent(t -> context.attributes().setTries(t * SCALE));
    return property.execute();
  }
}
