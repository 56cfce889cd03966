package dev.playbook.insights.loop;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.playbook.Playbook;
import dev.playbook.insights.loop.Decision.Because;
import dev.playbook.insights.loop.Decision.Escalation;
import dev.playbook.insights.loop.Decision.Hidden;
import dev.playbook.insights.loop.Decision.Indicator;
import dev.playbook.insights.loop.Decision.Level;
import dev.playbook.insights.loop.Decision.Status;
import dev.playbook.insights.loop.Feedback.Response;
import dev.playbook.model.Deal;
import dev.playbook.model.WatchedField;
import dev.playbook.result.Evaluation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates deals with a playbook and closes the loop on what it finds: every finding gets its
 * stable id, the reps' feedback hides what they snoozed, dismissed or did, a rule's re-offer limit
 * pauses it on a deal dismissed too often, and each action's success indicator is checked on every
 * later evaluation. The result is a {@link Decision}, ready for a {@link DecisionLog}.
 *
 * <pre>{@code
 * Loop loop = Loop.of(playbook, LoopPolicy.load(Path.of("playbooks/acme/loop.yaml"), playbook));
 * Decision d = loop.decide(deal, asOf, feedback, history, clock.instant());
 * decisionLog.record(d);
 * }</pre>
 *
 * Thread-safe; a decision depends only on its arguments.
 */
public final class Loop {

  private final Playbook playbook;
  private final LoopPolicy policy;
  private final Locale locale;

  private Loop(Playbook playbook, LoopPolicy policy, Locale locale) {
    this.playbook = playbook;
    this.policy = policy;
    this.locale = locale;
  }

  /** A loop over {@code playbook} with {@code policy}, rendering texts in English. */
  public static Loop of(Playbook playbook, LoopPolicy policy) {
    return of(playbook, policy, Locale.ENGLISH);
  }

  /** A loop over {@code playbook} with {@code policy}, rendering texts in {@code locale}. */
  public static Loop of(Playbook playbook, LoopPolicy policy, Locale locale) {
    return new Loop(
        requireNonNull(playbook, "playbook"),
        requireNonNull(policy, "policy"),
        requireNonNull(locale, "locale"));
  }

  /** The playbook. */
  public Playbook playbook() {
    return playbook;
  }

  /**
   * The fingerprint of a deal's content: 64 hex digits of a SHA-256 over all its fields, each
   * written by name in a fixed order (see docs/feedback-and-coaching.md, "The deal fingerprint"),
   * so that any change to the deal changes it, an unchanged deal keeps it, and an upgrade of the
   * model that adds a field keeps it for deals that do not use the field.
   */
  public static String fingerprint(Deal deal) {
    requireNonNull(deal, "deal");
    return Finding.sha256(DealFingerprint.canonical(deal));
  }

  /**
   * Evaluates one deal and applies feedback and history to its findings.
   *
   * @param deal the deal as it is now
   * @param asOf the evaluation time
   * @param feedback the reps' responses; those given after {@code asOf} are not yet known and
   *     ignored, as are those on other deals
   * @param history earlier decisions on this deal (others are ignored), in any order
   * @param recordedAt the time the decision is recorded
   */
  public Decision decide(
      Deal deal,
      Instant asOf,
      Collection<Feedback> feedback,
      Collection<Decision> history,
      Instant recordedAt) {
    return decide(deal, asOf, feedback, history, Book.empty(), recordedAt);
  }

  /**
   * Evaluates one deal and applies feedback and history to its findings; reassign suggestions name
   * candidates from {@code book}.
   *
   * @param deal the deal as it is now
   * @param asOf the evaluation time
   * @param feedback the reps' responses from a feedback file; those given after {@code asOf} are
   *     not yet known and ignored, as are those on other deals. The deal's own {@link
   *     Deal#feedback()} is honoured too: see {@link #merged}
   * @param history earlier decisions on this deal (others are ignored), in any order
   * @param book the book, for the candidates of a reassign suggestion
   * @param recordedAt the time the decision is recorded
   */
  public Decision decide(
      Deal deal,
      Instant asOf,
      Collection<Feedback> feedback,
      Collection<Decision> history,
      Book book,
      Instant recordedAt) {
    requireNonNull(deal, "deal");
    requireNonNull(asOf, "asOf");
    return decide(
        deal, playbook.evaluate(deal, asOf, locale), asOf, feedback, history, book, recordedAt);
  }

  /**
   * Applies feedback and history to the findings of an evaluation already made, such as one of a
   * batch: the same decision as {@link #decide(Deal, Instant, Collection, Collection, Book,
   * Instant)} when {@code evaluation} is this loop's playbook's evaluation of {@code deal} at
   * {@code asOf}.
   *
   * @param deal the deal as it is now
   * @param evaluation the playbook's evaluation of {@code deal} at {@code asOf}
   * @param asOf the evaluation time
   * @param feedback the reps' responses from a feedback file, as for the other {@code decide}
   * @param history earlier decisions on this deal (others are ignored), in any order
   * @param book the book, for the candidates of a reassign suggestion
   * @param recordedAt the time the decision is recorded
   * @throws IllegalArgumentException if the evaluation is of another deal
   */
  public Decision decide(
      Deal deal,
      Evaluation evaluation,
      Instant asOf,
      Collection<Feedback> feedback,
      Collection<Decision> history,
      Book book,
      Instant recordedAt) {
    requireNonNull(deal, "deal");
    requireNonNull(evaluation, "evaluation");
    requireNonNull(book, "book");
    requireNonNull(asOf, "asOf");
    requireNonNull(feedback, "feedback");
    requireNonNull(history, "history");
    requireNonNull(recordedAt, "recordedAt");
    checkArgument(
        evaluation.dealId().equals(deal.id()),
        "the evaluation is of deal %s, not of deal %s",
        evaluation.dealId(),
        deal.id());
    DealFingerprint.Written written = DealFingerprint.write(deal);
    String fingerprint = Finding.sha256(written.canonical());
    LocalDate today = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
    List<Decision> past =
        history.stream()
            .filter(h -> h.dealId().equals(deal.id()) && h.asOf().isBefore(asOf))
            .sorted(Comparator.comparing(Decision::asOf))
            .toList();
    List<Finding> found = Finding.of(evaluation);
    List<Feedback> known = merged(deal, found, feedback, asOf);
    Map<String, String> fields = written.fields();

    List<Finding> shown = new ArrayList<>();
    List<Hidden> hidden = new ArrayList<>();
    for (Finding f : found) {
      Hidden h = hide(f, known, past, fingerprint, fields, today);
      if (h == null) {
        shown.add(f);
      } else {
        hidden.add(h);
      }
    }
    List<Indicator> indicators = indicators(deal, asOf, today, shown, hidden, past);
    List<Escalation> escalations = new ArrayList<>();
    for (Finding f : shown) {
      Escalation e = escalate(f, deal, today, past, book);
      if (e != null) {
        escalations.add(e);
      }
    }
    String id =
        Finding.sha256(
                playbook.revision()
                    + '\u0000'
                    + deal.id()
                    + '\u0000'
                    + fingerprint
                    + '\u0000'
                    + asOf)
            .substring(0, 16);
    return new Decision(
        id,
        recordedAt,
        asOf,
        playbook.id(),
        playbook.revision(),
        deal.id(),
        fingerprint,
        shown,
        hidden,
        indicators,
        escalations,
        fields);
  }

  /**
   * The responses known at {@code asOf} to the findings of this deal, oldest first: those of the
   * feedback file and those of the deal file together. A deal-file entry that names a rule (and a
   * target) answers each current finding of that rule (with that target). When both sources give
   * the same response to the same finding at the same time, it counts once; otherwise the latest
   * response to a finding decides, and at the same time a deal-file entry comes after a file one.
   */
  static List<Feedback> merged(
      Deal deal, List<Finding> found, Collection<Feedback> feedback, Instant asOf) {
    List<Feedback> out = new ArrayList<>();
    feedback.stream()
        .filter(f -> f.dealId().equals(deal.id()) && !f.at().isAfter(asOf))
        .forEach(out::add);
    for (dev.playbook.model.Feedback d : deal.feedback()) {
      if (d.at().isAfter(asOf)) {
        continue;
      }
      List<String> ids = new ArrayList<>();
      if (d.finding() != null) {
        ids.add(d.finding());
      } else {
        for (Finding f : found) {
          if (f.rule().equals(d.rule()) && (d.target() == null || d.target().equals(f.target()))) {
            ids.add(f.id());
          }
        }
      }
      for (String id : ids) {
        Feedback fb =
            new Feedback(
                id,
                deal.id(),
                Feedback.of(d.response()),
                d.reason(),
                d.note(),
                d.until(),
                d.by(),
                d.at(),
                d.untilChanged());
        boolean duplicate =
            out.stream()
                .anyMatch(
                    o ->
                        o.finding().equals(id)
                            && o.response() == fb.response()
                            && o.at().equals(fb.at()));
        if (!duplicate) {
          out.add(fb);
        }
      }
    }
    // a stable sort: at the same time, the deal file's entries stay after the file's
    out.sort(Comparator.comparing(Feedback::at));
    return List.copyOf(out);
  }

  /**
   * The rung of the rule's ladder a shown finding has reached: counted from the first of the
   * unbroken run of earlier evaluations that showed it (a day it was hidden, snoozed say, breaks
   * the run: the rep had answered).
   */
  private Escalation escalate(
      Finding f, Deal deal, LocalDate today, List<Decision> past, Book book) {
    LoopPolicy.Escalate ladder = policy.escalate(f.rule());
    if (ladder == null) {
      return null;
    }
    LocalDate since = today;
    for (int i = past.size() - 1; i >= 0; i--) {
      Decision d = past.get(i);
      if (d.findings().stream().noneMatch(x -> x.id().equals(f.id()))) {
        break;
      }
      since = LocalDate.ofInstant(d.asOf(), ZoneOffset.UTC);
    }
    Level level = null;
    if (ladder.reassign() != null && !today.isBefore(ladder.reassign().after(since))) {
      level = Level.REASSIGN;
    } else if (ladder.manager() != null && !today.isBefore(ladder.manager().after(since))) {
      level = Level.MANAGER;
    }
    if (level == null) {
      return null;
    }
    int days = (int) ChronoUnit.DAYS.between(since, today);
    LoopPolicy.Team team = policy.team(deal.team(), deal.owner());
    String manager = team == null ? null : team.manager();
    String owner = deal.owner();
    List<String> candidates = List.of();
    if (level == Level.REASSIGN && team != null && owner != null) {
      String segment = deal.segment();
      double ownerRate = book.winRate(owner, segment);
      candidates =
          team.reps().stream()
              .filter(r -> !r.equals(owner))
              .filter(r -> book.open(r) < policy.capacity())
              .filter(r -> book.closed(r, segment) >= policy.minClosed())
              .filter(r -> book.winRate(r, segment) > ownerRate)
              .sorted(
                  Comparator.comparingDouble((String r) -> -book.winRate(r, segment))
                      .thenComparingInt(book::open)
                      .thenComparing(r -> r))
              .limit(3)
              .toList();
    }
    String message =
        ladder.message() != null
            ? ladder
                .message()
                .replace("{owner}", String.valueOf(owner))
                .replace("{deal}", deal.id())
                .replace("{days}", Integer.toString(days))
            : (level == Level.MANAGER
                    ? "%s has left '%s' on deal %s unresolved for %d days"
                    : "'%s' on deal %s has been unresolved for %d days under %s: reassign it or back %s up")
                .formatted(
                    level == Level.MANAGER
                        ? new Object[] {owner, f.text(), deal.id(), days}
                        : new Object[] {f.text(), deal.id(), days, owner, owner});
    return new Escalation(
        f.id(),
        f.rule(),
        level,
        owner,
        manager,
        since,
        days,
        message,
        ladder.talkTrack(),
        candidates);
  }

  private Hidden hide(
      Finding f,
      List<Feedback> known,
      List<Decision> past,
      String fingerprint,
      Map<String, String> fields,
      LocalDate today) {
    Feedback last = null;
    for (Feedback fb : known) {
      if (fb.finding().equals(f.id())) {
        last = fb;
      }
    }
    if (last != null) {
      switch (last.response()) {
        case SNOOZED -> {
          if (last.untilChanged() != null) {
            if (!changed(last.untilChanged(), last.at(), past, fingerprint, fields)) {
              return new Hidden(
                  f,
                  Because.SNOOZED,
                  last.by(),
                  last.reason(),
                  last.note(),
                  null,
                  last.untilChanged());
            }
          } else if (today.isBefore(last.until())) {
            return new Hidden(
                f, Because.SNOOZED, last.by(), last.reason(), last.note(), last.until());
          }
        }
        case DISMISSED, DONE -> {
          String then = fingerprintAt(past, last.at());
          if (then == null || then.equals(fingerprint)) {
            Because b = last.response() == Response.DONE ? Because.DONE : Because.DISMISSED;
            return new Hidden(f, b, last.by(), last.reason(), last.note(), null);
          }
        }
        case ACCEPTED -> {
          // an accepted finding stays shown
        }
      }
    }
    // the limit counts dismissals of this rule's findings of the same kind on this deal
    LoopPolicy.Reoffer limit = policy.reoffer(f.rule());
    if (limit != null) {
      List<Feedback> dismissals =
          known.stream()
              .filter(fb -> fb.response() == Response.DISMISSED)
              .filter(fb -> fb.finding().charAt(0) == f.id().charAt(0))
              .filter(fb -> fb.finding().equals(f.id()) || f.rule().equals(ruleOf(fb, past)))
              .toList();
      if (dismissals.size() >= limit.after()) {
        Feedback latest = dismissals.get(dismissals.size() - 1);
        LocalDate until = limit.pause().after(LocalDate.ofInstant(latest.at(), ZoneOffset.UTC));
        if (today.isBefore(until)) {
          String why =
              "dismissed "
                  + dismissals.size()
                  + (dismissals.size() == 1 ? " time" : " times")
                  + " on this deal";
          return new Hidden(f, Because.PAUSED, latest.by(), why, latest.note(), until);
        }
      }
    }
    return null;
  }

  /** The rule of the finding a feedback answers, from the decisions that showed it. */
  private static String ruleOf(Feedback fb, List<Decision> past) {
    for (Decision d : past) {
      for (Finding f : d.allFindings()) {
        if (f.id().equals(fb.finding())) {
          return f.rule();
        }
      }
    }
    return null;
  }

  /**
   * Whether {@code field} differs now from its value when the rep snoozed, at {@code at}: the value
   * in the last decision at or before then (what the rep saw), else in the first one after (the
   * first the loop saw of it); with no decision before today, today's value is the one snoozed. A
   * decision from a log written before field fingerprints were kept tells only whether the whole
   * deal changed: then any change of the deal counts.
   */
  private static boolean changed(
      WatchedField field,
      Instant at,
      List<Decision> past,
      String fingerprint,
      Map<String, String> fields) {
    Decision then = null;
    for (Decision d : past) {
      if (!d.asOf().isAfter(at)) {
        then = d;
      } else if (then == null) {
        then = d;
        break;
      }
    }
    if (then == null) {
      return false;
    }
    String was = then.fieldFingerprints().get(field.id());
    if (was == null) {
      return !then.dealFingerprint().equals(fingerprint);
    }
    return !was.equals(fields.get(field.id()));
  }

  /** The deal's fingerprint in the last decision at or before {@code at}: what the rep saw. */
  private static String fingerprintAt(List<Decision> past, Instant at) {
    String fp = null;
    for (Decision d : past) {
      if (!d.asOf().isAfter(at)) {
        fp = d.dealFingerprint();
      }
    }
    return fp;
  }

  private List<Indicator> indicators(
      Deal deal,
      Instant asOf,
      LocalDate today,
      List<Finding> shown,
      List<Hidden> hidden,
      List<Decision> past) {
    Map<String, Finding> current = new LinkedHashMap<>();
    shown.forEach(f -> current.put(f.id(), f));
    hidden.forEach(h -> current.put(h.finding().id(), h.finding()));
    Map<String, Indicator> out = new LinkedHashMap<>();
    if (!past.isEmpty()) {
      for (Indicator i : past.get(past.size() - 1).indicators()) {
        if (i.status() == Status.PENDING) {
          out.put(i.finding(), check(i.finding(), i.rule(), i.since(), i.by(), deal, asOf, today));
        } else if (current.containsKey(i.finding())) {
          out.put(i.finding(), i);
        }
      }
    }
    for (Finding f : current.values()) {
      LoopPolicy.Success s = policy.success(f.rule());
      if (f.kind() == Finding.Kind.ACTION && s != null && !out.containsKey(f.id())) {
        out.put(f.id(), check(f.id(), f.rule(), today, s.within().after(today), deal, asOf, today));
      }
    }
    return List.copyOf(out.values());
  }

  private Indicator check(
      String finding,
      String rule,
      LocalDate since,
      LocalDate by,
      Deal deal,
      Instant asOf,
      LocalDate today) {
    if (today.isAfter(by)) {
      return new Indicator(finding, rule, since, by, Status.MISSED, today);
    }
    if (!today.equals(since) && policy.succeeded(rule, deal, asOf)) {
      return new Indicator(finding, rule, since, by, Status.MET, today);
    }
    return new Indicator(finding, rule, since, by, Status.PENDING, null);
  }
}
