package dev.playbook.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Python client example in examples/clients/python, with its own unittest suite, against a
 * server on 127.0.0.1 serving examples/playbooks/acme. Needs python3 on the PATH (.ci/run installs
 * it).
 */
class PythonClientTest {

  private static final Path CLIENT = Path.of("..", "examples", "clients", "python");

  @Test
  void pythonClient_unittests_passAgainstTheServer() throws Exception {
    try (PlaybookServer server =
        PlaybookServer.builder()
            .playbook(Path.of("..", "examples", "playbooks", "acme"))
            .port(0)
            .start()) {
      // given
      ProcessBuilder pb =
          new ProcessBuilder("python3", "-m", "unittest", "-v", "test_playbook_client")
              .directory(CLIENT.toFile())
              .redirectErrorStream(true);
      pb.environment().put("PLAYBOOK_URL", server.uri().toString());
      pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");

      // when
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        throw new AssertionError("python3 is needed for this test (.ci/run installs it)", e);
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean done = p.waitFor(60, TimeUnit.SECONDS);
      if (!done) {
        p.destroyForcibly();
      }

      // then
      assertThat(done).as("python3 finished within 60 s").isTrue();
      assertThat(out).contains("Ran 6 tests").endsWith("OK\n");
      assertThat(p.exitValue()).as(out).isZero();
    }
  }
}
