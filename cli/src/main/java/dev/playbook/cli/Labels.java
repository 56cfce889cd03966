package dev.playbook.cli;

import java.util.Locale;
import java.util.Map;

/** The words of the text report, in English or Simplified Chinese by the evaluation's locale. */
final class Labels {

  private static final Map<String, String> ZH =
      Map.ofEntries(
          Map.entry("No gaps or actions.", "没有差距，也没有待办行动。"),
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
}
