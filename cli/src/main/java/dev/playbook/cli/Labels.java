package dev.playbook.cli;

import dev.playbook.result.Severity;
import java.util.Locale;
import java.util.Map;

/** The words of the text report, in English or Simplified Chinese by the evaluation's locale. */
final class Labels {

  private static final Map<String, String> ZH =
      Map.ofEntries(
          Map.entry("No gaps or actions.", "没有差距，也没有待办行动。"),
          Map.entry("Playbook", "销售剧本"),
          Map.entry("as of", "截至"),
          Map.entry("owner", "负责人"),
          Map.entry("Gaps", "差距"),
          Map.entry("Next best actions", "下一步最佳行动"),
          Map.entry("priority", "优先级"),
          Map.entry("due", "截止"),
          Map.entry("with", "对象"),
          Map.entry("why:", "原因："),
          Map.entry("say:", "话术："),
          Map.entry("Scorecards", "方法论评分"),
          Map.entry("Stage", "阶段"),
          Map.entry("ready", "可推进"),
          Map.entry("not ready", "尚不可推进"),
          Map.entry("unknown", "未知"),
          Map.entry("partial", "部分确认"),
          Map.entry("confirmed", "已确认"),
          Map.entry("CRITICAL", "严重"),
          Map.entry("HIGH", "高"),
          Map.entry("MEDIUM", "中"),
          Map.entry("LOW", "低"),
          Map.entry("INFO", "提示"));

  private final boolean chinese;

  private Labels(boolean chinese) {
    this.chinese = chinese;
  }

  static Labels of(Locale locale) {
    return new Labels(locale.getLanguage().equals("zh"));
  }

  String t(String english) {
    return chinese ? ZH.getOrDefault(english, english) : english;
  }

  /** The nouns {@link #count} counts, with their Chinese measure word and noun. */
  private static final Map<String, String> ZH_NOUNS =
      Map.of(
          "rule", "条规则",
          "deal", "个商机",
          "gap", "个差距",
          "action", "个行动");

  /** {@code 2 deals}, {@code 1 rule}; {@code 2 个商机} in Chinese. */
  String count(int n, String noun) {
    if (chinese && ZH_NOUNS.containsKey(noun)) {
      return n + " " + ZH_NOUNS.get(noun);
    }
    return TextReport.count(n, noun);
  }

  /** {@code high}, or {@code 高} in Chinese. */
  String severity(Severity s) {
    return chinese ? t(s.name()) : s.id();
  }

  /** {@code 1 could not be evaluated}. */
  String notEvaluated(int n) {
    return chinese ? n + " 个无法评估" : n + " could not be evaluated";
  }

  /** An opening parenthesis with the space before it: {@code " ("}, or {@code （} in Chinese. */
  String open() {
    return chinese ? "（" : " (";
  }

  String close() {
    return chinese ? "）" : ")";
  }

  String colon() {
    return chinese ? "：" : ": ";
  }

  String comma() {
    return chinese ? "，" : ", ";
  }

  String semicolon() {
    return chinese ? "；" : "; ";
  }
}
