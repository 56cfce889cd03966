package dev.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaCommandTest {

  @TempDir Path dir;

  /** A command whose classpath resources are the files under {@code dir/classpath}. */
  CliRunner cliWithResources() throws IOException {
    Path classpath = Files.createDirectories(dir.resolve("classpath"));
    ClassLoader resources = new URLClassLoader(new URL[] {classpath.toUri().toURL()}, null);
    return new CliRunner(new Environment(dir, List::of, resources));
  }

  @Test
  void schema_writesEverySchemaFoundAndPrintsEachPath() throws IOException {
    CliRunner cli = cliWithResources();
    TestFiles.write(
        dir, "classpath/dev/playbook/schema/playbook.schema.json", "{\"title\": \"playbook\"}\n");
    TestFiles.write(
        dir, "classpath/dev/playbook/schema/deal.schema.json", "{\"title\": \"deal\"}\n");
    Path out = dir.resolve("out/schema");

    CliRunner.Run run = cli.run("schema", "--out", out.toString());

    assertThat(run.out())
        .isEqualTo(
            out.resolve("playbook.schema.json") + "\n" + out.resolve("deal.schema.json") + "\n");
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    assertThat(out.resolve("playbook.schema.json")).hasContent("{\"title\": \"playbook\"}\n");
    assertThat(out.resolve("deal.schema.json")).hasContent("{\"title\": \"deal\"}\n");
  }

  @Test
  void schema_noSchemaResources_failsNamingWhatIsMissing() throws IOException {
    CliRunner cli = cliWithResources();

    CliRunner.Run run = cli.run("schema", "--out", dir.resolve("out").toString());

    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "error: schema resources missing: none of playbook.schema.json,"
                + " rules.schema.json, rule-test.schema.json, deal.schema.json is on the classpath under"
                + " dev/playbook/schema/\n");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void schema_fromTheRealClasspath_writesTheSchemasThatShipWithTheEngine() throws IOException {
    List<String> shipped = new ArrayList<>();
    for (String name : SchemaCommand.SCHEMAS) {
      if (getClass().getClassLoader().getResource(SchemaCommand.RESOURCE_FOLDER + name) != null) {
        shipped.add(name);
      }
    }
    Path out = dir.resolve("schema");

    CliRunner.Run run = new CliRunner(dir).run("schema", "--out", out.toString());

    if (shipped.isEmpty()) {
      assertThat(run.err()).startsWith("error: schema resources missing: ");
      assertThat(run.exitCode()).isEqualTo(1);
      return;
    }
    assertThat(run.out())
        .isEqualTo(String.join("", shipped.stream().map(n -> out.resolve(n) + "\n").toList()));
    assertThat(run.exitCode()).isZero();
    for (String name : shipped) {
      try (InputStream in =
          getClass().getClassLoader().getResourceAsStream(SchemaCommand.RESOURCE_FOLDER + name)) {
        assertThat(out.resolve(name)).hasBinaryContent(in.readAllBytes());
      }
    }
  }

  @Test
  void schema_overwritesSchemasWrittenBefore() throws IOException {
    CliRunner cli = cliWithResources();
    TestFiles.write(dir, "classpath/dev/playbook/schema/rules.schema.json", "{\"version\": 2}\n");
    Path old = TestFiles.write(dir, "out/rules.schema.json", "{\"version\": 1}\n");

    CliRunner.Run run = cli.run("schema", "--out", old.getParent().toString());

    assertThat(run.exitCode()).isZero();
    assertThat(old).hasContent("{\"version\": 2}\n");
  }

  @Test
  void schema_help_printsUsageAndExits0() throws IOException {
    CliRunner cli = cliWithResources();

    assertThat(cli.assertHelp("schema")).contains("--out=DIR");
  }
}
