package dev.playbook.internal.lang;

/**
 * An evaluation took more steps than its budget allows (see {@link Frame#withBudget}). Carries no
 * stack trace: it ends an evaluation on purpose and is turned into a result by the evaluator.
 */
public final class TooCostly extends RuntimeException {

  private static final long serialVersionUID = 1L;

  TooCostly() {
    super("the evaluation took more steps than its budget allows", null, false, false);
  }
}
