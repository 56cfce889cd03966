package dev.playbook.internal.load;

import dev.playbook.internal.lang.Locales;
import dev.playbook.internal.lang.Span;
import dev.playbook.internal.lang.Type;
import dev.playbook.internal.tree.Node;
import dev.playbook.internal.tree.Pos;
import dev.playbook.result.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a playbook file says, with positions, before it is merged with its parents and compiled. */
final class Defs {

  private Defs() {}

  /**
   * Source text that will be parsed (a condition or a template): a YAML scalar, whose marks and
   * style let offsets into the text be mapped back to the file.
   */
  record Src(Node.Scalar scalar) {
    String text() {
      return scalar.text();
    }

    Pos pos() {
      return scalar.pos();
    }
  }

  /** A text given as one string or as a map of locale tags to strings. */
  record Text(Map<String, Src> variants, Pos pos) {
    /** Exact tag, then language, then English, then the first one given. */
    String pick(Locale locale) {
      return Locales.pick(variants.keySet(), locale);
    }

    String plain(Locale locale) {
      return variants.get(pick(locale)).text();
    }
  }

  record ParamDef(
      String name,
      Pos pos,
      Type type,
      Object defaultValue,
      Map<String, Object> bySegment,
      Map<String, Pos> bySegmentPos,
      Map<String, Object> byStage,
      Map<String, Pos> byStagePos,
      String file,
      Pos valuePos) {}

  record ElementDef(String id, Text title, Src confirmedWhen, Pos pos) {}

  record MethodologyDef(String id, Text title, List<ElementDef> elements, Pos pos) {}

  record CriterionDef(String id, Text title, Src when, Pos pos) {}

  record KeyNodeDef(
      String id, String stage, Pos stagePos, Text title, List<CriterionDef> criteria, Pos pos) {}

  record GapDef(Severity severity, Text message, Pos pos) {}

  record ActionDef(
      Text title,
      int priority,
      Span due,
      String talkTrack,
      Pos talkTrackPos,
      Src target,
      Text reason,
      Pos pos,
      boolean dueOnWeekends,
      dev.playbook.descriptor.LoopSettings loop,
      Src successWhen) {}

  record RuleDef(
      String id,
      Text title,
      Text description,
      String methodology,
      Pos methodologyPos,
      String element,
      Pos elementPos,
      Src when,
      GapDef gap,
      ActionDef action,
      boolean override,
      Pos pos) {}

  /** A named expression under {@code define:}. */
  record DefineDef(String name, Pos pos, Src src) {}

  /**
   * One entry of {@code derive_segment:}: deals without a segment get it when {@code when} holds.
   */
  record SegmentRuleDef(String segment, Pos pos, Src when) {}

  /** A reference to another playbook: a built-in name or a relative path. */
  record Ref(String name, Pos pos) {}

  /** One playbook's own definitions, gathered from its main file and its rule files. */
  record PlaybookDef(
      String id,
      Text title,
      Pos pos,
      List<Ref> parents,
      List<String> stages,
      Pos stagesPos,
      List<String> segments,
      Map<String, Type> customFields,
      Map<String, Pos> customFieldPos,
      Map<String, ParamDef> params,
      Map<String, MethodologyDef> methodologies,
      List<KeyNodeDef> keyNodes,
      Map<String, Text> talkTracks,
      List<Ref> disabled,
      List<RuleDef> rules,
      Map<String, Text> stageTitles,
      Map<String, Pos> stageTitlePos,
      Map<String, DefineDef> defines,
      List<SegmentRuleDef> segmentRules,
      Map<String, Ref> stageMap,
      Map<String, Pos> stageMapKeyPos,
      Pos stageMapPos,
      Currencies.CurrencyDef currency) {}
}
