package dev.playbook.examples.functions;

import dev.playbook.function.PlaybookFunction;
import dev.playbook.function.ValueType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** {@code fiscal_quarter(date)}: 1 to 4 in a fiscal year that starts on 1 February (UTC). */
public final class FiscalQuarter implements PlaybookFunction {

  @Override
  public String name() {
    return "fiscal_quarter";
  }

  @Override
  public ValueType result() {
    return ValueType.NUMBER;
  }

  @Override
  public List<ValueType> parameters() {
    return List.of(ValueType.DATE);
  }

  @Override
  public Object apply(List<Object> arguments) {
    int month = ((Instant) arguments.get(0)).atZone(ZoneOffset.UTC).getMonthValue();
    int fiscalMonth = (month + 10) % 12; // February is 0
    return fiscalMonth / 3 + 1;
  }
}
