package dev.playbook.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules every module is held to, shared through core's test jar so that each module checks its
 * own classes (main and test) in its own {@code mvn test}:
 *
 * <ul>
 *   <li>{@link #noInternalOutsideCore()}: nothing outside core uses {@code dev.playbook.internal};
 *   <li>{@link #noForeignTypesInPublicApi()}: no Guava, Jackson, Drools or KIE type appears in a
 *       public signature (return, parameter, field, exception, supertype, type argument) of a
 *       public class outside an {@code internal} package.
 * </ul>
 */
public final class Boundaries {

  /** The packages whose types a public signature may not name. */
  public static final List<String> FOREIGN =
      List.of("com.google.common", "com.fasterxml.jackson", "org.drools", "org.kie");

  private Boundaries() {}

  /** The classes of {@code packageName} and below, as the test class path holds them. */
  public static JavaClasses classes(String packageName) {
    return new ClassFileImporter().importPackages(packageName);
  }

  public static ArchRule noInternalOutsideCore() {
    return noClasses()
        .that()
        .resideOutsideOfPackage("dev.playbook.internal..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.playbook.internal..")
        .because(
            "only core's own packages may use its internals; other modules use the public API");
  }

  public static ArchRule noForeignTypesInPublicApi() {
    return ArchRuleDefinition.classes()
        .that(PUBLIC_API)
        .should(nameNoForeignType())
        .allowEmptyShould(true);
  }

  private static final DescribedPredicate<JavaClass> PUBLIC_API =
      new DescribedPredicate<>("are public API classes") {
        @Override
        public boolean test(JavaClass c) {
          return c.getModifiers().contains(JavaModifier.PUBLIC)
              && !c.getPackageName().contains(".internal")
              && !c.isAnonymousClass()
              && !c.isLocalClass()
              && enclosingPublic(c);
        }
      };

  private static boolean enclosingPublic(JavaClass c) {
    return c.getEnclosingClass()
        .map(e -> e.getModifiers().contains(JavaModifier.PUBLIC) && enclosingPublic(e))
        .orElse(true);
  }

  private static ArchCondition<JavaClass> nameNoForeignType() {
    return new ArchCondition<>("name no Guava, Jackson, Drools or KIE type in a public signature") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        List<String> found = new ArrayList<>();
        c.getRawSuperclass().ifPresent(s -> foreign(s, c.getName() + " extends", found));
        c.getRawInterfaces().forEach(i -> foreign(i, c.getName() + " implements", found));
        for (JavaMember m : c.getMembers()) {
          Set<JavaModifier> mods = m.getModifiers();
          if (!mods.contains(JavaModifier.PUBLIC) && !mods.contains(JavaModifier.PROTECTED)) {
            continue;
          }
          if (m instanceof JavaField f) {
            involved(f.getType(), f.getFullName(), found);
          } else if (m instanceof JavaCodeUnit u) {
            involved(u.getReturnType(), u.getFullName() + " returns", found);
            u.getParameterTypes().forEach(p -> involved(p, u.getFullName() + " takes", found));
            u.getThrowsClause()
                .getTypes()
                .forEach(t -> foreign(t, u.getFullName() + " throws", found));
          }
        }
        for (String f : new TreeSet<>(found)) {
          events.add(SimpleConditionEvent.violated(c, f));
        }
      }
    };
  }

  private static void involved(JavaType type, String where, List<String> found) {
    type.getAllInvolvedRawTypes().forEach(t -> foreign(t, where, found));
  }

  private static void foreign(JavaClass type, String where, List<String> found) {
    for (String p : FOREIGN) {
      if (type.getName().startsWith(p + ".")) {
        found.add(where + " " + type.getName());
      }
    }
  }
}
