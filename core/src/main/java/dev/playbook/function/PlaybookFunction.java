package dev.playbook.function;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Function;

/**
 * A company's own function for the condition language, such as {@code fiscal_quarter(close_date)}
 * or {@code region_of(custom.country)}, registered from Java through {@link
 * java.util.ServiceLoader}: list the implementing class in {@code
 * META-INF/services/dev.playbook.function.PlaybookFunction} on the class path of the application
 * that loads playbooks.
 *
 * <p>Conditions and messages call it like a built-in function, and the loader checks every call
 * against the declared {@link #parameters()} and {@link #result()}: a wrong number of arguments or
 * an argument of another type is a located problem when the playbook loads, never an error at run
 * time. When any argument is unknown (a missing value), the call is unknown and {@link #apply} is
 * not called. A value of another type than the declared result, or an exception thrown by {@link
 * #apply}, fails the evaluation of that deal only (an {@code evaluation-failed} error naming the
 * function), as any other evaluation error does.
 *
 * <p>Implementations must be thread-safe and quick: they run on every evaluation that reaches them,
 * from many threads at once. They must not read deals or playbooks from anywhere else.
 */
public interface PlaybookFunction {

  /** The most steps one call may declare: {@value}. */
  long MAX_COST = 1_000_000;

  /**
   * The name conditions call it by: lower-case letters, digits and underscores, starting with a
   * letter, and not the name of a built-in function.
   */
  String name();

  /** The type of the value it returns. */
  ValueType result();

  /** The types of its arguments, in order; at most 8. */
  List<ValueType> parameters();

  /**
   * The steps one call counts against a deal's step budget ({@link
   * dev.playbook.EvaluationLimits#maxSteps()}), from 1 to {@value #MAX_COST}; 1 unless the function
   * says otherwise. A function that does more work than a comparison (a table look-up, a
   * computation over a text) declares what it costs, so that a condition calling it for every item
   * of a long list becomes a {@code too-costly} error instead of holding a thread. A call whose
   * arguments are unknown is not made and costs nothing.
   */
  default long cost() {
    return 1;
  }

  /**
   * The function's value for known arguments, each of the Java class of its {@link ValueType}.
   *
   * @param arguments the arguments, never null, none of them null
   * @return a value of the class of {@link #result()}; null for unknown
   */
  Object apply(List<Object> arguments);

  /**
   * A function from its parts, for implementations that delegate to a lambda.
   *
   * @param name the name conditions call it by
   * @param result the type of its value
   * @param parameters the types of its arguments
   * @param body computes the value from known arguments
   */
  static PlaybookFunction of(
      String name,
      ValueType result,
      List<ValueType> parameters,
      Function<List<Object>, Object> body) {
    return of(name, result, parameters, 1, body);
  }

  /**
   * A function from its parts, with the steps one call costs.
   *
   * @param name the name conditions call it by
   * @param result the type of its value
   * @param parameters the types of its arguments
   * @param cost the steps one call counts against the budget ({@link #cost()})
   * @param body computes the value from known arguments
   */
  static PlaybookFunction of(
      String name,
      ValueType result,
      List<ValueType> parameters,
      long cost,
      Function<List<Object>, Object> body) {
    requireNonNull(name, "name");
    requireNonNull(result, "result");
    List<ValueType> params = List.copyOf(parameters);
    requireNonNull(body, "body");
    return new PlaybookFunction() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public ValueType result() {
        return result;
      }

      @Override
      public List<ValueType> parameters() {
        return params;
      }

      @Override
      public long cost() {
        return cost;
      }

      @Override
      public Object apply(List<Object> arguments) {
        return body.apply(arguments);
      }

      @Override
      public String toString() {
        return "PlaybookFunction[" + name + "]";
      }
    };
  }
}
