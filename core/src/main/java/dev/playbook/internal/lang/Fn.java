package dev.playbook.internal.lang;

/** A compiled expression: evaluates to a value, or to null when the value is missing/unknown. */
@FunctionalInterface
public interface Fn {
  Object eval(Frame frame);
}
