package dev.playbook.insights.stats;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Flagged against not-flagged deals, stratified: the Mantel–Haenszel pooled risk difference, risk
 * ratio and odds ratio of winning, with 95% intervals, beside the crude (unstratified) figures and
 * the table of every stratum.
 *
 * <p>In stratum {@code i}, of {@code n1} flagged deals {@code a} were won, of {@code n0}
 * not-flagged deals {@code c} were won; {@code b = n1 - a}, {@code d = n0 - c}, {@code N = n1 +
 * n0}. A stratum with no flagged or no not-flagged deal says nothing about the comparison: it is
 * skipped and counted ({@link #skipped()}).
 *
 * <h2>Pooled estimates</h2>
 *
 * <pre>
 *   RD_MH = Σ (a n0 - c n1)/N  /  Σ n1 n0/N
 *   RR_MH = Σ a n0/N  /  Σ c n1/N
 *   OR_MH = Σ a d/N  /  Σ b c/N
 * </pre>
 *
 * <h2>Variances (all valid both for many small strata and for few large ones)</h2>
 *
 * <ul>
 *   <li>RD: Sato, "On the variance estimator for the Mantel–Haenszel risk difference", Biometrics
 *       45 (1989) 1323–1324: {@code Var = (RD·P + Q) / W²} with {@code W = Σ n1 n0/N}, {@code P = Σ
 *       (n1² c - n0² a + n1 n0 (n0 - n1)/2) / N²}, {@code Q = Σ (a (n0 - c) + c (n1 - a)) / (2N)};
 *       interval {@code RD ± z·sqrt(Var)}.
 *   <li>ln RR: Greenland and Robins, "Estimation of a common effect parameter from sparse follow-up
 *       data", Biometrics 41 (1985) 55–68: {@code Var = Σ (n1 n0 (a + c) - a c N)/N² / (Σ a n0/N ·
 *       Σ c n1/N)}; interval {@code exp(ln RR ± z·sqrt(Var))}.
 *   <li>ln OR: Robins, Breslow and Greenland, "Estimators of the Mantel–Haenszel variance
 *       consistent in both sparse data and large-strata limiting models", Biometrics 42 (1986)
 *       311–323: with {@code R = Σ ad/N}, {@code S = Σ bc/N}, {@code P_i = (a + d)/N}, {@code Q_i =
 *       (b + c)/N}, {@code Var = Σ P_i R_i/(2R²) + Σ (P_i S_i + Q_i R_i)/(2RS) + Σ Q_i S_i/(2S²)}.
 * </ul>
 *
 * With one stratum these reduce to the usual binomial, Katz and Woolf variances, which is how the
 * crude figures are computed: the same formulas over all deals collapsed into one table (skipped
 * strata included, since the crude comparison ignores strata).
 *
 * <p>The Cochran–Mantel–Haenszel test of no association, without continuity correction: {@code χ² =
 * (Σ a - Σ n1 (a + c)/N)² / Σ n1 n0 (a + c)(b + d) / (N² (N - 1))}, one degree of freedom.
 *
 * <h2>Deals counted in more than one stratum</h2>
 *
 * Strata from several landmarks pooled into one estimate share deals: a deal open at days 30 and 60
 * sits in a stratum of each, and its outcome counts twice. Sato's variance treats every count as an
 * independent deal, so such a pooled interval is too narrow. {@link #of(List, List)} takes, beside
 * the strata, the {@link Link links}: how many deals (and how many of them won) sat in one side of
 * one stratum and in one side of another. The variance of the pooled risk difference is then Sato's
 * plus the covariances between the strata a deal shares (a cluster-robust sandwich with the deal as
 * the cluster): with the weight of side {@code s} of stratum {@code i} {@code α = n0/N} for the
 * flagged side and {@code α = -n1/N} for the not-flagged side, and {@code p} the win rate of that
 * side,
 *
 * <pre>
 *   Var RD_MH = (RD·P + Q)/W²  +  2 Σ_links α_1 α_2 (won (1 - p_1)(1 - p_2) + (deals - won) p_1 p_2) / W²
 * </pre>
 *
 * the second term being {@code 2 Σ_deals Σ_{pairs of its strata} ψ_1 ψ_2 / W²} for the deal's
 * contributions {@code ψ = α (y - p)} to the estimating equation. A deal counted at two landmarks
 * in the same side of equal strata so adds what a second independent deal would not: duplicating
 * every deal leaves the interval as wide as it was. The risk ratio's and odds ratio's intervals are
 * not corrected for links.
 *
 * <p>A ratio whose denominator is 0 (no not-flagged win, say) is infinite and has no interval; with
 * its numerator 0 too it is undefined.
 */
public final class MantelHaenszel {

  /**
   * One stratum's counts.
   *
   * @param label what defines the stratum, such as {@code "proposal / enterprise"}
   * @param flaggedWon flagged deals won
   * @param flagged flagged deals
   * @param unflaggedWon not-flagged deals won
   * @param unflagged not-flagged deals
   */
  public record Stratum(
      String label, long flaggedWon, long flagged, long unflaggedWon, long unflagged) {
    public Stratum {
      requireNonNull(label, "label");
      checkArgument(
          flagged >= 0 && flaggedWon >= 0 && flaggedWon <= flagged,
          "stratum %s: flagged won %s must lie between 0 and flagged %s",
          label,
          flaggedWon,
          flagged);
      checkArgument(
          unflagged >= 0 && unflaggedWon >= 0 && unflaggedWon <= unflagged,
          "stratum %s: not-flagged won %s must lie between 0 and not-flagged %s",
          label,
          unflaggedWon,
          unflagged);
    }

    /** Whether the stratum has both flagged and not-flagged deals. */
    public boolean comparable() {
      return flagged > 0 && unflagged > 0;
    }
  }

  /**
   * Deals that sat in one side of stratum {@code first} and in one side of stratum {@code second}
   * (two different strata, such as one landmark's and a later one's).
   *
   * @param first the first stratum's label
   * @param firstFlagged whether the deals were on its flagged side
   * @param second the second stratum's label
   * @param secondFlagged whether the deals were on its flagged side
   * @param deals how many deals
   * @param won how many of them were won
   */
  public record Link(
      String first,
      boolean firstFlagged,
      String second,
      boolean secondFlagged,
      long deals,
      long won) {
    public Link {
      requireNonNull(first, "first");
      requireNonNull(second, "second");
      checkArgument(!first.equals(second), "link %s: a link joins two different strata", first);
      checkArgument(
          deals >= 0 && won >= 0 && won <= deals,
          "link %s to %s: won %s must lie between 0 and deals %s",
          first,
          second,
          won,
          deals);
    }
  }

  /**
   * One stratum in the report's table.
   *
   * @param stratum its counts
   * @param flaggedRate the win rate of flagged deals with its Wilson interval
   * @param unflaggedRate the win rate of not-flagged deals with its Wilson interval
   * @param difference flagged minus not-flagged, with Newcombe's interval
   * @param weight its share of the Mantel–Haenszel risk-difference weight {@code n1 n0/N}, 0 when
   *     skipped
   * @param used whether it entered the pooled estimates
   */
  public record Row(
      Stratum stratum,
      Estimate flaggedRate,
      Estimate unflaggedRate,
      Estimate difference,
      double weight,
      boolean used) {}

  /**
   * Effects of being flagged on winning.
   *
   * @param riskDifference win rate flagged minus not flagged
   * @param riskRatio win rate flagged over not flagged
   * @param oddsRatio odds of winning flagged over not flagged
   */
  public record Effects(Estimate riskDifference, Estimate riskRatio, Estimate oddsRatio) {}

  private final List<Row> rows;
  private final int skipped;
  private final Effects pooled;
  private final Effects crude;
  private final double chiSquare;
  private final double pValue;

  private MantelHaenszel(
      List<Row> rows, int skipped, Effects pooled, Effects crude, double chiSquare, double pValue) {
    this.rows = List.copyOf(rows);
    this.skipped = skipped;
    this.pooled = pooled;
    this.crude = crude;
    this.chiSquare = chiSquare;
    this.pValue = pValue;
  }

  /** The comparison over {@code strata}, in the order given, each deal in one stratum only. */
  public static MantelHaenszel of(List<Stratum> strata) {
    return of(strata, List.of());
  }

  /**
   * The comparison over {@code strata}, in the order given, where the deals of {@code links} sat in
   * two strata each: the pooled risk difference's interval counts each such deal once (see the
   * class documentation).
   *
   * @throws IllegalArgumentException when a link names a stratum that is not among {@code strata},
   *     or, with links, a stratum's label is given twice
   */
  public static MantelHaenszel of(List<Stratum> strata, List<Link> links) {
    requireNonNull(strata, "strata");
    requireNonNull(links, "links");
    List<Stratum> used = new ArrayList<>();
    long a = 0;
    long n1 = 0;
    long c = 0;
    long n0 = 0;
    for (Stratum s : strata) {
      requireNonNull(s, "stratum");
      a += s.flaggedWon();
      n1 += s.flagged();
      c += s.unflaggedWon();
      n0 += s.unflagged();
      if (s.comparable()) {
        used.add(s);
      }
    }
    double totalWeight = 0;
    for (Stratum s : used) {
      totalWeight += weight(s);
    }
    List<Row> rows = new ArrayList<>(strata.size());
    for (Stratum s : strata) {
      boolean in = s.comparable();
      rows.add(
          new Row(
              s,
              Proportions.wilson(s.flaggedWon(), s.flagged()),
              Proportions.wilson(s.unflaggedWon(), s.unflagged()),
              Proportions.newcombeDifference(
                  s.flaggedWon(), s.flagged(), s.unflaggedWon(), s.unflagged()),
              in ? weight(s) / totalWeight : 0,
              in));
    }
    Effects pooled = effects(used, linked(strata, links));
    Stratum all = new Stratum("all deals", a, n1, c, n0);
    Effects crude = effects(all.comparable() ? List.of(all) : List.of());
    double[] test = cmh(used);
    return new MantelHaenszel(rows, strata.size() - used.size(), pooled, crude, test[0], test[1]);
  }

  /**
   * {@code Σ_links α_1 α_2 (won (1 - p_1)(1 - p_2) + (deals - won) p_1 p_2)}: half the numerator
   * the links add to the pooled risk difference's variance.
   */
  private static double linked(List<Stratum> strata, List<Link> links) {
    if (links.isEmpty()) {
      return 0;
    }
    Map<String, Stratum> byLabel = new HashMap<>();
    for (Stratum s : strata) {
      checkArgument(byLabel.put(s.label(), s) == null, "stratum %s is given twice", s.label());
    }
    double cross = 0;
    for (Link link : links) {
      requireNonNull(link, "link");
      Stratum first = byLabel.get(link.first());
      Stratum second = byLabel.get(link.second());
      checkArgument(first != null, "link names stratum %s, which is not given", link.first());
      checkArgument(second != null, "link names stratum %s, which is not given", link.second());
      if (!first.comparable() || !second.comparable() || link.deals() == 0) {
        continue;
      }
      double p1 = rate(first, link.firstFlagged());
      double p2 = rate(second, link.secondFlagged());
      cross +=
          alpha(first, link.firstFlagged())
              * alpha(second, link.secondFlagged())
              * (link.won() * (1 - p1) * (1 - p2) + (link.deals() - link.won()) * p1 * p2);
    }
    return cross;
  }

  private static double alpha(Stratum s, boolean flaggedSide) {
    double n = s.flagged() + s.unflagged();
    return flaggedSide ? s.unflagged() / n : -s.flagged() / n;
  }

  private static double rate(Stratum s, boolean flaggedSide) {
    return flaggedSide
        ? (double) s.flaggedWon() / s.flagged()
        : (double) s.unflaggedWon() / s.unflagged();
  }

  private static double weight(Stratum s) {
    return (double) s.flagged() * s.unflagged() / (s.flagged() + s.unflagged());
  }

  private static Effects effects(List<Stratum> strata) {
    return effects(strata, 0);
  }

  private static Effects effects(List<Stratum> strata, double linked) {
    if (strata.isEmpty()) {
      return new Effects(Estimate.undefined(), Estimate.undefined(), Estimate.undefined());
    }
    double z = Normal.Z95;
    double rdNum = 0;
    double w = 0;
    double p = 0;
    double q = 0;
    double rrNum = 0;
    double rrDen = 0;
    double rrVar = 0;
    double orR = 0;
    double orS = 0;
    double pr = 0;
    double psqr = 0;
    double qs = 0;
    for (Stratum s : strata) {
      double a = s.flaggedWon();
      double n1 = s.flagged();
      double c = s.unflaggedWon();
      double n0 = s.unflagged();
      double b = n1 - a;
      double d = n0 - c;
      double n = n1 + n0;
      rdNum += (a * n0 - c * n1) / n;
      w += n1 * n0 / n;
      p += (n1 * n1 * c - n0 * n0 * a + n1 * n0 * (n0 - n1) / 2) / (n * n);
      q += (a * (n0 - c) + c * (n1 - a)) / (2 * n);
      rrNum += a * n0 / n;
      rrDen += c * n1 / n;
      rrVar += (n1 * n0 * (a + c) - a * c * n) / (n * n);
      double ri = a * d / n;
      double si = b * c / n;
      double pi = (a + d) / n;
      double qi = (b + c) / n;
      orR += ri;
      orS += si;
      pr += pi * ri;
      psqr += pi * si + qi * ri;
      qs += qi * si;
    }
    double rd = rdNum / w;
    double rdSe = Math.sqrt(Math.max(0, (rd * p + q + 2 * linked) / (w * w)));
    Estimate riskDifference = Estimate.of(rd, rd - z * rdSe, rd + z * rdSe);
    Estimate riskRatio = ratio(rrNum, rrDen, rrVar / (rrNum * rrDen), z);
    double orVar = pr / (2 * orR * orR) + psqr / (2 * orR * orS) + qs / (2 * orS * orS);
    Estimate oddsRatio = ratio(orR, orS, orVar, z);
    return new Effects(riskDifference, riskRatio, oddsRatio);
  }

  private static Estimate ratio(double num, double den, double logVariance, double z) {
    if (num == 0 && den == 0) {
      return Estimate.undefined();
    }
    double r = num / den;
    if (num == 0 || den == 0 || !(logVariance >= 0) || Double.isInfinite(logVariance)) {
      return Estimate.withoutInterval(r);
    }
    double se = Math.sqrt(logVariance);
    return Estimate.of(r, Math.exp(Math.log(r) - z * se), Math.exp(Math.log(r) + z * se));
  }

  private static double[] cmh(List<Stratum> strata) {
    double observed = 0;
    double expected = 0;
    double variance = 0;
    for (Stratum s : strata) {
      double n1 = s.flagged();
      double n0 = s.unflagged();
      double n = n1 + n0;
      double m1 = s.flaggedWon() + s.unflaggedWon();
      double m0 = n - m1;
      observed += s.flaggedWon();
      expected += n1 * m1 / n;
      if (n > 1) {
        variance += n1 * n0 * m1 * m0 / (n * n * (n - 1));
      }
    }
    if (variance <= 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double chi = (observed - expected) * (observed - expected) / variance;
    return new double[] {chi, Normal.chiSquaredUpperTail(chi)};
  }

  /** Every stratum given, in order, with whether it was used. */
  public List<Row> rows() {
    return rows;
  }

  /** The number of strata skipped for having no flagged or no not-flagged deal. */
  public int skipped() {
    return skipped;
  }

  /** The number of strata used. */
  public int used() {
    return rows.size() - skipped;
  }

  /** The Mantel–Haenszel estimates over the strata used; undefined when none is. */
  public Effects pooled() {
    return pooled;
  }

  /** The estimates over all deals in one table, ignoring strata. */
  public Effects crude() {
    return crude;
  }

  /** The Cochran–Mantel–Haenszel statistic (1 df), NaN when no stratum has variance. */
  public double chiSquare() {
    return chiSquare;
  }

  /** Its p-value, NaN with it. */
  public double pValue() {
    return pValue;
  }
}
