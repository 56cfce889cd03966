package dev.playbook.internal.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.playbook.function.PlaybookFunction;
import dev.playbook.function.ValueType;
import dev.playbook.internal.lang.gen.CodeGen;
import dev.playbook.model.Deal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A company's function called from generated code as from its closure: the same value, the same
 * steps of the budget, no call when an argument is missing, and the same failure.
 */
class CompanyFunctionCodeTest {

  private static final Instant AS_OF = Instant.parse("2026-03-04T10:30:00Z");

  private static final Env ENV =
      new Env(List.of("discovery", "proposal"), Set.of(), List.of(), Map.of(), Set.of());

  private final AtomicInteger calls = new AtomicInteger();

  /** {@code weighted(amount, probability)}: their product, declared to cost 7 steps. */
  private final PlaybookFunction weighted =
      PlaybookFunction.of(
          "weighted",
          ValueType.NUMBER,
          List.of(ValueType.NUMBER, ValueType.NUMBER),
          7,
          args -> {
            calls.incrementAndGet();
            double p = (Double) args.get(1);
            if (p > 1) {
              throw new IllegalArgumentException("a probability above 1");
            }
            return (Double) args.get(0) * p;
          });

  /** The typed tree of {@code weighted(amount, probability) > 1000}, as the checker makes it. */
  private static Compiled condition(PlaybookFunction fn) {
    Compiled amount = typed("amount");
    Compiled probability = typed("probability");
    Compiled call =
        new Compiled(
            null,
            new Node.Custom(fn),
            Type.Basic.NUMBER,
            null,
            List.of(amount, probability),
            false,
            -1);
    Compiled limit =
        new Compiled(null, new Node.Constant(1000.0), Type.Basic.NUMBER, null, List.of(), true, -1);
    return Closures.of(
        new Compiled(
            null,
            new Node.Compare(Op.GT),
            Type.Basic.BOOLEAN,
            null,
            List.of(call, limit),
            false,
            -1),
        ENV);
  }

  private static Compiled typed(String src) {
    Compiled c = Compiler.expression(src, ENV).compiled();
    return new Compiled(null, c.node(), c.type(), null, List.of(), false, -1);
  }

  private static Frame frame(String amount, String probability) {
    Deal.Builder b = Deal.builder("d1", "proposal");
    if (amount != null) {
      b.amount(new BigDecimal(amount));
    }
    if (probability != null) {
      b.probability(new BigDecimal(probability));
    }
    return new Frame(new Facts(b.build(), AS_OF, ENV)).withBudget(100);
  }

  @Test
  void generate_companyFunction_givesItsClosuresValueAndSteps() {
    Compiled closures = condition(weighted);
    Compiled generated = CodeGen.generate(closures, ENV);
    assertThat(CodeGen.isGenerated(generated.fn())).isTrue();
    assertThat(CodeGen.coverage(closures, ENV)).isEqualTo(new CodeGen.Coverage(5, 5));

    for (String[] deal : new String[][] {{"5000", "0.5"}, {"1000", "0.5"}, {"0", "0"}}) {
      Frame a = frame(deal[0], deal[1]);
      Frame b = frame(deal[0], deal[1]);
      assertThat(generated.eval(b)).isEqualTo(closures.eval(a));
      assertThat(b.stepsLeft()).isEqualTo(a.stepsLeft()).isEqualTo(93);
    }
    assertThat(generated.eval(frame("5000", "0.5"))).isEqualTo(true);
    assertThat(calls.get()).isEqualTo(7);
  }

  @Test
  void generate_missingArgument_isUnknownWithoutCallingTheFunction() {
    Compiled generated = CodeGen.generate(condition(weighted), ENV);
    Frame f = frame("5000", null);

    assertThat(generated.eval(f)).isNull();
    assertThat(f.stepsLeft()).isEqualTo(100);
    assertThat(calls.get()).isZero();
  }

  @Test
  void generate_failingFunction_failsAsItsClosureDoes() {
    Compiled closures = condition(weighted);
    Compiled generated = CodeGen.generate(closures, ENV);
    String message = "function 'weighted' failed: a probability above 1";

    assertThatThrownBy(() -> closures.eval(frame("5000", "1.5")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> generated.eval(frame("5000", "1.5")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(message);
  }
}
