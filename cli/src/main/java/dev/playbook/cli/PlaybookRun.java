package dev.playbook.cli;

import dev.playbook.Playbook;
import dev.playbook.model.Deal;
import dev.playbook.result.Evaluation;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of evaluating a file of deals with one playbook: a result for each deal that could be
 * evaluated and an error for each that could not, both in file order.
 */
record PlaybookRun(
    Playbook playbook,
    Instant asOf,
    Locale locale,
    int dealCount,
    List<Result> results,
    List<Error> errors) {

  PlaybookRun {
    results = List.copyOf(results);
    errors = List.copyOf(errors);
  }

  /** A deal and its evaluation. */
  record Result(Deal deal, Evaluation evaluation) {}

  /** A deal that could not be evaluated, and why. */
  record Error(String dealId, String message) {}
}
