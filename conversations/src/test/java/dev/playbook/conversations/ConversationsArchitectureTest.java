package dev.playbook.conversations;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.playbook.architecture.Boundaries;
import org.junit.jupiter.api.Test;

/**
 * The module uses core's public API only and names no Guava or Jackson type in its public
 * signatures.
 */
class ConversationsArchitectureTest {

  static final JavaClasses CLASSES = Boundaries.classes("dev.playbook.conversations");

  @Test
  void conversations_useNoCoreInternals() {
    Boundaries.noInternalOutsideCore().check(CLASSES);
  }

  @Test
  void conversations_nameNoForeignTypeInPublicSignatures() {
    Boundaries.noForeignTypesInPublicApi().check(CLASSES);
  }
}
