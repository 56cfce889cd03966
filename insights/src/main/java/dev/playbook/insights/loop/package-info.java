/**
 * Closing the loop on findings: stable finding ids, the decision log, reps' feedback (done,
 * dismissed, snoozed, accepted) honoured at evaluation, and success indicators checked on later
 * evaluations. Entry point: {@link dev.playbook.insights.loop.Loop}.
 */
package dev.playbook.insights.loop;
