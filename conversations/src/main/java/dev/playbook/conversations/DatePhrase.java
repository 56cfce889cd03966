package dev.playbook.conversations;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date or weekday named in a sentence, and the day it means, resolved against the conversation's
 * local date {@code d}. Weeks start on Monday.
 *
 * <ul>
 *   <li>{@code today} d; {@code tomorrow}, {@code 明天}, {@code 明日} d+1; {@code the day after
 *       tomorrow}, {@code 后天} d+2; {@code 大后天} d+3; {@code in N days}, {@code N天后} d+N; {@code in N
 *       weeks} d+7N.
 *   <li>{@code next Tuesday}, {@code 下周二}, {@code 下星期二}, {@code 下礼拜二}: the Tuesday of the week
 *       after d's. {@code Tuesday}, {@code on Tuesday}, {@code by Tuesday}, {@code this Tuesday},
 *       {@code 周二}, {@code 星期二}, {@code 这周二}, {@code 本周二}: the first Tuesday after d.
 *   <li>{@code next week}, {@code 下周}: the Monday of the next week; {@code end of the week}, {@code
 *       周末}: the Friday (Saturday for 周末) of d's week, or of the next week when that is past;
 *       {@code end of the month}, {@code 月底}: the month's last day.
 *   <li>{@code by the 15th}, {@code on the 15th}, {@code 15号}, {@code 15日}: the first 15th on or
 *       after d.
 *   <li>{@code November 24}, {@code 24 November}, {@code 11月24日}, {@code 11月24号}: that day in d's
 *       year, or the next year when it is before d; {@code 2026-11-24}: that day.
 * </ul>
 *
 * Chinese numbers may be written in digits or characters (一 to 三十一).
 */
record DatePhrase(String text, int start, int end, LocalDate due) {

  private record Rule(Pattern pattern, BiFunction<Matcher, LocalDate, LocalDate> resolve) {}

  private static final String WEEKDAY_EN =
      "(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)";
  private static final String MONTH_EN =
      "(january|february|march|april|may|june|july|august|september|october|november|december"
          + "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)";
  private static final String NUM_ZH = "([0-9]{1,2}|[一二两三四五六七八九十]{1,3})";
  private static final String WEEKDAY_ZH = "([一二三四五六日天])";

  private static final List<Rule> RULES =
      List.of(
          rule(
              "(?i)\\b(\\d{4})-(\\d{2})-(\\d{2})\\b",
              (m, d) ->
                  safe(
                      () ->
                          LocalDate.of(
                              Integer.parseInt(m.group(1)),
                              Integer.parseInt(m.group(2)),
                              Integer.parseInt(m.group(3))))),
          rule("(?i)\\b(?:the\\s+)?day\\s+after\\s+tomorrow\\b", (m, d) -> d.plusDays(2)),
          rule("(?i)\\btomorrow\\b", (m, d) -> d.plusDays(1)),
          rule("(?i)\\btoday\\b|\\btonight\\b", (m, d) -> d),
          rule(
              "(?i)\\bin\\s+(\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\\s+(days?|weeks?)\\b",
              (m, d) ->
                  d.plusDays(
                      (long) english(m.group(1))
                          * (m.group(2).toLowerCase(Locale.ROOT).startsWith("w") ? 7 : 1))),
          rule(
              "(?i)\\bnext\\s+week\\b",
              (m, d) -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(1)),
          rule(
              "(?i)\\bend\\s+of\\s+(?:the\\s+|this\\s+)?week\\b",
              (m, d) -> weekDay(d, DayOfWeek.FRIDAY)),
          rule(
              "(?i)\\bend\\s+of\\s+(?:the\\s+|this\\s+)?month\\b",
              (m, d) -> d.with(TemporalAdjusters.lastDayOfMonth())),
          rule("(?i)\\bnext\\s+" + WEEKDAY_EN + "\\b", (m, d) -> nextWeek(d, weekday(m.group(1)))),
          rule(
              "(?i)\\b(?:(?:on|by|this|until|before)\\s+)?" + WEEKDAY_EN + "\\b",
              (m, d) -> d.with(TemporalAdjusters.next(weekday(m.group(1))))),
          rule(
              "(?i)\\b(?:(?:on|by|before|until)\\s+)?the\\s+(\\d{1,2})(?:st|nd|rd|th)\\b",
              (m, d) -> dayOfMonth(d, Integer.parseInt(m.group(1)))),
          rule(
              "(?i)\\b(?:(?:on|by|before|until)\\s+)?"
                  + MONTH_EN
                  + "\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b",
              (m, d) -> monthDay(d, month(m.group(1)), Integer.parseInt(m.group(2)))),
          rule(
              "(?i)\\b(?:(?:on|by|before|until)\\s+)?(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?"
                  + MONTH_EN
                  + "\\b",
              (m, d) -> monthDay(d, month(m.group(2)), Integer.parseInt(m.group(1)))),
          rule("大后天", (m, d) -> d.plusDays(3)),
          rule("后天", (m, d) -> d.plusDays(2)),
          rule("明天|明日", (m, d) -> d.plusDays(1)),
          rule("今天|今日|今晚", (m, d) -> d),
          rule(NUM_ZH + "天(?:后|之后|以后)", (m, d) -> d.plusDays(chinese(m.group(1)))),
          rule(
              NUM_ZH + "月" + NUM_ZH + "[日号]",
              (m, d) -> monthDay(d, chinese(m.group(1)), chinese(m.group(2)))),
          rule("下(?:个)?(?:周|星期|礼拜)" + WEEKDAY_ZH, (m, d) -> nextWeek(d, weekdayZh(m.group(1)))),
          rule(
              "下(?:个)?(?:周|星期|礼拜)",
              (m, d) -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(1)),
          rule(
              "(?:这|本|这个)?(?:周|星期|礼拜)" + WEEKDAY_ZH,
              (m, d) -> d.with(TemporalAdjusters.next(weekdayZh(m.group(1))))),
          rule("周末", (m, d) -> weekDay(d, DayOfWeek.SATURDAY)),
          rule("月底", (m, d) -> d.with(TemporalAdjusters.lastDayOfMonth())),
          rule(NUM_ZH + "[号日]", (m, d) -> dayOfMonth(d, chinese(m.group(1)))));

  private static Rule rule(String regex, BiFunction<Matcher, LocalDate, LocalDate> resolve) {
    return new Rule(Pattern.compile(regex), resolve);
  }

  /**
   * The date phrases in {@code sentence}, left to right, none overlapping (at one place the longest
   * wins); {@code due} is null when {@code date} is null or the phrase names no real day.
   */
  static List<DatePhrase> find(String sentence, LocalDate date) {
    List<DatePhrase> all = new ArrayList<>();
    for (Rule r : RULES) {
      Matcher m = r.pattern().matcher(sentence);
      while (m.find()) {
        LocalDate due = date == null ? null : r.resolve().apply(m, date);
        all.add(new DatePhrase(m.group().strip(), m.start(), m.end(), due));
      }
    }
    all.sort(
        (a, b) ->
            a.start() != b.start()
                ? Integer.compare(a.start(), b.start())
                : Integer.compare(b.end() - b.start(), a.end() - a.start()));
    List<DatePhrase> out = new ArrayList<>();
    int covered = 0;
    for (DatePhrase p : all) {
      if (p.start() >= covered) {
        out.add(p);
        covered = p.end();
      }
    }
    return out;
  }

  private interface Maybe {
    LocalDate get();
  }

  private static LocalDate safe(Maybe m) {
    try {
      return m.get();
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  private static LocalDate nextWeek(LocalDate d, DayOfWeek day) {
    return d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
        .plusWeeks(1)
        .with(TemporalAdjusters.nextOrSame(day));
  }

  private static LocalDate weekDay(LocalDate d, DayOfWeek day) {
    LocalDate thisWeek =
        d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
            .with(TemporalAdjusters.nextOrSame(day));
    return thisWeek.isBefore(d) ? thisWeek.plusWeeks(1) : thisWeek;
  }

  private static LocalDate dayOfMonth(LocalDate d, int day) {
    if (day < 1 || day > 31) {
      return null;
    }
    for (int i = 0; i < 3; i++) {
      LocalDate month = d.withDayOfMonth(1).plusMonths(i);
      if (day <= month.lengthOfMonth() && !month.withDayOfMonth(day).isBefore(d)) {
        return month.withDayOfMonth(day);
      }
    }
    return null;
  }

  private static LocalDate monthDay(LocalDate d, int month, int day) {
    LocalDate thisYear = safe(() -> LocalDate.of(d.getYear(), month, day));
    if (thisYear == null) {
      return null;
    }
    return thisYear.isBefore(d) ? safe(() -> LocalDate.of(d.getYear() + 1, month, day)) : thisYear;
  }

  private static DayOfWeek weekday(String s) {
    String w = s.toLowerCase(Locale.ROOT).substring(0, 3);
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().toLowerCase(Locale.ROOT).startsWith(w)) {
        return day;
      }
    }
    throw new IllegalArgumentException(s);
  }

  private static DayOfWeek weekdayZh(String s) {
    int i = "一二三四五六日".indexOf(s.equals("天") ? "日" : s);
    return DayOfWeek.of(i + 1);
  }

  private static int month(String s) {
    String m = s.toLowerCase(Locale.ROOT).substring(0, 3);
    for (Month month : Month.values()) {
      if (month.name().toLowerCase(Locale.ROOT).startsWith(m)) {
        return month.getValue();
      }
    }
    throw new IllegalArgumentException(s);
  }

  private static int english(String s) {
    List<String> words =
        List.of(
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten");
    int i = words.indexOf(s.toLowerCase(Locale.ROOT));
    return i >= 0 ? i : Integer.parseInt(s);
  }

  /** 1 to 99 in digits or characters: 五, 十, 十五, 二十, 二十四, 两. */
  static int chinese(String s) {
    if (Character.isDigit(s.charAt(0))) {
      return Integer.parseInt(s);
    }
    String digits = "零一二三四五六七八九";
    int ten = s.indexOf('十');
    if (ten < 0) {
      return s.equals("两") ? 2 : digits.indexOf(s.charAt(0));
    }
    int tens = ten == 0 ? 1 : digits.indexOf(s.charAt(0));
    int ones = ten == s.length() - 1 ? 0 : digits.indexOf(s.charAt(ten + 1));
    return tens * 10 + Math.max(0, ones);
  }
}
