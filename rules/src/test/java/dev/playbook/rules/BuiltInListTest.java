package dev.playbook.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Playbook;
import dev.playbook.problem.ProblemException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code playbooks/builtin.list} and the playbook folders beside it in step: the engine finds
 * built-in playbooks only through the list, so a folder missing from it would never be offered, and
 * a name without a folder would fail at load time.
 */
class BuiltInListTest {

  static final Path RESOURCES = Path.of("src/main/resources/playbooks");
  static final Path LIST = RESOURCES.resolve("builtin.list");

  /** The names in the list: one per line; blank lines and lines starting with '#' are skipped. */
  static List<String> listedNames() throws IOException {
    List<String> names = new ArrayList<>();
    for (String line : Files.readAllLines(LIST, StandardCharsets.UTF_8)) {
      String name = line.trim();
      if (!name.isEmpty() && !name.startsWith("#")) {
        names.add(name);
      }
    }
    return names;
  }

  static List<String> playbookFolders() throws IOException {
    try (Stream<Path> entries = Files.list(RESOURCES)) {
      return entries
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList();
    }
  }

  @Test
  void builtInList_startsWithItsFormatComment() throws IOException {
    List<String> lines = Files.readAllLines(LIST, StandardCharsets.UTF_8);

    assertThat(lines)
        .first()
        .isEqualTo(
            "# one built-in playbook name per line; each is a folder playbooks/<name>/ with playbook.yaml");
  }

  @Test
  void builtInList_isWhatTheEngineSeesOnTheClasspath() throws IOException {
    List<String> listed = listedNames();

    List<String> seen = Playbook.builtInNames();

    assertThat(seen).containsExactlyElementsOf(listed);
  }

  @Test
  void builtInList_namesAreValidAndUnique() throws IOException {
    List<String> listed = listedNames();

    assertThat(listed).doesNotHaveDuplicates();
    assertThat(listed).allSatisfy(name -> assertThat(name).matches("[a-z0-9][a-z0-9_-]*"));
  }

  @Test
  void everyListedName_hasAPlaybookThatLoadsUnderThatName() throws IOException {
    List<String> listed = listedNames();

    SoftAssertions softly = new SoftAssertions();
    for (String name : listed) {
      String resource = "playbooks/" + name + "/playbook.yaml";
      softly
          .assertThat(getClass().getClassLoader().getResource(resource))
          .as("resource %s for built-in playbook '%s'", resource, name)
          .isNotNull();
      try {
        Playbook playbook = Playbook.builtIn(name);
        softly.assertThat(playbook.id()).as("the 'playbook' name in %s", resource).isEqualTo(name);
      } catch (ProblemException e) {
        softly.fail("built-in playbook '%s' does not load:%n%s", name, e.getMessage());
      }
    }
    softly.assertAll();
  }

  @Test
  void everyPlaybookFolder_isListed() throws IOException {
    List<String> folders = playbookFolders();

    List<String> listed = listedNames();

    assertThat(new TreeSet<>(listed))
        .as("names in %s compared with the folders beside it", LIST)
        .containsExactlyElementsOf(new TreeSet<>(folders));
  }
}
