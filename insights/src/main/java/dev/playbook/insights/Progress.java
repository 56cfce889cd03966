package dev.playbook.insights;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress on stderr: a bar redrawn in place on a terminal, else a plain line every so many deals
 * or seconds. Thread-safe.
 */
final class Progress {

  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final long LINE_NANOS = 5_000_000_000L;

  private final PrintStream out;
  private final boolean bar;
  private final long expected;
  private final long every;
  private final long start = System.nanoTime();
  private long done;
  private long lastPrint = start;
  private long nextLineAt;
  private boolean printed;

  Progress(PrintStream out, boolean bar, long expected, long every) {
    this.out = out;
    this.bar = bar;
    this.expected = expected;
    this.every = Math.max(1, every);
    this.nextLineAt = this.every;
  }

  synchronized void advance(long n) {
    done += n;
    if (out == null) {
      return;
    }
    long now = System.nanoTime();
    if (bar) {
      if (now - lastPrint >= REDRAW_NANOS) {
        out.print("\r" + render(now));
        out.flush();
        lastPrint = now;
        printed = true;
      }
    } else if (done >= nextLineAt || now - lastPrint >= LINE_NANOS) {
      out.println(render(now));
      lastPrint = now;
      while (nextLineAt <= done) {
        nextLineAt += every;
      }
    }
  }

  synchronized void finish() {
    if (out == null) {
      return;
    }
    if (bar) {
      out.print("\r" + render(System.nanoTime()));
      out.println();
    } else if (printed || done > 0) {
      out.println(render(System.nanoTime()));
    }
    out.flush();
  }

  private String render(long now) {
    double seconds = Math.max(1e-9, (now - start) / 1e9);
    String rate = String.format(Locale.ROOT, "%,.0f deals/s", done / seconds);
    if (expected > 0) {
      double f = Math.min(1.0, (double) done / expected);
      int filled = (int) Math.round(f * WIDTH);
      String head = bar ? "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " : "";
      return String.format(
          Locale.ROOT, "%s%3.0f%% %,d/%,d deals, %s", head, f * 100, done, expected, rate);
    }
    return String.format(Locale.ROOT, "%,d deals, %s", done, rate);
  }
}
