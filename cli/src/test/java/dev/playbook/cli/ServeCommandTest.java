package dev.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {

  @TempDir Path dir;
  CliRunner cli;

  @BeforeEach
  void setUp() {
    cli = new CliRunner(dir);
  }

  @Test
  void serve_unknownPlaybook_isAUsageError() {
    cli.assertUsageError(
        "Invalid value for PLAYBOOK: 'nope' is neither a playbook folder or file nor a built-in"
            + " playbook (there are no built-in playbooks)",
        "serve",
        "nope");
  }

  @Test
  void serve_portOutOfRange_isAUsageError() throws Exception {
    Files.writeString(dir.resolve("acme.yaml"), "playbook: acme\nstages: [a]\n");

    cli.assertUsageError(
        "Invalid value for option '--port': 70000 is not 0 to 65535",
        "serve",
        dir.resolve("acme.yaml").toString(),
        "--port",
        "70000");
  }

  @Test
  void serve_shortApiKey_isAUsageError() throws Exception {
    Files.writeString(dir.resolve("acme.yaml"), "playbook: acme\nstages: [a]\n");
    Path key = dir.resolve("key");
    Files.writeString(key, "short\n");

    cli.assertUsageError(
        "Invalid value for option '--api-key-file': the key in "
            + key
            + " has 5 characters, must have at least 16",
        "serve",
        dir.resolve("acme.yaml").toString(),
        "--api-key-file",
        key.toString());
  }

  @Test
  void serve_help_namesTheLimitsAndTheDefaultHost() {
    String help = cli.assertHelp("serve");

    assertThat(help)
        .contains("--host=HOST")
        .contains("(default: 127.0.0.1)")
        .contains("--max-body-bytes=BYTES")
        .contains("--timeout=SECONDS");
  }
}
