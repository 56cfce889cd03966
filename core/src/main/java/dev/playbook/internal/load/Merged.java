package dev.playbook.internal.load;

import dev.playbook.internal.lang.Type;
import dev.playbook.internal.load.Defs.KeyNodeDef;
import dev.playbook.internal.load.Defs.MethodologyDef;
import dev.playbook.internal.load.Defs.ParamDef;
import dev.playbook.internal.load.Defs.RuleDef;
import dev.playbook.internal.load.Defs.Text;
import dev.playbook.internal.tree.Pos;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A playbook with everything it inherits, before compilation. Built once, then only read. */
final class Merged {
  String id;
  Text title;
  List<String> stages;
  Pos stagesPos;
  String stagesFrom;
  final Set<String> segments = new LinkedHashSet<>();
  final Map<String, Type> customFields = new LinkedHashMap<>();
  final Map<String, ParamDef> params = new LinkedHashMap<>();
  final Map<String, MethodologyDef> methodologies = new LinkedHashMap<>();
  final Map<String, KeyNodeDef> keyNodes = new LinkedHashMap<>();
  final Map<String, Text> talkTracks = new LinkedHashMap<>();
  final Map<String, RuleDef> rules = new LinkedHashMap<>();
  final Map<String, Text> stageTitles = new LinkedHashMap<>();
  final Map<String, Pos> stageTitlePos = new LinkedHashMap<>();
  final Map<String, Defs.DefineDef> defines = new LinkedHashMap<>();
  List<Defs.SegmentRuleDef> segmentRules = List.of();

  /** The currency table, the playbook's own on top of the inherited one; null for none. */
  Currencies.CurrencyDef currency;

  /**
   * The stages of the playbooks this one extends, when it maps its own stages onto them with {@code
   * stage_map}; null otherwise.
   */
  List<String> phases;

  /** Each stage's phase (a name in {@link #phases}); empty when {@link #phases} is null. */
  final Map<String, String> phaseOf = new LinkedHashMap<>();

  /** Ids of the rules, key nodes and methodologies whose conditions speak of phases. */
  final Set<String> phaseRules = new LinkedHashSet<>();

  final Set<String> phaseKeyNodes = new LinkedHashSet<>();
  final Set<String> phaseMethodologies = new LinkedHashSet<>();
}
