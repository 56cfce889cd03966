package dev.playbook.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.playbook.architecture.Boundaries;
import org.junit.jupiter.api.Test;

/**
 * The boundaries of core's {@link Boundaries} over this module's own classes, main and test: the
 * server uses core only through its public API, and names no Guava, Jackson, Drools or KIE type in
 * a public signature (Jetty stays inside too: only {@link PlaybookServer} is public).
 */
class ArchitectureTest {

  private static final JavaClasses CLASSES = Boundaries.classes("dev.playbook.server");

  @Test
  void classes_holdTheMainAndTestClassesOfThisModule() {
    assertThat(CLASSES.contain(PlaybookServer.class)).isTrue();
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
