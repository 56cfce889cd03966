package dev.playbook.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The direction of core's packages: entry points ({@code dev.playbook}) on top, then the
 * implementation ({@code internal}), then the types both speak in: results, descriptors and
 * problems, and the fact model, which depends on nothing else of ours.
 */
class CoreArchitectureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.playbook");

  @Test
  void packages_haveNoCycles() {
    slices().matching("dev.(**)").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void model_dependsOnNothingElseOfOurs() {
    noClasses()
        .that()
        .resideInAPackage("dev.playbook.model..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("dev.playbook.model..", "java..", "com.google.common..")
        .check(MAIN);
  }

  @Test
  void problems_dependOnNothingElseOfOurs() {
    noClasses()
        .that()
        .resideInAPackage("dev.playbook.problem..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("dev.playbook.problem..", "java..", "com.google.common..")
        .check(MAIN);
  }

  @Test
  void resultsAndDescriptors_dependOnlyOnModelAndProblems() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.playbook.result..", "dev.playbook.descriptor..", "dev.playbook.doc..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.playbook", "dev.playbook.internal..")
        .check(MAIN);
  }

  @Test
  void descriptors_speakOnlyInModelProblemAndResultTypes() {
    noClasses()
        .that()
        .resideInAPackage("dev.playbook.descriptor..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages(
            "dev.playbook.descriptor..",
            "dev.playbook.model..",
            "dev.playbook.problem..",
            "dev.playbook.result..",
            "java..",
            "com.google.common..")
        .check(MAIN);
  }

  @Test
  void backEnds_readTheTypedTreeNeverTheSyntaxTree() {
    noClasses()
        .that()
        .haveFullyQualifiedName("dev.playbook.internal.lang.Closures")
        .or()
        .resideInAPackage("dev.playbook.internal.lang.gen..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.playbook.internal.lang.Ast")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.playbook.internal.lang.Printer")
        .orShould()
        .callMethod("dev.playbook.internal.lang.Compiled", "ast")
        .check(MAIN);
  }

  @Test
  void internals_doNotUseTheEntryPoints() {
    noClasses()
        .that()
        .resideInAPackage("dev.playbook.internal..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.playbook")
        .because("the entry points use the implementation, never the other way round")
        .check(MAIN);
  }

  @Test
  void publicApi_namesNoGuavaJacksonOrDroolsType() {
    Boundaries.noForeignTypesInPublicApi().check(MAIN);
  }
}
