package dev.playbook.internal.lang;

import dev.playbook.model.Activity;
import dev.playbook.model.CloseDateChange;
import dev.playbook.model.Contact;
import dev.playbook.model.CustomValue;
import dev.playbook.model.Deal;
import dev.playbook.model.StageChange;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One deal as conditions see it at one moment: the deal, the evaluation time, and values derived
 * once (stage position, last activity, parameters for the deal's segment and stage). Built per
 * evaluation and confined to the thread that evaluates it.
 */
public final class Facts {

  private static final Object UNRESOLVED = new Object();
  private static final Object MISSING = new Object();

  private final Deal deal;
  private final Instant asOf;
  private final Env env;
  private final int stageIndex;
  private final Object[] params;
  private Map<String, Contact> contactsById;
  private Object lastActivity = UNRESOLVED;
  private Object stageEnteredAt = UNRESOLVED;
  private Object closeDatePushes = UNRESOLVED;
  private Object segment = UNRESOLVED;

  /**
   * Values of memoized expressions by slot (see {@code Compiler.memoized}); null until computed.
   */
  private Object[] memo;

  /**
   * The deal's evidence by slot: the entry, {@link #NO_EVIDENCE} when the deal has none for that
   * key, or null when not yet looked up; the array itself is null until the first read.
   */
  private Object[] evidence;

  private static final Object NO_EVIDENCE = new Object();

  public Facts(Deal deal, Instant asOf, Env env) {
    this.deal = deal;
    this.asOf = asOf;
    this.env = env;
    this.stageIndex = env.stageIndex(deal.stage());
    this.params = new Object[env.parameterCount()];
    java.util.Arrays.fill(params, UNRESOLVED);
  }

  public Deal deal() {
    return deal;
  }

  public Instant asOf() {
    return asOf;
  }

  public Env env() {
    return env;
  }

  /**
   * Position of the deal's stage in the playbook's stage list; -1 if the playbook has no such
   * stage.
   */
  public int stageIndex() {
    return stageIndex;
  }

  public Object param(int index) {
    Object v = params[index];
    if (v == UNRESOLVED) {
      v = env.resolveParameter(index, segment(), deal.stage());
      params[index] = v;
    }
    return v;
  }

  /**
   * The deal's segment: its own, else the one the playbook's segment rules derive; null when
   * neither gives one.
   */
  public String segment() {
    if (segment == UNRESOLVED) {
      segment = deal.segment() != null ? deal.segment() : env.deriveSegment(this);
    }
    return (String) segment;
  }

  /**
   * The deal's amount in the playbook's base currency (as given when the playbook has no currency
   * table); null when the deal has none.
   *
   * @throws Money.NoRate if the deal's currency has no rate in the table
   */
  public Double amount() {
    BigDecimal amount = deal.amount();
    if (amount == null) {
      return null;
    }
    Money money = env.money();
    return money == null
        ? amount.doubleValue()
        : money.toBase(amount, deal.currency(), deal.id()).doubleValue();
  }

  /** The latest activity that happened at or before the evaluation time; null if none did. */
  public Instant lastActivity() {
    if (lastActivity == UNRESOLVED) {
      Instant last = null;
      for (Activity a : deal.activities()) {
        // planned activities (dated after the evaluation time) have not happened yet
        if (a.occurredAt() != null
            && !a.occurredAt().isAfter(asOf)
            && (last == null || a.occurredAt().isAfter(last))) {
          last = a.occurredAt();
        }
      }
      lastActivity = last;
    }
    return (Instant) lastActivity;
  }

  /** When the deal entered its current stage: the latest history entry for it, else created_at. */
  public Instant stageEnteredAt() {
    if (stageEnteredAt == UNRESOLVED) {
      Instant at = null;
      for (StageChange c : deal.stageHistory()) {
        if (c.stage().equals(deal.stage())
            && c.enteredAt() != null
            && (at == null || c.enteredAt().isAfter(at))) {
          at = c.enteredAt();
        }
      }
      stageEnteredAt = at != null ? at : deal.createdAt();
    }
    return (Instant) stageEnteredAt;
  }

  /** How many times the expected close date moved later. */
  public Double closeDatePushes() {
    if (closeDatePushes == UNRESOLVED) {
      int n = 0;
      for (CloseDateChange c : deal.closeDateHistory()) {
        if (c.from() != null && c.to() != null && c.to().isAfter(c.from())) {
          n++;
        }
      }
      closeDatePushes = (double) n;
    }
    return (Double) closeDatePushes;
  }

  /** The contacts an activity names, in the order it names them; unknown ids are skipped. */
  public List<Contact> contactsOf(Activity activity) {
    if (contactsById == null) {
      contactsById = new HashMap<>();
      for (Contact c : deal.contacts()) {
        contactsById.put(c.id(), c);
      }
    }
    List<Contact> out = new ArrayList<>(activity.contactIds().size());
    for (String id : activity.contactIds()) {
      Contact c = contactsById.get(id);
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * The deal's evidence for the key at {@code slot} (see {@code Env.evidenceSlot}), so that the
   * many evidence(...) reads of one evaluation cost an array read. On the first read, a deal with
   * no more entries than there are keys conditions read has all its entries filed by slot in one
   * pass; a deal with more (most of them never read) has each key looked up on its first read
   * instead.
   */
  public dev.playbook.model.Evidence evidence(int slot, String key) {
    Object[] e = evidence;
    if (e == null) {
      e = new Object[env.evidenceCount()];
      Map<String, dev.playbook.model.Evidence> all = deal.evidence();
      if (all.size() <= e.length) {
        java.util.Arrays.fill(e, NO_EVIDENCE);
        for (Map.Entry<String, dev.playbook.model.Evidence> en : all.entrySet()) {
          int s = env.evidenceSlotOf(en.getKey());
          if (s >= 0 && s < e.length) {
            e[s] = en.getValue();
          }
        }
      }
      evidence = e;
    }
    if (slot >= e.length) {
      return deal.evidence().get(key);
    }
    Object v = e[slot];
    if (v == null) {
      dev.playbook.model.Evidence found = deal.evidence().get(key);
      e[slot] = found == null ? NO_EVIDENCE : found;
      return found;
    }
    return v == NO_EVIDENCE ? null : (dev.playbook.model.Evidence) v;
  }

  /**
   * The value of memoized expression {@code slot}, computed by {@code fn} the first time it is
   * asked for.
   */
  Object memo(int slot, Fn fn, Frame frame) {
    Object v = memoized(slot);
    if (v != NOT_COMPUTED) {
      return v;
    }
    v = fn.eval(frame);
    remember(slot, v);
    return v;
  }

  /**
   * The value of memoized expression {@code slot} when it has been computed in this evaluation,
   * {@link #NOT_COMPUTED} when it has not; for code that computes the expression itself and records
   * it with {@link #remember}.
   */
  public Object memoized(int slot) {
    Object[] m = memo;
    if (m == null || slot >= m.length) {
      return NOT_COMPUTED;
    }
    Object v = m[slot];
    return v == null ? NOT_COMPUTED : v == MISSING ? null : v;
  }

  /**
   * Records {@code value} (null when missing) as the value of memoized expression {@code slot}. The
   * array is read again here, not before the value was computed: computing it may have grown it.
   */
  public void remember(int slot, Object value) {
    Object[] m = memo;
    if (m == null || slot >= m.length) {
      int size = Math.max(env.memoCount(), slot + 1);
      m = m == null ? new Object[size] : java.util.Arrays.copyOf(m, size);
      memo = m;
    }
    m[slot] = value == null ? MISSING : value;
  }

  /** What {@link #memoized} returns for an expression not computed yet. */
  public static final Object NOT_COMPUTED = new Object();

  public Object custom(String name, Type type) {
    CustomValue v = deal.custom().get(name);
    if (v == null) {
      return null;
    }
    if (v instanceof CustomValue.Text t) {
      if (type == Type.Basic.DATE) {
        try {
          return date(LocalDate.parse(t.value()));
        } catch (java.time.format.DateTimeParseException e) {
          return null;
        }
      }
      return type == Type.Basic.TEXT ? t.value() : null;
    }
    if (v instanceof CustomValue.Number num) {
      return type == Type.Basic.NUMBER ? num.value().doubleValue() : null;
    }
    if (v instanceof CustomValue.Flag f) {
      return type == Type.Basic.BOOLEAN ? f.value() : null;
    }
    if (v instanceof CustomValue.Date d) {
      if (type == Type.Basic.TEXT) {
        return d.value().toString();
      }
      return type == Type.Basic.DATE ? date(d.value()) : null;
    }
    return null;
  }

  public static Double number(BigDecimal value) {
    return value == null ? null : value.doubleValue();
  }

  public static Instant date(LocalDate value) {
    return value == null ? null : Utc.startOf(value);
  }
}
