package dev.playbook.examples.functions;

import dev.playbook.function.PlaybookFunction;
import dev.playbook.function.ValueType;
import java.util.List;

/**
 * {@code credit_score(text)}: a made-up credit score of a company, by the length of its name; it
 * stands for a look-up in a table and declares that one call costs {@value #COST} steps.
 */
public final class CreditScore implements PlaybookFunction {

  /** The steps one call counts against a deal's budget. */
  public static final long COST = 5_000;

  @Override
  public String name() {
    return "credit_score";
  }

  @Override
  public ValueType result() {
    return ValueType.NUMBER;
  }

  @Override
  public List<ValueType> parameters() {
    return List.of(ValueType.TEXT);
  }

  @Override
  public long cost() {
    return COST;
  }

  @Override
  public Object apply(List<Object> arguments) {
    return 500 + ((String) arguments.get(0)).length() * 10;
  }
}
