package dev.playbook.insights;

import dev.playbook.Documents;
import dev.playbook.insights.CsvMapping.Child;
import dev.playbook.insights.CsvMapping.Join;
import dev.playbook.insights.CsvMapping.Source;
import dev.playbook.insights.CsvMapping.When;
import dev.playbook.model.Activity;
import dev.playbook.model.ActivityType;
import dev.playbook.model.BuyingRole;
import dev.playbook.model.CloseDateChange;
import dev.playbook.model.Contact;
import dev.playbook.model.Deal;
import dev.playbook.model.Direction;
import dev.playbook.model.EnumIds;
import dev.playbook.model.NextStep;
import dev.playbook.model.NextStepStatus;
import dev.playbook.model.Outcome;
import dev.playbook.model.Power;
import dev.playbook.model.ResponseMode;
import dev.playbook.model.StageChange;
import dev.playbook.problem.Problem;
import dev.playbook.result.DealRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The child tables of a mapping ({@link CsvMapping#children()}), read before the deal table and
 * held by deal key until the deal comes: contacts with their roles, activities, next steps, stage
 * history and close-date changes. A child row with a bad value is reported and left out, the rest
 * of its deal kept; rows whose deal never comes are counted and the first of them reported at the
 * end ({@link #finish()}), the first {@value #ORPHANS_LISTED} ids of each table by line.
 *
 * <p>Memory: each kept row is held as the texts of its mapped columns until its deal is read; up to
 * {@link ChildSpill#HELD_LIMIT} rows in memory, beyond that on disk ({@link ChildSpill}), where
 * they are sorted by deal once the deal table has been read for its keys ({@link #index}). Side
 * tables ({@code joins}) are held in memory with their mapped columns only.
 */
final class ChildTables implements java.io.Closeable {

  /** How many rows naming no deal are reported one by one, per table; all are counted. */
  static final int ORPHANS_LISTED = 20;

  private static final Pattern DIGITS = Pattern.compile("-?[0-9]{10,}");

  /** How many distinct texts of side tables are shared between their rows. */
  private static final int SHARED_TEXTS = 100_000;

  private final CsvMapping mapping;
  private final Consumer<Problem> notes;
  private final String dealFile;
  private final Map<String, Bucket> byDeal = new HashMap<>();
  private final Map<String, Counts> counts = new LinkedHashMap<>();

  /** The rows of one child table, counted. */
  record Counts(
      String table, String file, long rows, long read, long skipped, long bad, long orphaned) {}

  private static final class Counter {
    final String table;
    final String file;
    long rows;
    long read;
    long skipped;
    long bad;
    long orphaned;

    Counter(String table, String file) {
      this.table = table;
      this.file = file;
    }
  }

  private final Map<String, Counter> counters = new LinkedHashMap<>();

  private final ChildSpill spill;

  /** How each child table's kept rows are replayed, by table index. */
  private final List<Plan> plans = new ArrayList<>();

  private long seq;

  /** The first orphans of each table by line (at most {@value #ORPHANS_LISTED}), and counts. */
  private final Map<Integer, List<ChildSpill.Orphan>> orphans = new HashMap<>();

  private final Map<Integer, Long> orphanKeys = new HashMap<>();

  /** Orphans found while the deals are read, grouped by table and key. */
  private final Map<String, ChildSpill.Orphan> lateOrphans = new LinkedHashMap<>();

  /**
   * What one child table's rows keep: the header positions of the columns the mapping reads, the
   * joined columns it reads, and the row that replays them.
   */
  private record Plan(
      Child child,
      String file,
      int size,
      int[] plain,
      List<String> joinRefs,
      int parentColumn,
      Row replay) {}

  /** What one deal's child rows became, in file order. */
  private static final class Bucket {
    final Map<String, ContactRow> contacts = new LinkedHashMap<>();
    final List<ActivityRow> activities = new ArrayList<>();
    final List<NextStep> nextSteps = new ArrayList<>();
    final List<StageChange> stages = new ArrayList<>();
    final List<CloseDateChange> closeChanges = new ArrayList<>();
    boolean hasNextSteps;
    boolean hasStages;
  }

  private static final class ContactRow {
    final String id;
    String name;
    String title;
    final Set<BuyingRole> roles = EnumSet.noneOf(BuyingRole.class);
    boolean primary;
    Power power;
    ResponseMode mode;
    Instant lastEngaged;

    ContactRow(String id) {
      this.id = id;
    }
  }

  private record ActivityRow(
      Activity activity, List<String> contacts, String file, int line, int contactColumn) {}

  /**
   * Reads every child table of {@code mapping} from {@code table}; {@code dealFile} names the deal
   * table in messages.
   */
  ChildTables(CsvMapping mapping, Tables tables, String dealFile, Consumer<Problem> notes) {
    this(mapping, tables, dealFile, notes, ChildSpill.HELD_LIMIT, ChildSpill.RUN_ROWS);
  }

  /** As above, holding at most {@code heldLimit} rows in memory and sorting {@code runRows}. */
  ChildTables(
      CsvMapping mapping,
      Tables tables,
      String dealFile,
      Consumer<Problem> notes,
      int heldLimit,
      int runRows) {
    this.mapping = mapping;
    this.notes = notes;
    this.dealFile = dealFile;
    this.spill = new ChildSpill(heldLimit, runRows);
    try {
      for (Child c : mapping.children().values()) {
        Counter counter = new Counter(c.name(), tables.name(c.file()));
        counters.put(c.name(), counter);
        read(c, tables, counter);
      }
    } catch (RuntimeException e) {
      spill.close();
      throw e;
    }
  }

  /** Whether the kept rows went to disk; then {@link #index} must be called before the deals. */
  boolean spilled() {
    return spill.spilled();
  }

  /** The kept rows written to disk. */
  long spilledRows() {
    return spill.spilledRows();
  }

  /** The temporary folder of the rows on disk; null when none. */
  java.nio.file.Path spillFolder() {
    return spill.folder();
  }

  /**
   * When the rows went to disk: reads {@code deals}, the deal table read once for the key and line
   * of each good deal (its problems not reported), and sorts the rows by deal.
   */
  void index(java.util.function.Supplier<CsvRows> deals) {
    if (!spill.spilled()) {
      return;
    }
    try (CsvRows rows = deals.get()) {
      Iterable<Map.Entry<String, Integer>> keys =
          () ->
              new java.util.Iterator<>() {
                Map.Entry<String, Integer> next;

                @Override
                public boolean hasNext() {
                  while (next == null && rows.hasNext()) {
                    DealRecord r = rows.next();
                    if (r.ok()) {
                      next = Map.entry(mapping.key(r.deal().orElseThrow().id()), r.line());
                    }
                  }
                  return next != null;
                }

                @Override
                public Map.Entry<String, Integer> next() {
                  Map.Entry<String, Integer> n = next;
                  next = null;
                  return n;
                }
              };
      spill.index(keys, this::orphan);
    } catch (IOException e) {
      spill.close();
      throw new UncheckedIOException("cannot sort the child rows on disk: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      spill.close();
      throw e;
    }
  }

  /** Deletes the rows held on disk. */
  @Override
  public void close() {
    spill.close();
  }

  private void orphan(ChildSpill.Orphan o) {
    Counter counter = counters.get(plans.get(o.table()).child().name());
    counter.orphaned += o.rows();
    counter.read -= o.rows();
    orphanKeys.merge(o.table(), 1L, Long::sum);
    List<ChildSpill.Orphan> first = orphans.computeIfAbsent(o.table(), t -> new ArrayList<>());
    first.add(o);
    if (first.size() > ORPHANS_LISTED) {
      first.sort(Comparator.comparingInt(ChildSpill.Orphan::line));
      first.remove(first.size() - 1);
    }
  }

  private void lateOrphan(ChildSpill.Kept k) {
    lateOrphans.merge(
        k.table() + "\u0000" + k.key(),
        new ChildSpill.Orphan(k.table(), k.key(), k.parent(), k.line(), 1),
        (a, b) -> new ChildSpill.Orphan(a.table(), a.key(), a.parent(), a.line(), a.rows() + 1));
  }

  /** Replays the kept rows of one deal into its bucket. */
  private void replay(String key, List<ChildSpill.Kept> rows) {
    for (ChildSpill.Kept k : rows) {
      Plan p = plans.get(k.table());
      String[] values = new String[p.size()];
      for (int i = 0; i < p.plain().length; i++) {
        values[p.plain()[i]] = k.plain()[i];
      }
      p.replay().set(new Tables.Line(k.line(), java.util.Arrays.asList(values)));
      p.replay().kept = k;
      add(p.child(), p.replay(), key, true);
    }
  }

  /** The counts of each child table, by table name. */
  List<Counts> counts() {
    return counters.values().stream()
        .map(c -> new Counts(c.table, c.file, c.rows, c.read, c.skipped, c.bad, c.orphaned))
        .toList();
  }

  /** The deal with its child rows added; the rows are then no longer held. */
  DealRecord attach(DealRecord record) {
    if (!record.ok()) {
      return record;
    }
    Deal deal = record.deal().orElseThrow();
    String dealKey = mapping.key(deal.id());
    replay(
        dealKey,
        spill.spilled() ? spill.take(record.line(), this::lateOrphan) : spill.take(dealKey));
    Bucket b = byDeal.remove(dealKey);
    if (b == null) {
      return record;
    }
    Deal.Builder d = deal.toBuilder();
    if (!b.contacts.isEmpty()) {
      List<Contact> contacts = new ArrayList<>(deal.contacts());
      List<ContactRow> rows = new ArrayList<>(b.contacts.values());
      // the primary contact first, the others in file order
      rows.sort(Comparator.comparing(r -> !r.primary));
      for (ContactRow r : rows) {
        contacts.add(
            Contact.builder(r.id)
                .name(r.name)
                .title(r.title)
                .roles(r.roles)
                .power(r.power)
                .responseMode(r.mode)
                .lastEngagedAt(r.lastEngaged)
                .primary(r.primary)
                .build());
      }
      d.contacts(contacts);
    }
    Set<String> contactIds = new HashSet<>();
    d.build().contacts().forEach(c -> contactIds.add(c.id()));
    if (!b.activities.isEmpty()) {
      List<Activity> activities = new ArrayList<>(deal.activities());
      Set<String> ids = new HashSet<>();
      activities.forEach(a -> ids.add(a.id()));
      List<ActivityRow> rows = new ArrayList<>(b.activities);
      rows.sort(Comparator.comparing(r -> r.activity().occurredAt()));
      for (ActivityRow r : rows) {
        Activity a = r.activity();
        if (!ids.add(a.id())) {
          notes.accept(
              new Problem(
                  "duplicate-id",
                  r.file(),
                  r.line(),
                  1,
                  "activity id '"
                      + a.id()
                      + "' appears twice on deal '"
                      + deal.id()
                      + "'; the row is left out"));
          continue;
        }
        List<String> known = new ArrayList<>();
        for (String c : r.contacts()) {
          if (contactIds.contains(c)) {
            known.add(c);
          } else {
            notes.accept(
                new Problem(
                    "unknown-contact",
                    r.file(),
                    r.line(),
                    r.contactColumn(),
                    "activity '"
                        + a.id()
                        + "' names contact '"
                        + c
                        + "', who is not among the contacts of deal '"
                        + deal.id()
                        + "'; the activity is kept without that contact"));
          }
        }
        activities.add(
            Activity.builder(a.id(), a.type(), a.occurredAt())
                .direction(a.direction())
                .contactIds(known)
                .outcome(a.outcome())
                .tags(a.tags())
                .counts(a.counts())
                .durationMinutes(a.durationMinutes())
                .subject(a.subject())
                .body(a.body())
                .build());
      }
      d.activities(activities);
    }
    if (b.hasNextSteps) {
      // the next-step rows replace the deal table's next-step column
      d.nextSteps(b.nextSteps);
    }
    if (b.hasStages) {
      List<StageChange> stages = new ArrayList<>(b.stages);
      stages.sort(Comparator.comparing(StageChange::enteredAt));
      List<StageChange> kept = new ArrayList<>();
      for (StageChange s : stages) {
        // a history row is written on every change; only a new stage is a stage change
        if (kept.isEmpty() || !kept.get(kept.size() - 1).stage().equals(s.stage())) {
          kept.add(s);
        }
      }
      d.stageHistory(kept);
    }
    if (!b.closeChanges.isEmpty()) {
      List<CloseDateChange> changes = new ArrayList<>(deal.closeDateHistory());
      changes.addAll(b.closeChanges);
      changes.sort(Comparator.comparing(CloseDateChange::changedAt));
      // a history that holds each new value only: the date before is the one set before it
      for (int i = 1; i < changes.size(); i++) {
        CloseDateChange c = changes.get(i);
        if (c.from() == null) {
          changes.set(i, new CloseDateChange(changes.get(i - 1).to(), c.to(), c.changedAt()));
        }
      }
      d.closeDateHistory(changes);
    }
    try {
      return DealRecord.of(record.file(), record.line(), d.build());
    } catch (IllegalArgumentException | NullPointerException e) {
      return DealRecord.bad(
          record.file(),
          record.line(),
          List.of(
              new Problem(
                  "invalid-value",
                  record.file(),
                  record.line(),
                  1,
                  "with its child rows: " + e.getMessage())));
    }
  }

  /** Reports the rows of deals that never came: counted, the first of each table listed. */
  void finish() {
    if (spill.spilled()) {
      spill.rest(this::lateOrphan);
      lateOrphans.values().forEach(this::orphan);
    } else {
      for (List<ChildSpill.Kept> rows : spill.leftovers().values()) {
        Map<Integer, ChildSpill.Orphan> byTable = new LinkedHashMap<>();
        for (ChildSpill.Kept k : rows) {
          byTable.merge(
              k.table(),
              new ChildSpill.Orphan(k.table(), k.key(), k.parent(), k.line(), 1),
              (a, b) ->
                  new ChildSpill.Orphan(a.table(), a.key(), a.parent(), a.line(), a.rows() + 1));
        }
        byTable.values().forEach(this::orphan);
      }
    }
    spill.close();
    for (int t = 0; t < plans.size(); t++) {
      List<ChildSpill.Orphan> first = new ArrayList<>(orphans.getOrDefault(t, List.of()));
      first.sort(Comparator.comparingInt(ChildSpill.Orphan::line));
      Plan p = plans.get(t);
      for (ChildSpill.Orphan o : first) {
        notes.accept(
            new Problem(
                "unknown-parent",
                p.file(),
                o.line(),
                p.parentColumn(),
                "column '"
                    + p.child().parent()
                    + "': '"
                    + o.parent()
                    + "' is the id of no deal in "
                    + dealFile
                    + kind(o.parent())
                    + (o.rows() > 1
                        ? "; this row and " + (o.rows() - 1) + " more with that id are"
                        : "; the row is")
                    + " left out"));
      }
    }
    Map<String, Long> ids = new HashMap<>();
    for (Map.Entry<Integer, Long> e : orphanKeys.entrySet()) {
      ids.merge(plans.get(e.getKey()).child().name(), e.getValue(), Long::sum);
    }
    for (Counter c : counters.values()) {
      if (c.orphaned > 0) {
        long keys = ids.getOrDefault(c.table, 0L);
        notes.accept(
            new Problem(
                "unknown-parent",
                c.file,
                0,
                0,
                c.orphaned
                    + (c.orphaned == 1 ? " row of " : " rows of ")
                    + c.file
                    + " ("
                    + c.table
                    + ")"
                    + (c.orphaned == 1 ? " names" : " name")
                    + " no deal in "
                    + dealFile
                    + (c.orphaned == 1 ? " and is left out" : " and are left out")
                    + (keys > ORPHANS_LISTED
                        ? " (the rows of the first "
                            + ORPHANS_LISTED
                            + " of "
                            + keys
                            + " ids are listed above)"
                        : "")));
      }
    }
    byDeal.clear();
  }

  /** What a Salesforce id names, by its three-character key prefix. */
  private String kind(String key) {
    if (!mapping.salesforceIds() || key.length() < 3) {
      return "";
    }
    String what =
        switch (key.substring(0, 3)) {
          case "001" -> "an Account";
          case "003" -> "a Contact";
          case "005" -> "a User";
          case "00Q" -> "a Lead";
          case "500" -> "a Case";
          case "701" -> "a Campaign";
          case "800" -> "a Contract";
          default -> null;
        };
    return what == null ? "" : " (ids starting '" + key.substring(0, 3) + "' name " + what + ")";
  }

  private void read(Child c, Tables tables, Counter counter) {
    Map<String, Map<String, Map<String, String>>> joined = new HashMap<>();
    String name = tables.name(c.file());
    try (Tables.Table t = tables.open(c.file())) {
      if (t == null) {
        notes.accept(
            new Problem(
                "file-unreadable",
                name,
                0,
                0,
                "no such file; the "
                    + c.fills().replace('_', ' ')
                    + " of '"
                    + c.name()
                    + "' are left empty"));
        return;
      }
      Map<String, Integer> header = new HashMap<>();
      for (int i = 0; i < t.header().size(); i++) {
        header.putIfAbsent(t.header().get(i), i);
      }
      if (!header.containsKey(c.parent())) {
        notes.accept(
            new Problem(
                "missing-column",
                name,
                1,
                1,
                "the header has no column '"
                    + c.parent()
                    + "', which names each row's deal; no row of "
                    + name
                    + " can be read"
                    + Documents.didYouMean(c.parent(), header.keySet())));
        return;
      }
      for (Join j : c.joins().values()) {
        if (join(c, j.on()) == null && !header.containsKey(j.on())) {
          notes.accept(
              new Problem(
                  "missing-column",
                  name,
                  1,
                  1,
                  "the header has no column '" + j.on() + "' to join " + j.file() + " on"));
          return;
        }
        Map<String, Map<String, String>> side = side(c, j, tables);
        if (side == null) {
          return;
        }
        joined.put(j.name(), side);
      }
      Set<String> missing = new HashSet<>();
      for (Map.Entry<String, List<Source>> f : c.fields().entrySet()) {
        List<String> plain =
            f.getValue().stream()
                .filter(s -> s.column() != null && join(c, s.column()) == null)
                .map(Source::column)
                .toList();
        if (!plain.isEmpty() && plain.stream().noneMatch(header::containsKey)) {
          boolean required = f.getKey().equals(CsvMapping.CHILD_FIELDS.get(c.fills()).get(0));
          notes.accept(
              new Problem(
                  "missing-column",
                  name,
                  1,
                  1,
                  "the header has no column '"
                      + plain.get(0)
                      + "' for "
                      + f.getKey()
                      + (required ? "; no row can be read" : "; the field is left empty")
                      + Documents.didYouMean(plain.get(0), header.keySet())));
          if (required) {
            return;
          }
          missing.addAll(plain);
        }
      }
      for (When w : concat(c.skip(), c.only())) {
        if (join(c, w.column()) == null && !header.containsKey(w.column())) {
          notes.accept(
              new Problem(
                  "missing-column",
                  name,
                  1,
                  1,
                  "the header has no column '"
                      + w.column()
                      + "', which says which rows to read; no row can be read"
                      + Documents.didYouMean(w.column(), header.keySet())));
          return;
        }
      }
      Row row = new Row(c, header, joined, name);
      Plan plan = plan(c, header, t.header().size(), name);
      int table = plans.size();
      plans.add(plan);
      while (true) {
        Tables.Line line;
        try {
          line = t.next();
        } catch (UncheckedIOException e) {
          notes.accept(
              new Problem(
                  "csv-syntax",
                  name,
                  t.line() + 1,
                  0,
                  "the file could not be read on from here: "
                      + rootMessage(e)
                      + "; the rows after this line are not read"));
          return;
        }
        if (line == null) {
          return;
        }
        counter.rows++;
        row.set(line);
        if (line.values().size() != t.header().size()) {
          counter.bad++;
          notes.accept(
              new Problem(
                  "wrong-column-count",
                  name,
                  line.line(),
                  1,
                  "the row has "
                      + line.values().size()
                      + " values where the header has "
                      + t.header().size()
                      + " columns; the row is left out"));
          continue;
        }
        if (c.skip().stream().anyMatch(row::matches)
            || (!c.only().isEmpty() && c.only().stream().noneMatch(row::matches))) {
          counter.skipped++;
          continue;
        }
        String parent = row.text(c.parent());
        if (parent == null) {
          // a row about no deal at all, such as a task on an account
          counter.skipped++;
          continue;
        }
        String key = mapping.key(parent);
        if (!add(c, row, key, false)) {
          counter.bad++;
          continue;
        }
        counter.read++;
        String[] plain = new String[plan.plain().length];
        for (int i = 0; i < plain.length; i++) {
          plain[i] = line.values().get(plan.plain()[i]);
        }
        String[] joins = new String[plan.joinRefs().size()];
        for (int i = 0; i < joins.length; i++) {
          joins[i] = row.text(plan.joinRefs().get(i));
        }
        try {
          spill.add(new ChildSpill.Kept(table, line.line(), seq++, key, parent, plain, joins));
        } catch (IOException e) {
          throw new UncheckedIOException(
              "cannot hold the child rows on disk: " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      notes.accept(
          new Problem("file-unreadable", name, 0, 0, "cannot read file: " + e.getMessage()));
    }
  }

  /** The columns (and joined columns) of {@code c} that its fields read, and its replaying row. */
  private Plan plan(Child c, Map<String, Integer> header, int size, String file) {
    java.util.TreeSet<Integer> plain = new java.util.TreeSet<>();
    List<String> joinRefs = new ArrayList<>();
    for (String ref : refs(c)) {
      if (join(c, ref) != null) {
        if (!joinRefs.contains(ref)) {
          joinRefs.add(ref);
        }
      } else if (header.containsKey(ref)) {
        plain.add(header.get(ref));
      }
    }
    Row replay = new Row(c, header, Map.of(), file);
    replay.quiet = true;
    return new Plan(
        c,
        file,
        size,
        plain.stream().mapToInt(Integer::intValue).toArray(),
        List.copyOf(joinRefs),
        header.get(c.parent()) + 1,
        replay);
  }

  /** Every column or {@code join.column} that a child table's mapping names. */
  private static List<String> refs(Child c) {
    List<String> refs = new ArrayList<>();
    refs.add(c.parent());
    for (List<Source> sources : c.fields().values()) {
      for (Source s : sources) {
        if (s.column() != null) {
          refs.add(s.column());
        }
      }
    }
    for (When w : concat(c.skip(), c.only())) {
      refs.add(w.column());
    }
    for (Join j : c.joins().values()) {
      refs.add(j.on());
    }
    return refs;
  }

  private static List<When> concat(List<When> a, List<When> b) {
    List<When> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private Map<String, Map<String, String>> side(Child c, Join j, Tables tables) {
    Map<String, Map<String, String>> side = new HashMap<>();
    // only the columns the mapping reads are held, their repeated texts once
    Set<String> used = new HashSet<>();
    for (String ref : refs(c)) {
      if (ref.startsWith(j.name() + ".")) {
        used.add(ref.substring(j.name().length() + 1));
      }
    }
    Map<String, String> texts = new HashMap<>();
    String name = tables.name(j.file());
    try (Tables.Table t = tables.open(j.file())) {
      if (t == null) {
        notes.accept(
            new Problem(
                "file-unreadable", name, 0, 0, "the side table could not be read: no such file"));
        return null;
      }
      int key = t.header().indexOf(j.key());
      if (key < 0) {
        notes.accept(
            new Problem(
                "missing-column",
                name,
                1,
                1,
                "the header has no column '"
                    + j.key()
                    + "' to join on"
                    + Documents.didYouMean(j.key(), t.header())));
        return null;
      }
      Tables.Line line;
      while ((line = t.next()) != null) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < t.header().size() && i < line.values().size(); i++) {
          if (used.contains(t.header().get(i))) {
            String v = line.values().get(i);
            if (texts.size() < SHARED_TEXTS) {
              v = texts.computeIfAbsent(v, x -> x);
            } else {
              v = texts.getOrDefault(v, v);
            }
            values.putIfAbsent(t.header().get(i), v);
          }
        }
        if (key < line.values().size()) {
          side.putIfAbsent(joinKey(j, line.values().get(key)), Map.copyOf(values));
        }
      }
      return side;
    } catch (IOException | UncheckedIOException e) {
      notes.accept(
          new Problem(
              "file-unreadable",
              name,
              0,
              0,
              "the side table could not be read: " + rootMessage(e)));
      return null;
    }
  }

  private String joinKey(Join j, String key) {
    return j.loose()
        ? key.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "")
        : mapping.key(key);
  }

  private static Join join(Child c, String ref) {
    int dot = ref.indexOf('.');
    return dot > 0 ? c.joins().get(ref.substring(0, dot)) : null;
  }

  /** Makes the row into what it fills; false, with its problems reported, when it is bad. */
  private boolean add(Child c, Row r, String key, boolean keep) {
    List<Problem> problems = new ArrayList<>();
    r.problems = problems;
    Runnable store;
    switch (c.fills()) {
      case "contacts" -> {
        String id = r.field("id");
        List<String> roles = r.fields("roles");
        Boolean primary = r.bool("primary");
        Power power = r.choice("power", Power.class);
        ResponseMode mode = r.choice("response_mode", ResponseMode.class);
        Instant last = r.instant("last_engaged_at");
        String name = r.field("name");
        String title = r.field("title");
        if (id == null) {
          r.missing("id");
        }
        List<BuyingRole> parsed = new ArrayList<>();
        for (String role : roles) {
          BuyingRole br = r.parse("roles", role, BuyingRole.class);
          if (br != null) {
            parsed.add(br);
          }
        }
        store =
            () -> {
              ContactRow row =
                  byDeal
                      .computeIfAbsent(key, k -> new Bucket())
                      .contacts
                      .computeIfAbsent(mapping.key(id), ContactRow::new);
              row.name = name != null ? name : row.name;
              row.title = title != null ? title : row.title;
              row.roles.addAll(parsed);
              row.primary |= Boolean.TRUE.equals(primary);
              row.power = power != null ? power : row.power;
              row.mode = mode != null ? mode : row.mode;
              row.lastEngaged = last != null ? last : row.lastEngaged;
            };
      }
      case "activities" -> {
        String id = r.field("id");
        ActivityType type = r.choice("type", ActivityType.class);
        Instant at = r.instant("occurred_at");
        Direction direction = r.choice("direction", Direction.class);
        Outcome outcome = r.choice("outcome", Outcome.class);
        List<String> contacts = r.fields("contact").stream().map(mapping::key).toList();
        Integer minutes = r.minutes("duration_minutes", 1);
        Integer fromSeconds = r.minutes("duration_seconds", 60);
        Integer fromMillis = r.minutes("duration_millis", 60_000);
        String subject = r.longText("subject", Activity.MAX_SUBJECT_LENGTH);
        String body = r.longText("body", Activity.MAX_BODY_LENGTH);
        if (id == null) {
          r.missing("id");
        }
        if (type == null && problems.isEmpty()) {
          r.missing("type");
        }
        if (at == null && problems.isEmpty()) {
          r.missing("occurred_at");
        }
        int contactColumn = r.fieldColumn("contact");
        store =
            () ->
                byDeal
                    .computeIfAbsent(key, k -> new Bucket())
                    .activities
                    .add(
                        new ActivityRow(
                            Activity.builder(id, type, at)
                                .direction(direction)
                                .outcome(outcome)
                                .durationMinutes(
                                    minutes != null
                                        ? minutes
                                        : fromSeconds != null ? fromSeconds : fromMillis)
                                .subject(subject)
                                .body(body)
                                .build(),
                            contacts,
                            r.file,
                            r.line.line(),
                            contactColumn));
      }
      case "next_steps" -> {
        String title = r.field("title");
        LocalDate due = r.day("due");
        String owner = r.field("owner");
        String status = r.word("status");
        Boolean commitment = r.bool("buyer_commitment");
        if (title == null) {
          r.missing("title");
        }
        store =
            () -> {
              Bucket b = byDeal.computeIfAbsent(key, k -> new Bucket());
              b.hasNextSteps = true;
              b.nextSteps.add(
                  new NextStep(
                      title,
                      due,
                      owner,
                      "done".equals(status) ? NextStepStatus.DONE : NextStepStatus.OPEN,
                      Boolean.TRUE.equals(commitment)));
            };
      }
      case "stage_history" -> {
        String stage = r.stage();
        Instant at = r.instant("entered_at");
        if (at == null && problems.isEmpty()) {
          r.missing("entered_at");
        }
        store =
            () -> {
              Bucket b = byDeal.computeIfAbsent(key, k -> new Bucket());
              b.hasStages = true;
              b.stages.add(new StageChange(stage, at));
            };
      }
      case "close_date_changes" -> {
        LocalDate from = r.day("from");
        LocalDate to = r.day("to");
        Instant at = r.instant("changed_at");
        if (to == null && problems.isEmpty()) {
          r.missing("to");
        }
        if (at == null && problems.isEmpty()) {
          r.missing("changed_at");
        }
        store =
            () ->
                byDeal
                    .computeIfAbsent(key, k -> new Bucket())
                    .closeChanges
                    .add(new CloseDateChange(from, to, at));
      }
      default -> throw new IllegalStateException("no reading for child table of " + c.fills());
    }
    if (!problems.isEmpty()) {
      if (!r.quiet) {
        problems.forEach(notes);
      }
      return false;
    }
    if (keep) {
      store.run();
    }
    return true;
  }

  /** One row of a child table being read, with its joins. */
  private final class Row {
    final Child child;
    final Map<String, Integer> header;
    final Map<String, Map<String, Map<String, String>>> joined;
    final String file;
    Tables.Line line;
    List<Problem> problems;

    /** A row replayed from what was kept of it: its notes were given when it was read. */
    boolean quiet;

    /** The row being replayed, whose joined columns were kept as read. */
    ChildSpill.Kept kept;

    Row(
        Child child,
        Map<String, Integer> header,
        Map<String, Map<String, Map<String, String>>> joined,
        String file) {
      this.child = child;
      this.header = header;
      this.joined = joined;
      this.file = file;
    }

    void set(Tables.Line line) {
      this.line = line;
    }

    boolean matches(When w) {
      String v = text(w.column());
      if (w.present()) {
        return v != null;
      }
      return w.values().contains(v == null ? "" : v.toLowerCase(Locale.ROOT));
    }

    /** The text of a column or {@code join.column}; null when empty. */
    String text(String ref) {
      Join j = join(child, ref);
      String t;
      if (j != null && quiet) {
        // the plan keeps every joined column that the mapping reads
        return kept.joins()[plans.get(kept.table()).joinRefs().indexOf(ref)];
      }
      if (j != null) {
        String key = text(j.on());
        if (key == null) {
          return null;
        }
        Map<String, String> side = joined.get(j.name()).get(joinKey(j, key));
        if (side == null) {
          if (!j.optional()) {
            problem(
                "join-unmatched",
                column(j.on()),
                "column '"
                    + j.on()
                    + "': '"
                    + key
                    + "' is not in "
                    + j.file()
                    + "; the row is kept without its "
                    + ref.substring(j.name().length() + 1),
                true);
          }
          return null;
        }
        t = side.get(ref.substring(j.name().length() + 1));
      } else {
        Integer i = header.get(ref);
        t = i == null || i >= line.values().size() ? null : line.values().get(i);
      }
      return t == null || t.isBlank() ? null : t.strip();
    }

    int column(String ref) {
      Join j = join(child, ref);
      Integer i = header.get(j == null ? ref : j.on());
      return i == null ? 0 : i + 1;
    }

    /** The 1-based position of the first column the field is read from; 0 when none. */
    int fieldColumn(String field) {
      for (Source src : child.fields().getOrDefault(field, List.of())) {
        if (src.column() != null) {
          int c = column(src.column());
          if (c > 0) {
            return c;
          }
        }
      }
      return 0;
    }

    /** The first value among the field's sources, as mapped; null when none. */
    String field(String field) {
      List<String> all = values(field, true);
      return all.isEmpty() ? null : all.get(0);
    }

    List<String> fields(String field) {
      return values(field, false);
    }

    private List<String> values(String field, boolean first) {
      List<Source> sources = child.fields().get(field);
      if (sources == null) {
        return List.of();
      }
      for (Source s : sources) {
        String t = s.constant() != null ? s.constant() : text(s.column());
        if (t == null) {
          continue;
        }
        List<String> parts = new ArrayList<>();
        if (s.split() != null) {
          for (String p : t.split(Pattern.quote(s.split()))) {
            if (!p.isBlank()) {
              parts.add(p.strip());
            }
          }
        } else {
          parts.add(t);
        }
        List<String> out = new ArrayList<>();
        for (String p : parts) {
          if (s.constant() != null) {
            out.add(p);
            continue;
          }
          if (!s.prefixes().isEmpty()) {
            for (Map.Entry<String, String> e : s.prefixes().entrySet()) {
              if (p.startsWith(e.getKey())) {
                out.add(e.getValue());
                break;
              }
            }
            continue;
          }
          if (!s.values().isEmpty()) {
            String to = s.values().get(p.toLowerCase(Locale.ROOT));
            if (to == null) {
              problem(
                  "invalid-value",
                  column(s.column()),
                  "column '"
                      + s.column()
                      + "': '"
                      + p
                      + "' is not one of the mapping's values for "
                      + field
                      + ": "
                      + String.join(", ", originalKeys(s))
                      + "; the row is left out",
                  false);
              continue;
            }
            out.add(to);
            continue;
          }
          out.add(p);
        }
        if (!out.isEmpty()) {
          return first ? List.of(out.get(0)) : out;
        }
      }
      return List.of();
    }

    private List<String> originalKeys(Source s) {
      return new ArrayList<>(s.values().keySet());
    }

    String word(String field) {
      String w = field(field);
      return w == null ? null : w.toLowerCase(Locale.ROOT);
    }

    <E extends Enum<E>> E choice(String field, Class<E> type) {
      String w = field(field);
      return w == null ? null : parse(field, w, type);
    }

    <E extends Enum<E>> E parse(String field, String w, Class<E> type) {
      E e = EnumIds.parse(type, w).orElse(null);
      if (e == null) {
        List<String> choices = CsvMapping.CHILD_CHOICES.get(field);
        problem(
            "invalid-value",
            column(firstColumn(field)),
            label(field)
                + "'"
                + w
                + "' is not a "
                + field.replace('_', ' ')
                + " word"
                + Documents.didYouMean(EnumIds.normalize(w), choices)
                + "; they are: "
                + String.join(", ", choices)
                + " (map the CRM's texts to them with 'values'); the row is left out",
            false);
      }
      return e;
    }

    Boolean bool(String field) {
      String w = field(field);
      if (w == null) {
        return null;
      }
      String t = w.toLowerCase(Locale.ROOT);
      if (t.equals("true") || t.equals("1")) {
        return true;
      }
      if (t.equals("false") || t.equals("0")) {
        return false;
      }
      problem(
          "invalid-value",
          column(firstColumn(field)),
          label(field) + "'" + w + "' is not true or false; the row is left out",
          false);
      return null;
    }

    /**
     * Text of at most {@code max} characters: a longer one is cut to that length, with a note on
     * the row, so that every cut text is counted among the problems.
     */
    String longText(String field, int max) {
      String t = field(field);
      if (t == null || t.length() <= max) {
        return t;
      }
      problem(
          "text-cut",
          column(firstColumn(field)),
          label(field)
              + "the "
              + field
              + " has "
              + t.length()
              + " characters, more than the "
              + max
              + " an activity keeps; it is cut to the first "
              + max
              + " and the row is kept",
          true);
      int end = Character.isHighSurrogate(t.charAt(max - 1)) ? max - 1 : max;
      return t.substring(0, end);
    }

    Integer minutes(String field, int per) {
      String w = field(field);
      if (w == null) {
        return null;
      }
      try {
        BigDecimal n = new BigDecimal(w.replace(",", ""));
        if (n.signum() < 0) {
          throw new NumberFormatException();
        }
        return n.divide(BigDecimal.valueOf(per), 0, RoundingMode.HALF_UP).intValueExact();
      } catch (NumberFormatException | ArithmeticException e) {
        problem(
            "invalid-value",
            column(firstColumn(field)),
            label(field) + "'" + w + "' is not a duration of zero or more; the row is left out",
            false);
        return null;
      }
    }

    String stage() {
      String w = field("stage");
      if (w == null) {
        missing("stage");
        return null;
      }
      if (mapping.stages().isEmpty()) {
        return w.toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
      }
      for (Map.Entry<String, String> e : mapping.stages().entrySet()) {
        if (e.getKey().equalsIgnoreCase(w)) {
          return e.getValue();
        }
      }
      problem(
          "invalid-value",
          column(firstColumn("stage")),
          label("stage")
              + "stage '"
              + w
              + "' is not one of the mapping's stages: "
              + String.join(", ", mapping.stages().keySet())
              + "; the row is left out",
          false);
      return null;
    }

    Instant instant(String field) {
      String w = field(field);
      if (w == null) {
        return null;
      }
      Instant i = parseInstant(w);
      if (i == null) {
        notADate(field, w);
      }
      return i;
    }

    LocalDate day(String field) {
      String w = field(field);
      if (w == null) {
        return null;
      }
      try {
        if (w.length() == 10) {
          return LocalDate.parse(w);
        }
      } catch (DateTimeParseException ignored) {
        // read as a date-time below
      }
      Instant i = parseInstant(w);
      if (i == null) {
        notADate(field, w);
        return null;
      }
      return LocalDate.ofInstant(i, ZoneOffset.UTC);
    }

    private void notADate(String field, String w) {
      problem(
          "invalid-value",
          column(firstColumn(field)),
          label(field)
              + "'"
              + w
              + "' is not a date"
              + (mapping.dateFormats().isEmpty()
                  ? " (YYYY-MM-DD)"
                  : " in the mapping's date formats")
              + "; the row is left out",
          false);
    }

    void missing(String field) {
      problem(
          "missing-value",
          column(firstColumn(field)),
          label(field) + "the " + field.replace('_', ' ') + " is empty; the row is left out",
          false);
    }

    private String firstColumn(String field) {
      List<Source> sources = child.fields().get(field);
      if (sources == null) {
        return "";
      }
      for (Source s : sources) {
        if (s.column() != null && text(s.column()) != null) {
          return s.column();
        }
      }
      return sources.get(0).column() == null ? "" : sources.get(0).column();
    }

    private String label(String field) {
      String c = firstColumn(field);
      return c.isEmpty() ? "" : "column '" + c + "': ";
    }

    private final Set<String> warned = new HashSet<>();

    void problem(String code, int column, String message, boolean note) {
      Problem p = new Problem(code, file, line.line(), Math.max(column, 1), message);
      if (quiet) {
        // a replayed row was checked when read: its notes were given then
        if (!note) {
          problems.add(p);
        }
        return;
      }
      if (note) {
        if (warned.add(message)) {
          notes.accept(p);
        }
      } else {
        problems.add(p);
      }
    }
  }

  /**
   * A date-time as the mapping reads it: ISO 8601 with an offset, a day (the start of it in UTC),
   * milliseconds since 1970 when the mapping allows them, then the mapping's date formats, local
   * times in its time zone.
   */
  Instant parseInstant(String text) {
    return parseInstant(mapping, text);
  }

  static Instant parseInstant(CsvMapping mapping, String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      // try the others
    }
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
    } catch (DateTimeParseException e) {
      // try the others
    }
    if (mapping.epochMillis() && DIGITS.matcher(text).matches() && text.length() <= 16) {
      return Instant.ofEpochMilli(Long.parseLong(text));
    }
    try {
      return LocalDateTime.parse(text).atZone(mapping.zone()).toInstant();
    } catch (DateTimeParseException e) {
      // try the mapping's formats
    }
    for (DateTimeFormatter f : mapping.dateFormats()) {
      try {
        TemporalAccessor t =
            f.parseBest(
                text,
                OffsetDateTime::from,
                ZonedDateTime::from,
                LocalDateTime::from,
                LocalDate::from);
        if (t instanceof OffsetDateTime o) {
          return o.toInstant();
        }
        if (t instanceof ZonedDateTime z) {
          return z.toInstant();
        }
        if (t instanceof LocalDateTime l) {
          return l.atZone(mapping.zone()).toInstant();
        }
        return ((LocalDate) t).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeException ignored) {
        // the next format
      }
    }
    return null;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
