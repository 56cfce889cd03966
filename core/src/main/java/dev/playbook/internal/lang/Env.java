package dev.playbook.internal.lang;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What conditions of one playbook can refer to: its stages, segments, parameters, custom fields and
 * methodology elements. Immutable once built, but for the memo slots its conditions allocate as
 * they compile.
 */
public final class Env {

  /** A parameter with its type and its values by segment and by stage. */
  public record Parameter(
      String name,
      Type type,
      Object defaultValue,
      Map<String, Object> bySegment,
      Map<String, Object> byStage) {}

  private final List<String> stages;
  private final Map<String, Integer> stageIndex = new HashMap<>();
  private final Set<String> segments;
  private final List<Parameter> parameters;
  private final Map<String, Integer> parameterIndex = new HashMap<>();
  private final Map<String, Type> customFields;
  private final Set<String> elements;
  private final Type.Scope dealScope;
  private final Map<String, Map<String, String>> stageTitles;

  /** Slots of per-deal memoized expressions by canonical text; filled while conditions compile. */
  private final Map<String, Integer> memoSlots = new HashMap<>();

  private volatile int memoCount;

  /** Slots of the evidence keys that conditions read; filled while conditions compile. */
  private final java.util.concurrent.ConcurrentHashMap<String, Integer> evidenceSlots =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final java.util.concurrent.atomic.AtomicInteger evidenceCount =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * A definition under {@code define:} as conditions see it: its compiled form, or, when it cannot
   * be used, the problem to report where it is used (its offset is not used).
   *
   * @param readsSegment whether its value depends on the deal's segment (so segment rules cannot
   *     use it)
   */
  public record Definition(
      String name, Compiled compiled, boolean readsSegment, Compiler.Issue problem) {}

  /** Finds definitions by name while a playbook loads; null for a name that is not defined. */
  public interface Definitions {
    Definition lookup(String name);

    Set<String> names();
  }

  private static final Definitions NO_DEFINITIONS =
      new Definitions() {
        @Override
        public Definition lookup(String name) {
          return null;
        }

        @Override
        public Set<String> names() {
          return Set.of();
        }
      };

  /** Set by the loader before the playbook's conditions compile; then only read. */
  private volatile Definitions definitions = NO_DEFINITIONS;

  /** The segments deals without one of their own get, with their conditions, first true wins. */
  private volatile List<String> derivedSegments = List.of();

  private volatile List<Compiled> segmentConditions = List.of();

  /** Stage titles in the locale asked for last. */
  private Titles titles;

  /** The pipeline this playbook's stages map onto (see {@link #withPhases}); null for none. */
  private final List<String> phases;

  /** For each stage of this playbook, the index of its phase in {@link #phases}. */
  private final int[] phaseOf;

  /** The playbook's environment when this is its phase view, else null. */
  private final Env base;

  /**
   * @param segments declared segments; empty means any segment name is accepted
   * @param elements known methodology elements such as {@code meddic.metrics}; empty means any
   */
  public Env(
      List<String> stages,
      Set<String> segments,
      List<Parameter> parameters,
      Map<String, Type> customFields,
      Set<String> elements) {
    this(stages, segments, parameters, customFields, elements, Map.of());
  }

  /**
   * @param stageTitles display names of stages by locale tag, used when messages are rendered in
   *     that locale (or its language); a stage without a title for the locale shows its name
   */
  public Env(
      List<String> stages,
      Set<String> segments,
      List<Parameter> parameters,
      Map<String, Type> customFields,
      Set<String> elements,
      Map<String, Map<String, String>> stageTitles) {
    this(stages, segments, parameters, customFields, elements, stageTitles, null, null);
  }

  /**
   * @param phases the stages of the pipeline the inherited conditions speak of, or null when they
   *     speak of this playbook's own stages
   * @param phaseOf for each stage, the phase it maps onto (a name in {@code phases})
   */
  public Env(
      List<String> stages,
      Set<String> segments,
      List<Parameter> parameters,
      Map<String, Type> customFields,
      Set<String> elements,
      Map<String, Map<String, String>> stageTitles,
      List<String> phases,
      Map<String, String> phaseOf) {
    this.base = null;
    this.phases = phases == null ? null : List.copyOf(phases);
    this.phaseOf = new int[stages.size()];
    for (int i = 0; i < stages.size(); i++) {
      String phase = phaseOf == null ? null : phaseOf.get(stages.get(i));
      this.phaseOf[i] = phase == null || phases == null ? i : phases.indexOf(phase);
    }
    this.stageTitles = Map.copyOf(stageTitles);
    this.stages = List.copyOf(stages);
    for (int i = 0; i < stages.size(); i++) {
      stageIndex.put(stages.get(i), i);
    }
    this.segments = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(segments));
    this.parameters = List.copyOf(parameters);
    for (int i = 0; i < parameters.size(); i++) {
      parameterIndex.put(parameters.get(i).name(), i);
    }
    this.customFields = Map.copyOf(customFields);
    this.elements = Set.copyOf(elements);
    this.dealScope = Schema.dealScope(this.customFields);
  }

  /** The phase view of {@code base}: stage names are its phases, stage values its phase indexes. */
  private Env(Env base) {
    this.base = base;
    this.phases = base.phases;
    this.phaseOf = base.phaseOf;
    this.stageTitles = Map.of();
    this.stages = base.phases;
    for (int i = 0; i < stages.size(); i++) {
      // a phase named in a condition is a value past the playbook's own stages
      stageIndex.put(stages.get(i), base.stages.size() + i);
    }
    this.segments = base.segments;
    this.parameters = base.parameters;
    this.parameterIndex.putAll(base.parameterIndex);
    this.customFields = base.customFields;
    this.elements = base.elements;
    this.dealScope = base.dealScope;
  }

  /**
   * The environment in which conditions inherited from the playbooks this one maps its stages onto
   * are compiled: their stage names are the parents' stages (the phases), and a deal's stage reads
   * as its phase. This environment itself when the playbook maps no stages.
   */
  public Env phaseView() {
    return phases == null || base != null ? this : new Env(this);
  }

  /** The stages of the pipeline this playbook maps its own onto, or null when it maps none. */
  public List<String> phases() {
    return phases;
  }

  /** Whether stage values read in this environment are phases (see {@link #phaseView}). */
  public boolean isPhaseView() {
    return base != null;
  }

  /** The phase index of the stage at {@code stageIndex}; the index itself when nothing maps. */
  public int phaseOf(int stageIndex) {
    if (stageIndex >= phaseOf.length) {
      int phase = stageIndex - phaseOf.length;
      return phases != null && phase < phases.size() ? phase : -1;
    }
    return stageIndex < 0 ? -1 : phaseOf[stageIndex];
  }

  /**
   * The name of a stage value: a stage of this playbook, or past them (in a condition inherited
   * through a stage map) the phase a condition names.
   */
  public String stageName(int value) {
    Env own = base == null ? this : base;
    if (value >= 0 && value < own.stages.size()) {
      return own.stages.get(value);
    }
    int phase = value - own.stages.size();
    return own.phases != null && phase >= 0 && phase < own.phases.size()
        ? own.phases.get(phase)
        : String.valueOf(value);
  }

  /**
   * The role of a stage value read in this environment: {@code won} for {@code closed_won} or a
   * stage mapped onto it, {@code lost} for {@code closed_lost} or a stage mapped onto it, else
   * {@code open}.
   */
  public String role(int value) {
    String name;
    if (phases == null) {
      name = value < 0 || value >= stages.size() ? null : stages.get(value);
    } else {
      int phase = phaseOf(value);
      name = phase < 0 ? null : phases.get(phase);
    }
    if ("closed_won".equals(name)) {
      return "won";
    }
    return "closed_lost".equals(name) ? "lost" : "open";
  }

  /** The stage's title in {@code locale} (exact tag, then language), or its name. */
  public String stageTitle(String stage, java.util.Locale locale) {
    Integer index = stageIndex.get(stage);
    return index == null ? title(stage, locale) : stageTitle(index, locale);
  }

  /**
   * The title of the stage at {@code index} in {@code locale}; titles are looked up once per
   * locale.
   */
  public String stageTitle(int index, java.util.Locale locale) {
    if (base != null || index >= stages.size()) {
      return stageName(index);
    }
    Titles t = titles;
    if (t == null || !t.locale.equals(locale)) {
      String[] byIndex = new String[stages.size()];
      for (int i = 0; i < byIndex.length; i++) {
        byIndex[i] = title(stages.get(i), locale);
      }
      t = new Titles(locale, byIndex);
      titles = t; // a plain field: Titles is immutable, so a racing thread sees all of it or none
    }
    return t.byIndex[index];
  }

  private record Titles(java.util.Locale locale, String[] byIndex) {}

  private String title(String stage, java.util.Locale locale) {
    Map<String, String> titles = stageTitles.get(stage);
    if (titles == null) {
      return stage;
    }
    String tag = Locales.match(titles.keySet(), locale);
    return tag == null ? stage : titles.get(tag);
  }

  public List<String> stages() {
    return stages;
  }

  /** Display names of stages by locale tag, as the playbook gives them. */
  public Map<String, Map<String, String>> stageTitles() {
    return stageTitles;
  }

  public int stageIndex(String stage) {
    Integer i = stageIndex.get(stage);
    return i == null ? -1 : i;
  }

  public Set<String> segments() {
    return segments;
  }

  public List<Parameter> parameters() {
    return parameters;
  }

  public int parameterCount() {
    return parameters.size();
  }

  public Integer parameterIndex(String name) {
    return parameterIndex.get(name);
  }

  public Map<String, Type> customFields() {
    return customFields;
  }

  public Set<String> elements() {
    return elements;
  }

  public Type.Scope dealScope() {
    return dealScope;
  }

  /**
   * The per-deal memo slot of an expression identified by {@code key} (its canonical text and
   * type).
   */
  synchronized int memoSlot(String key) {
    if (base != null) {
      return base.memoSlot("phase " + key);
    }
    Integer slot = memoSlots.get(key);
    if (slot == null) {
      slot = memoSlots.size();
      memoSlots.put(key, slot);
      memoCount = memoSlots.size();
    }
    return slot;
  }

  /**
   * The slot of evidence key {@code key} (such as {@code meddic.metrics}) in a deal's {@link
   * Facts}.
   */
  int evidenceSlot(String key) {
    if (base != null) {
      return base.evidenceSlot(key);
    }
    return evidenceSlots.computeIfAbsent(key, k -> evidenceCount.getAndIncrement());
  }

  /** The slot of an evidence key that conditions read, or -1. */
  int evidenceSlotOf(String key) {
    if (base != null) {
      return base.evidenceSlotOf(key);
    }
    Integer slot = evidenceSlots.get(key);
    return slot == null ? -1 : slot;
  }

  int evidenceCount() {
    if (base != null) {
      return base.evidenceCount();
    }
    return evidenceCount.get();
  }

  /** How many memo slots conditions compiled against this environment use. */
  int memoCount() {
    if (base != null) {
      return base.memoCount();
    }
    return memoCount;
  }

  /** Makes {@code d} the playbook's definitions; called by the loader before conditions compile. */
  public void definitions(Definitions d) {
    this.definitions = d;
  }

  // a phase view shares the playbook's definitions (compiled in the playbook's own stage names)
  public Definition definition(String name) {
    return (base == null ? definitions : base.definitions).lookup(name);
  }

  Set<String> definitionNames() {
    return (base == null ? definitions : base.definitions).names();
  }

  /**
   * Segments for deals that have none of their own: the first segment whose condition is true;
   * called by the loader once the conditions compiled.
   */
  public void deriveSegments(List<String> segments, List<Compiled> conditions) {
    if (segments.size() != conditions.size()) {
      throw new IllegalArgumentException("one condition per derived segment");
    }
    this.segmentConditions = List.copyOf(conditions);
    this.derivedSegments = List.copyOf(segments);
  }

  /** The playbook's currency table; null when it has none (amounts are then read as given). */
  private volatile Money money;

  /** Makes {@code m} the playbook's currency table; called by the loader before conditions run. */
  public void money(Money m) {
    this.money = m;
  }

  /** The playbook's currency table, or null when it declares none. */
  public Money money() {
    return base != null ? base.money() : money;
  }

  /** The most steps the segment conditions may take for one deal. */
  static final long SEGMENT_STEPS = 1_000_000;

  /** The conditions of the derived segments, in the order of their segments. */
  public List<Compiled> segmentConditions() {
    return base != null ? base.segmentConditions() : segmentConditions;
  }

  /**
   * The conditions of the derived segments, in order, replaced by what {@code prepare} makes of
   * them (their runnable form on a back end); called by the loader before conditions run.
   */
  public void prepareSegmentConditions(
      java.util.function.BiFunction<List<Compiled>, List<Env>, List<Compiled>> prepare) {
    List<Compiled> conditions = segmentConditions;
    if (!conditions.isEmpty()) {
      deriveSegments(
          derivedSegments,
          prepare.apply(conditions, java.util.Collections.nCopies(conditions.size(), this)));
    }
  }

  /** The segment derived for a deal without one; null when no condition is true. */
  String deriveSegment(Facts facts) {
    if (base != null) {
      return base.deriveSegment(facts);
    }
    List<Compiled> conditions = segmentConditions;
    for (int i = 0; i < conditions.size(); i++) {
      if (conditions.get(i).test(new Frame(facts).withBudget(SEGMENT_STEPS))) {
        return derivedSegments.get(i);
      }
    }
    return null;
  }

  /** The parameter's value for a deal: by stage, else by segment, else the default. */
  Object resolveParameter(int index, String segment, String stage) {
    Parameter p = parameters.get(index);
    if (stage != null && p.byStage().containsKey(stage)) {
      return p.byStage().get(stage);
    }
    if (segment != null && p.bySegment().containsKey(segment)) {
      return p.bySegment().get(segment);
    }
    return p.defaultValue();
  }
}
