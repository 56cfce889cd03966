package dev.playbook.internal.load;

import dev.playbook.internal.lang.Type;
import dev.playbook.internal.load.Defs.KeyNodeDef;
import dev.playbook.internal.load.Defs.ParamDef;
import dev.playbook.internal.load.Defs.PlaybookDef;
import dev.playbook.internal.load.Defs.Ref;
import dev.playbook.internal.load.Defs.RuleDef;
import dev.playbook.internal.load.Defs.Text;
import dev.playbook.internal.tree.DidYouMean;
import dev.playbook.internal.tree.Node;
import dev.playbook.internal.tree.Pos;
import dev.playbook.internal.tree.Problems;
import dev.playbook.internal.tree.TreeReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a playbook and the playbooks it extends, and merges them. Parents are merged in the order
 * listed, then the playbook's own definitions apply on top: its stages replace inherited ones, its
 * parameter values override per key, its methodologies, key nodes and talk tracks replace
 * same-named ones, and its rules add to the inherited ones (replacing one needs {@code override:
 * true}; removing one needs {@code disable}).
 */
final class Loader {

  static final String BUILT_IN_LIST = Origin.BUILT_IN_ROOT + "builtin.list";

  private final Problems problems;
  private final ClassLoader classLoader;

  /** Where files on disk are read from: the disk now, or a snapshot. */
  private FileSource source = PlaybookFiles.DISK;

  private final Map<String, String> contents = new HashMap<>();

  /**
   * Each file read, by its name in the revision: built-ins by resource name, the rest relative to
   * {@link #root}.
   */
  private final Map<String, String> byRevisionName = new HashMap<>();

  private Path root;
  private final Map<String, Merged> done = new HashMap<>();

  Loader(Problems problems, ClassLoader classLoader) {
    this.problems = problems;
    this.classLoader = classLoader;
  }

  /** File contents read so far, by display name, for mapping condition offsets to positions. */
  Map<String, String> contents() {
    return contents;
  }

  /**
   * File contents read so far, by their names in the playbook's revision (see {@link Revision}).
   */
  Map<String, String> byRevisionName() {
    return byRevisionName;
  }

  Merged load(Origin origin) {
    if (origin instanceof Origin.Disk d) {
      source = d.source();
    }
    Path base = origin.base();
    root = base == null ? null : base.toAbsolutePath().normalize();
    return load(origin, new ArrayList<>(), null);
  }

  private void read(Origin origin, Origin.Source source) {
    contents.put(source.name(), source.content());
    byRevisionName.put(origin.revisionName(source.name(), root), source.content());
  }

  private Merged load(Origin origin, List<String> stack, Ref via) {
    if (stack.contains(origin.key())) {
      List<String> cycle =
          new ArrayList<>(stack.subList(stack.indexOf(origin.key()), stack.size()));
      cycle.add(origin.key());
      problems.add(
          "cyclic-extends",
          via.pos(),
          "playbooks extend each other in a circle: "
              + String.join(
                  " -> ", cycle.stream().map(k -> k.substring(k.indexOf(':') + 1)).toList()));
      return null;
    }
    Merged cached = done.get(origin.key());
    if (cached != null) {
      return cached;
    }
    Origin.Source main = origin.main(problems);
    if (main == null) {
      return null;
    }
    read(origin, main);
    Node mainNode = TreeReader.readYaml(main.name(), main.content(), problems);
    List<Node> parts = new ArrayList<>();
    for (Origin.Source s : origin.parts(problems)) {
      read(origin, s);
      Node n = TreeReader.readYaml(s.name(), s.content(), problems);
      if (n != null && !Fields.isNull(n)) {
        parts.add(n);
      }
    }
    if (mainNode == null) {
      return null;
    }
    PlaybookDef def = new DefinitionReader(problems).read(mainNode, parts, origin.defaultId());
    if (def == null) {
      return null;
    }
    stack.add(origin.key());
    List<Merged> parents = new ArrayList<>();
    for (Ref ref : def.parents()) {
      Origin parent = resolve(origin, ref);
      if (parent != null) {
        Merged m = load(parent, stack, ref);
        if (m != null) {
          parents.add(m);
        }
      }
    }
    stack.remove(stack.size() - 1);
    Merged merged = merge(def, parents);
    done.put(origin.key(), merged);
    return merged;
  }

  private Origin resolve(Origin from, Ref ref) {
    String name = ref.name();
    boolean path = PlaybookFiles.isExtendsPath(name);
    if (!path && Origin.BuiltIn.exists(name, classLoader)) {
      return new Origin.BuiltIn(name, classLoader);
    }
    if (path) {
      if (from.base() == null) {
        problems.add(
            "unknown-playbook",
            ref.pos(),
            "a built-in playbook can only extend other built-in playbooks, not '" + name + "'");
        return null;
      }
      Path p;
      try {
        p = from.base().resolve(name).normalize();
      } catch (java.nio.file.InvalidPathException e) {
        problems.add("unknown-playbook", ref.pos(), "'" + name + "' is not a valid path");
        return null;
      }
      if (!source.exists(p)) {
        problems.add(
            "unknown-playbook",
            ref.pos(),
            "'" + name + "' names no playbook folder or file (looked for " + p + ")");
        return null;
      }
      return new Origin.Disk(p, source);
    }
    List<String> builtIns = builtIns(classLoader);
    problems.add(
        "unknown-playbook",
        ref.pos(),
        "there is no built-in playbook named '"
            + name
            + "'"
            + DidYouMean.hint(name, builtIns)
            + (builtIns.isEmpty()
                ? ""
                : "; the built-in playbooks are: " + String.join(", ", builtIns))
            + "; to extend a folder, write a path such as ./"
            + name);
    return null;
  }

  /** Names of the built-in playbooks on the classpath, from {@code playbooks/builtin.list}. */
  static List<String> builtIns(ClassLoader loader) {
    List<String> out = new ArrayList<>();
    try (InputStream in = loader.getResourceAsStream(BUILT_IN_LIST)) {
      if (in != null) {
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          String t = line.trim();
          if (!t.isEmpty() && !t.startsWith("#")) {
            out.add(t);
          }
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  private Merged merge(PlaybookDef def, List<Merged> parents) {
    Merged m = new Merged();
    m.id = def.id();
    m.title = def.title();
    Map<String, Pos> ruleOrigin = new HashMap<>();
    for (Merged p : parents) {
      if (p.stages != null) {
        if (m.stages == null) {
          m.stages = p.stages;
          m.stagesPos = p.stagesPos;
          m.stagesFrom = p.stagesFrom;
        } else if (!m.stages.equals(p.stages) && def.stages() == null) {
          problems.add(
              "conflicting-stages",
              def.pos(),
              "the playbooks it extends declare different stages ("
                  + m.stagesFrom
                  + ": "
                  + String.join(", ", m.stages)
                  + "; "
                  + p.stagesFrom
                  + ": "
                  + String.join(", ", p.stages)
                  + "); declare 'stages' here");
        }
      }
      if (p.phases != null) {
        m.phases = p.phases;
        m.phaseOf.putAll(p.phaseOf);
        m.phaseRules.addAll(p.phaseRules);
        m.phaseKeyNodes.addAll(p.phaseKeyNodes);
        m.phaseMethodologies.addAll(p.phaseMethodologies);
      }
      m.segments.addAll(p.segments);
      p.customFields.forEach((k, v) -> mergeCustom(m, k, v, def.pos()));
      p.params.forEach((k, v) -> m.params.put(k, overlay(m.params.get(k), v)));
      m.methodologies.putAll(p.methodologies);
      m.keyNodes.putAll(p.keyNodes);
      p.talkTracks.forEach((k, v) -> m.talkTracks.put(k, overlay(m.talkTracks.get(k), v)));
      p.stageTitles.forEach((k, v) -> m.stageTitles.put(k, overlay(m.stageTitles.get(k), v)));
      m.stageTitlePos.putAll(p.stageTitlePos);
      m.defines.putAll(p.defines);
      if (!p.segmentRules.isEmpty()) {
        m.segmentRules = p.segmentRules;
      }
      if (p.currency != null) {
        List<String> bases = Currencies.conflict(m.currency, p.currency);
        if (bases != null && (def.currency() == null || def.currency().base() == null)) {
          problems.add(
              "invalid-value",
              def.pos(),
              "the playbooks it extends have different base currencies ("
                  + String.join(", ", bases)
                  + "); declare 'currency' with its base here");
        }
        m.currency = Currencies.overlay(m.currency, p.currency);
      }
      for (RuleDef r : p.rules.values()) {
        RuleDef existing = m.rules.get(r.id());
        if (existing != null && !existing.pos().equals(r.pos())) {
          ruleOrigin.put(r.id(), existing.pos());
        }
        m.rules.put(r.id(), r);
      }
    }
    if (def.stageMapPos() != null) {
      StageMaps.apply(def, m, problems);
    }
    if (def.stages() != null) {
      m.stages = def.stages();
      m.stagesPos = def.stagesPos();
      m.stagesFrom = def.id();
    }
    if (m.stages == null || m.stages.isEmpty()) {
      problems.add(
          "missing-field",
          def.pos(),
          "a playbook needs 'stages' (its pipeline stages, in order), "
              + "or must extend a playbook that has them");
      m.stages = m.stages == null ? List.of() : m.stages;
    }
    m.segments.addAll(def.segments());
    def.customFields().forEach((k, v) -> mergeCustom(m, k, v, def.customFieldPos().get(k)));
    def.params().forEach((k, v) -> m.params.put(k, overlay(m.params.get(k), v)));
    m.methodologies.putAll(def.methodologies());
    m.phaseMethodologies.removeAll(def.methodologies().keySet());
    for (KeyNodeDef k : def.keyNodes()) {
      m.keyNodes.put(k.id(), k);
      m.phaseKeyNodes.remove(k.id());
    }
    def.talkTracks().forEach((k, v) -> m.talkTracks.put(k, overlay(m.talkTracks.get(k), v)));
    def.stageTitles().forEach((k, v) -> m.stageTitles.put(k, overlay(m.stageTitles.get(k), v)));
    m.stageTitlePos.putAll(def.stageTitlePos());
    // a playbook's own definitions replace inherited ones of the same name, also where the
    // inherited rules use them
    m.defines.putAll(def.defines());
    if (!def.segmentRules().isEmpty()) {
      m.segmentRules = def.segmentRules();
    }
    if (def.currency() != null) {
      m.currency = Currencies.overlay(m.currency, def.currency());
    }
    for (Ref d : def.disabled()) {
      if (m.rules.remove(d.name()) == null) {
        problems.add(
            "unknown-rule",
            d.pos(),
            "cannot disable '"
                + d.name()
                + "': no inherited rule has that id"
                + DidYouMean.hint(d.name(), m.rules.keySet()));
      }
      ruleOrigin.remove(d.name());
    }
    Map<String, RuleDef> own = new LinkedHashMap<>();
    for (RuleDef r : def.rules()) {
      RuleDef sameFile = own.get(r.id());
      if (sameFile != null) {
        problems.add(
            "duplicate-rule",
            r.pos(),
            "rule '" + r.id() + "' is defined twice (first at " + sameFile.pos() + ")");
        continue;
      }
      own.put(r.id(), r);
      RuleDef inherited = m.rules.get(r.id());
      if (inherited != null && !r.override()) {
        problems.add(
            "duplicate-rule",
            r.pos(),
            "rule '"
                + r.id()
                + "' is already defined at "
                + inherited.pos()
                + "; set 'override: true' to replace it, or give this rule another id");
      } else if (inherited == null && r.override()) {
        problems.add(
            "unknown-rule",
            r.pos(),
            "rule '"
                + r.id()
                + "' says 'override: true', but no inherited rule has that id"
                + DidYouMean.hint(r.id(), m.rules.keySet()));
      }
      ruleOrigin.remove(r.id());
      m.rules.put(r.id(), r);
      m.phaseRules.remove(r.id());
    }
    for (Map.Entry<String, Pos> e : ruleOrigin.entrySet()) {
      problems.add(
          "duplicate-rule",
          def.pos(),
          "rule '"
              + e.getKey()
              + "' comes from two playbooks this one extends ("
              + e.getValue()
              + " and "
              + m.rules.get(e.getKey()).pos()
              + "); disable it or override it here");
    }
    return m;
  }

  private void mergeCustom(Merged m, String name, Type type, Pos pos) {
    Type existing = m.customFields.get(name);
    if (existing != null && existing != type) {
      problems.add(
          "conflicting-type",
          pos,
          "custom field '"
              + name
              + "' is "
              + existing.describe()
              + " in a playbook this one extends, but "
              + type.describe()
              + " here");
      return;
    }
    m.customFields.put(name, type);
  }

  private static ParamDef overlay(ParamDef base, ParamDef top) {
    if (base == null || base.type() != top.type()) {
      return top;
    }
    Map<String, Object> seg = new LinkedHashMap<>(base.bySegment());
    seg.putAll(top.bySegment());
    Map<String, Pos> segPos = new HashMap<>(base.bySegmentPos());
    segPos.putAll(top.bySegmentPos());
    Map<String, Object> stage = new LinkedHashMap<>(base.byStage());
    stage.putAll(top.byStage());
    Map<String, Pos> stagePos = new HashMap<>(base.byStagePos());
    stagePos.putAll(top.byStagePos());
    return new ParamDef(
        top.name(),
        top.pos(),
        top.type(),
        top.defaultValue(),
        seg,
        segPos,
        stage,
        stagePos,
        top.file(),
        top.valuePos());
  }

  private static Text overlay(Text base, Text top) {
    if (base == null) {
      return top;
    }
    Map<String, Defs.Src> v = new LinkedHashMap<>(base.variants());
    v.putAll(top.variants());
    return new Text(v, top.pos());
  }
}
