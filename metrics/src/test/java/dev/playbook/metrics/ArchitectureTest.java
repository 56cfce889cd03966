package dev.playbook.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.playbook.architecture.Boundaries;
import org.junit.jupiter.api.Test;

/**
 * The boundaries of core's {@link Boundaries} over this module's own classes, main and test: the
 * meters use core only through its public API, and name no Guava, Jackson, Drools or KIE type in a
 * public signature.
 */
class ArchitectureTest {

  private static final JavaClasses CLASSES = Boundaries.classes("dev.playbook.metrics");

  @Test
  void classes_holdTheMainAndTestClassesOfThisModule() {
    assertThat(CLASSES.contain(PlaybookMetrics.class)).isTrue();
    assertThat(CLASSES.contain(ArchitectureTest.class)).isTrue();
  }

  @Test
  void classes_useNoCoreInternals() {
    Boundaries.noInternalOutsideCore().check(CLASSES);
  }

  @Test
  void publicApi_namesNoGuavaJacksonOrDroolsType() {
    Boundaries.noForeignTypesInPublicApi().check(CLASSES);
  }
}
