package dev.playbook.conversations;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.playbook.architecture.Boundaries;
import org.junit.jupiter.api.Test;

/** The module uses core's public API only and shows no Jackson, Guava or Lucene type in its own. */
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

  @Test
  void conversations_publicSignaturesNameNoLuceneOrMime4jType() {
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
        .that().arePublic().and().resideInAPackage("dev.playbook.conversations")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.lucene..", "org.apache.james..")
        .allowEmptyShould(true)
        .check(Boundaries.classes("dev.playbook.conversations"));
  }
}
