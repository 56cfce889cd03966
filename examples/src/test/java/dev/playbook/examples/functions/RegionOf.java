package dev.playbook.examples.functions;

import dev.playbook.function.PlaybookFunction;
import dev.playbook.function.ValueType;
import java.util.List;

/**
 * {@code region_of(text)}: the sales region of an account, by its name's last word; misbehaves on
 * purpose for the accounts named {@code boom} (throws) and {@code wrong} (returns a number).
 */
public final class RegionOf implements PlaybookFunction {

  @Override
  public String name() {
    return "region_of";
  }

  @Override
  public ValueType result() {
    return ValueType.TEXT;
  }

  @Override
  public List<ValueType> parameters() {
    return List.of(ValueType.TEXT);
  }

  @Override
  public Object apply(List<Object> arguments) {
    String account = (String) arguments.get(0);
    if (account.equals("boom")) {
      throw new IllegalArgumentException("no region table for 'boom'");
    }
    if (account.equals("wrong")) {
      return 7;
    }
    return account.endsWith(" GmbH") ? "emea" : "americas";
  }
}
