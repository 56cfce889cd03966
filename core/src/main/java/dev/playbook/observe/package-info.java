/**
 * Observing evaluations: {@link dev.playbook.observe.EvaluationListener} is told of every deal an
 * {@link dev.playbook.observe.ObservedPlaybook} evaluates, with its findings or its error and the
 * time it took, for metrics, decision logs and audits.
 */
package dev.playbook.observe;
