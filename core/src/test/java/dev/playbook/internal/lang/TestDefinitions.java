package dev.playbook.internal.lang;

import java.util.Map;
import java.util.Set;

/** The definitions of a test playbook, found by name in a map that may still grow. */
public final class TestDefinitions {

  private TestDefinitions() {}

  /** {@code defined} as a playbook's definitions; a name the map lacks is not defined. */
  public static Env.Definitions of(Map<String, Compiler.Defined> defined) {
    return new Env.Definitions() {
      @Override
      public Env.Definition lookup(String name) {
        Compiler.Defined d = defined.get(name);
        return d == null
            ? null
            : new Env.Definition(name, d.result().compiled(), d.readsSegment(), null);
      }

      @Override
      public Set<String> names() {
        return defined.keySet();
      }
    };
  }
}
