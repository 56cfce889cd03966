package dev.playbook.internal.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which quantifiers and aggregates are computed once per deal, and that equal ones share. */
class MemoTest {

  private static Env env() {
    return new Env(List.of("discovery", "proposal"), Set.of(), List.of(), Map.of(), Set.of());
  }

  private static Compiled compile(String src, Env env) {
    Compiler.Result r = Compiler.condition(src, env);
    assertThat(r.issues()).isEmpty();
    return r.compiled();
  }

  @Test
  void equalClosedAggregatesShareOneSlot() {
    Env env = env();
    compile("days_since(max(activities, occurred_at, type == meeting)) > 2", env);
    compile("any(activities, occurred_at > max(activities, occurred_at, type == meeting))", env);
    // max(...) in both, and the outer any(...) of the second
    assertThat(env.memoCount()).isEqualTo(2);
    compile("max(activities, occurred_at, type == meeting) is present", env);
    assertThat(env.memoCount()).isEqualTo(2);
    compile("max(activities, occurred_at, type == call) is present", env);
    assertThat(env.memoCount()).isEqualTo(3);
  }

  @Test
  void aggregatesReadingAnEnclosingItemAreNotShared() {
    Env env = env();
    // role is not an activity field: it is the enclosing contact's, so the inner any(...) differs
    // per contact
    compile("count(contacts, any(activities, role == champion)) > 0", env);
    assertThat(env.memoCount()).isEqualTo(1); // the outer count(...) only
    Env nested = env();
    compile("any(contacts, any(activities, any(next_steps, role == champion)))", nested);
    assertThat(nested.memoCount()).isEqualTo(1);
  }

  @Test
  void aListsSizeIsNotWorthASlot() {
    Env env = env();
    compile("count(activities) > 2 and count(contacts) > 1", env);
    assertThat(env.memoCount()).isZero();
  }
}
