package dev.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The tests run against the Jackson, Guava and SLF4J versions the build names, so that a run with
 * {@code -Pjackson-floor} (or {@code -Dguava.version=...}, {@code -Dslf4j.version=...}) really
 * tests the versions docs/embedding.md promises, and not whatever else came along. Surefire passes
 * the versions the build resolved as {@code playbook.test.*.version}.
 */
class DependencyVersionsTest {

  @Test
  void classpath_jackson_isTheVersionTheBuildNames() throws IOException {
    // given
    String expected = buildVersion("jackson");

    // when: every Jackson artifact whose version the build manages, as far as it is on the path
    List<String> core = versionsOf("com.fasterxml.jackson.core", "jackson-core");
    List<String> databind = versionsOf("com.fasterxml.jackson.core", "jackson-databind");
    List<String> yaml = versionsOf("com.fasterxml.jackson.dataformat", "jackson-dataformat-yaml");

    // then
    assertThat(core).as("jackson-core on the test class path").containsExactly(expected);
    assertThat(databind).as("jackson-databind on the test class path").isSubsetOf(expected);
    assertThat(yaml).as("jackson-dataformat-yaml on the test class path").isSubsetOf(expected);
  }

  @Test
  void classpath_guava_isTheVersionTheBuildNames() throws IOException {
    assertThat(versionsOf("com.google.guava", "guava"))
        .as("guava on the test class path")
        .containsExactly(buildVersion("guava"));
  }

  @Test
  void classpath_slf4j_isTheVersionTheBuildNames() throws IOException {
    assertThat(versionsOf("org.slf4j", "slf4j-api"))
        .as("slf4j-api on the test class path")
        .containsExactly(buildVersion("slf4j"));
  }

  private static String buildVersion(String library) {
    String key = "playbook.test." + library + ".version";
    String version = System.getProperty(key);
    assertThat(version)
        .as("system property %s (set by the surefire configuration)", key)
        .isNotBlank();
    return version;
  }

  /** The versions in every copy of the artifact's Maven descriptor on the class path. */
  private static List<String> versionsOf(String groupId, String artifactId) throws IOException {
    String descriptor = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
    List<String> versions = new ArrayList<>();
    for (URL url : Collections.list(getClassLoader().getResources(descriptor))) {
      Properties properties = new Properties();
      try (InputStream in = url.openStream()) {
        properties.load(in);
      }
      versions.add(properties.getProperty("version"));
    }
    return versions;
  }

  private static ClassLoader getClassLoader() {
    return DependencyVersionsTest.class.getClassLoader();
  }
}
