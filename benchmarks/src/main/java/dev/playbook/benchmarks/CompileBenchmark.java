package dev.playbook.benchmarks;

import dev.playbook.Playbook;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Load and compile a playbook (YAML parse, checks, condition compiling, Drools rule base): {@code
 * cold} is the first load in a fresh JVM (run with single shots, one per fork); {@code warm} is a
 * load after many others. Generated playbooks start from their YAML text.
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class CompileBenchmark {

  @Param({"meddic", "standard-b2b", "generated-500", "generated-5000"})
  public String playbook;

  String yaml;

  @Setup(Level.Trial)
  public void setUp() {
    if (playbook.startsWith("generated-")) {
      yaml = GeneratedPlaybook.yaml(Integer.parseInt(playbook.substring("generated-".length())));
    }
  }

  private Playbook load() {
    return yaml != null ? Playbook.parse(playbook + ".yaml", yaml) : Playbook.builtIn(playbook);
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  public Playbook cold() {
    return load();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  public Playbook warm() {
    return load();
  }
}
