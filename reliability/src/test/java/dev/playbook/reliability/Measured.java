package dev.playbook.reliability;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a task on a thread of its own and measures its wall time, its CPU time and the bytes it
 * allocated ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}). A task that does not
 * end within the timeout is reported as a hang and left behind on its daemon thread.
 */
final class Measured {

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  static {
    if (THREADS.isThreadAllocatedMemorySupported() && !THREADS.isThreadAllocatedMemoryEnabled()) {
      THREADS.setThreadAllocatedMemoryEnabled(true);
    }
  }

  /** What a task did: returned a value, threw, or hung; and what it cost. */
  record Outcome<T>(
      T value, Throwable thrown, boolean hung, long nanos, long cpuNanos, long allocatedBytes) {
    double millis() {
      return nanos / 1e6;
    }

    double megabytes() {
      return allocatedBytes / (1024.0 * 1024.0);
    }
  }

  private Measured() {}

  static <T> Outcome<T> run(Duration timeout, Callable<T> task) {
    long[] cost = new long[3];
    FutureTask<T> future =
        new FutureTask<>(
            () -> {
              long bytes = THREADS.getCurrentThreadAllocatedBytes();
              long cpu = THREADS.getCurrentThreadCpuTime();
              long start = System.nanoTime();
              try {
                return task.call();
              } finally {
                cost[0] = System.nanoTime() - start;
                cost[1] = THREADS.getCurrentThreadCpuTime() - cpu;
                cost[2] = THREADS.getCurrentThreadAllocatedBytes() - bytes;
              }
            });
    Thread worker = new Thread(future, "measured-task");
    worker.setDaemon(true);
    worker.start();
    try {
      T value = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      worker.join();
      return new Outcome<>(value, null, false, cost[0], cost[1], cost[2]);
    } catch (TimeoutException e) {
      return new Outcome<>(null, null, true, timeout.toNanos(), -1, -1);
    } catch (java.util.concurrent.ExecutionException e) {
      joinQuietly(worker);
      return new Outcome<>(null, e.getCause(), false, cost[0], cost[1], cost[2]);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void joinQuietly(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
