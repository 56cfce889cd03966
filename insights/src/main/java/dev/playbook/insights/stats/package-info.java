/**
 * The statistics behind the insights: estimators that say how sure they are and checks that say
 * when the data cannot answer.
 *
 * <ul>
 *   <li>{@link dev.playbook.insights.stats.CumulativeIncidence}: time to win with loss as a
 *       competing risk and open deals censored (Aalen–Johansen, Kaplan–Meier), with 95% intervals,
 *       median time to win and "won within N days";
 *   <li>{@link dev.playbook.insights.stats.MantelHaenszel}: flagged against not-flagged deals,
 *       stratified, pooled risk difference, risk ratio and odds ratio with 95% intervals;
 *   <li>{@link dev.playbook.insights.stats.DataChecks}: data-sufficiency checks over simple
 *       summaries, as typed {@link dev.playbook.insights.stats.Warning}s;
 *   <li>{@link dev.playbook.insights.stats.ProfileRanking}: attribute values and pairs of values
 *       ranked by win rate against the book's baseline;
 *   <li>{@link dev.playbook.insights.stats.Proportions}: Wilson and Newcombe intervals.
 * </ul>
 *
 * <p>Every result is an immutable value; an {@link dev.playbook.insights.stats.Estimate} whose
 * interval cannot be computed carries NaN bounds rather than a made-up one. Distributions and
 * quantiles come from Apache Commons Math; no type of it appears in a public signature.
 */
package dev.playbook.insights.stats;
