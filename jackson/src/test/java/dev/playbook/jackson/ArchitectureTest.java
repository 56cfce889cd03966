package dev.playbook.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.playbook.architecture.Boundaries;
import org.junit.jupiter.api.Test;

/**
 * The boundaries of core's {@link Boundaries} over this module's own classes: it uses core only
 * through its public API. Its public API is a Jackson module, so Jackson types in it are the point;
 * no Guava, Drools or KIE type appears in it, and it has no other public class.
 */
class ArchitectureTest {

  private static final JavaClasses CLASSES = Boundaries.classes("dev.playbook.jackson");

  @Test
  void classes_useNoCoreInternals() {
    assertThat(CLASSES.contain(PlaybookJacksonModule.class)).isTrue();
    Boundaries.noInternalOutsideCore().check(CLASSES);
  }

  @Test
  void publicApi_isTheModuleAlone() {
    assertThat(
            CLASSES.stream()
                .filter(
                    c ->
                        c.getModifiers()
                            .contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC))
                .filter(c -> !c.getSimpleName().endsWith("Test"))
                .map(c -> c.getName()))
        .containsExactly(PlaybookJacksonModule.class.getName());
  }
}
