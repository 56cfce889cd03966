package dev.playbook.cli;

import dev.playbook.server.PlaybookServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code playbook serve}: the JSON API of docs/server.md over the playbooks named. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serves playbooks over HTTP with a JSON API (docs/server.md).",
      "Playbook folders and files are watched: an edit that loads is served from then on, one"
          + " that does not keeps the last good version. Listens on 127.0.0.1 unless --host is"
          + " given; stops on Ctrl-C or SIGTERM after the requests in flight have finished."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  playbook serve examples/playbooks/acme",
      "  playbook serve meddic spin --port 9000 --api-key-file /run/secrets/playbook-key"
    })
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ParentCommand Main main;

  @Parameters(
      arity = "1..*",
      paramLabel = "PLAYBOOK",
      description =
          "A playbook folder (with playbook.yaml), a playbook YAML file, or the name of a"
              + " built-in playbook.")
  List<String> names = new ArrayList<>();

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "The interface to listen on (default: ${DEFAULT-VALUE}).")
  String host = "127.0.0.1";

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "The port (default: ${DEFAULT-VALUE}; 0 for any free port).")
  int port = 8181;

  @Option(
      names = "--max-body-bytes",
      paramLabel = "BYTES",
      description = "The largest request body accepted (default: ${DEFAULT-VALUE}).")
  long maxBodyBytes = 1024 * 1024;

  @Option(
      names = "--max-batch",
      paramLabel = "DEALS",
      description = "The most deals one evaluate request may carry (default: ${DEFAULT-VALUE}).")
  int maxBatch = 1000;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "How long one request may compute (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds = 10;

  @Option(
      names = "--api-key-file",
      paramLabel = "FILE",
      description =
          "A file holding the key that reload requests must give as 'Authorization: Bearer KEY';"
              + " without it, reload is refused.")
  Path apiKeyFile;

  @Option(
      names = "--decision-log",
      paramLabel = "FILE",
      description =
          "Appends one JSON line per deal evaluated to FILE: playbook, revision, deal id, outcome,"
              + " fired rules and gaps (no other deal contents).")
  Path decisionLog;

  @Override
  public Integer call() throws InterruptedException {
    PlaybookServer.Builder builder = PlaybookServer.builder();
    for (String name : names) {
      PlaybookSource source =
          PlaybookSource.of(
              name, main.environment(), spec.commandLine(), "Invalid value for PLAYBOOK: ");
      if (source.path() != null) {
        builder.playbook(source.path());
      } else {
        builder.builtIn(name);
      }
    }
    if (port < 0 || port > 65535) {
      throw new ParameterException(
          spec.commandLine(), "Invalid value for option '--port': " + port + " is not 0 to 65535");
    }
    if (maxBodyBytes < 1 || maxBatch < 1 || timeoutSeconds < 1) {
      throw new ParameterException(
          spec.commandLine(), "--max-body-bytes, --max-batch and --timeout must be at least 1");
    }
    builder
        .host(host)
        .port(port)
        .maxBodyBytes(maxBodyBytes)
        .maxBatchDeals(maxBatch)
        .requestTimeout(Duration.ofSeconds(timeoutSeconds));
    if (apiKeyFile != null) {
      builder.apiKey(apiKey(apiKeyFile));
    }
    if (decisionLog != null) {
      builder.decisionLog(decisionLog);
    }
    PlaybookServer server = builder.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "playbook-serve-stop"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("serving " + TextReport.count(names.size(), "playbook") + " on " + server.uri());
    out.flush();
    stopped.await();
    return 0;
  }

  private String apiKey(Path file) {
    String key;
    try {
      key = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(), "Invalid value for option '--api-key-file': cannot read " + file);
    }
    if (key.length() < 16) {
      throw new ParameterException(
          spec.commandLine(),
          "Invalid value for option '--api-key-file': the key in "
              + file
              + " has "
              + key.length()
              + " characters, must have at least 16");
    }
    return key;
  }
}
