package dev.playbook.internal.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.playbook.function.PlaybookFunction;
import dev.playbook.function.ValueType;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomFunctionsTest {

  private static PlaybookFunction fn(String name, List<ValueType> params) {
    return PlaybookFunction.of(name, ValueType.NUMBER, params, args -> 1);
  }

  @Test
  void of_wellFormedFunctions_areFoundByName() {
    CustomFunctions fs =
        CustomFunctions.of(
            List.of(fn("fiscal_quarter", List.of(ValueType.DATE)), fn("score2", List.of())));

    assertThat(fs.names()).containsExactlyInAnyOrder("fiscal_quarter", "score2");
    assertThat(fs.get("score2").parameters()).isEmpty();
    assertThat(fs.get("nope")).isNull();
  }

  @Test
  void of_badName_isRefusedNamingTheClass() {
    assertThatThrownBy(() -> CustomFunctions.of(List.of(fn("Fiscal-Quarter", List.of()))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("the condition-language function dev.playbook.function.")
        .hasMessageEndingWith(
            " has the name 'Fiscal-Quarter'; a function's name is lower-case letters, digits and"
                + " underscores, starting with a letter, at most 64 characters");
  }

  @Test
  void of_builtInName_isRefused() {
    assertThatThrownBy(() -> CustomFunctions.of(List.of(fn("days_since", List.of()))))
        .hasMessageEndingWith(" is named 'days_since', the name of a built-in function; rename it");
  }

  @Test
  void of_nameGivenTwice_isRefused() {
    assertThatThrownBy(
            () -> CustomFunctions.of(List.of(fn("twice", List.of()), fn("twice", List.of()))))
        .hasMessageContaining(" is named 'twice', as is ")
        .hasMessageEndingWith("; each function needs a name of its own");
  }

  @Test
  void of_costOutsideTheRange_isRefused() {
    PlaybookFunction free = PlaybookFunction.of("free", ValueType.NUMBER, List.of(), 0, a -> 1);
    PlaybookFunction dear =
        PlaybookFunction.of("dear", ValueType.NUMBER, List.of(), 1_000_001, a -> 1);

    assertThatThrownBy(() -> CustomFunctions.of(List.of(free)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageEndingWith(
            " ('free') declares a cost of 0 steps; a call costs from 1 to 1000000 steps");
    assertThatThrownBy(() -> CustomFunctions.of(List.of(dear)))
        .hasMessageEndingWith(
            " ('dear') declares a cost of 1000001 steps; a call costs from 1 to 1000000 steps");
    assertThat(CustomFunctions.of(List.of(fn("cheap", List.of()))).get("cheap").cost())
        .isEqualTo(1);
  }

  @Test
  void of_tooManyParametersOrNoTypes_isRefused() {
    assertThatThrownBy(
            () -> CustomFunctions.of(List.of(fn("wide", Collections.nCopies(9, ValueType.NUMBER)))))
        .hasMessageEndingWith(" ('wide') declares 9 parameters; at most 8");
    PlaybookFunction untyped =
        new PlaybookFunction() {
          @Override
          public String name() {
            return "untyped";
          }

          @Override
          public ValueType result() {
            return null;
          }

          @Override
          public List<ValueType> parameters() {
            return List.of();
          }

          @Override
          public Object apply(List<Object> arguments) {
            return null;
          }
        };
    assertThatThrownBy(() -> CustomFunctions.of(List.of(untyped)))
        .hasMessageEndingWith(" ('untyped') must declare its result and parameter types");
  }

  @Test
  void result_numbersBecomeDoublesAndOtherTypesAreRefused() {
    PlaybookFunction f = fn("n", List.of());

    assertThat(CustomFunctions.result(f, 3)).isEqualTo(3.0);
    assertThat(CustomFunctions.result(f, null)).isNull();
    assertThatThrownBy(() -> CustomFunctions.result(f, "3"))
        .hasMessage("function 'n' returned a value of type String where it declares a number");
    assertThatThrownBy(() -> CustomFunctions.result(f, Double.NaN))
        .hasMessage("function 'n' returned NaN, which is not a number it can compare");
  }

  @Test
  void installed_withoutProviders_isEmpty() {
    assertThat(CustomFunctions.installed().names()).isEmpty();
  }
}
