package dev.playbook.internal.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The epoch arithmetic gives what java.time's UTC conversions give, before 1970 and after. */
class UtcTest {

  @Test
  void agreesWithJavaTimeOnRandomInstants() {
    Random random = new Random(7);
    for (int i = 0; i < 100_000; i++) {
      // from year -9999 to 9999, with nanoseconds
      long seconds = (long) ((random.nextDouble() * 2 - 1) * 377_705_116_800L);
      Instant at = Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000));
      assertThat(Utc.date(at)).isEqualTo(at.atZone(ZoneOffset.UTC).toLocalDate());
      assertThat(Utc.time(at)).isEqualTo(at.atZone(ZoneOffset.UTC).toLocalTime());
      LocalDate d = at.atZone(ZoneOffset.UTC).toLocalDate();
      assertThat(Utc.startOf(d)).isEqualTo(d.atStartOfDay(ZoneOffset.UTC).toInstant());
      LocalDate other = d.plusDays(random.nextInt(2000) - 1000);
      assertThat(Utc.atTimeOf(other, at))
          .isEqualTo(
              other.atTime(at.atZone(ZoneOffset.UTC).toLocalTime()).toInstant(ZoneOffset.UTC));
    }
  }

  @Test
  void boundariesOfADay() {
    assertThat(Utc.date(Instant.parse("1969-12-31T23:59:59.999999999Z")))
        .isEqualTo(LocalDate.parse("1969-12-31"));
    assertThat(Utc.date(Instant.parse("1970-01-01T00:00:00Z")))
        .isEqualTo(LocalDate.parse("1970-01-01"));
    assertThat(Utc.time(Instant.parse("1969-12-31T23:59:59.5Z")).toString())
        .isEqualTo("23:59:59.500");
    assertThat(Utc.startOf(LocalDate.parse("2026-11-20")))
        .isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
  }

  @Test
  void spansPrintAsWritten() {
    assertThat(Span.parse("14d")).hasToString("14d");
    assertThat(Span.parse("2bd")).hasToString("2bd");
    assertThat(Span.parse("1.5w")).hasToString("1.5w");
    assertThat(Span.parse("24.0h")).hasToString("24h");
    assertThat(Span.parse("0.25d")).hasToString("0.25d");
  }
}
