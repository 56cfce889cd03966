package dev.playbook.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code playbook init}: creates a company playbook to start from: a playbook file, a first rule
 * with its tests, and a README for the author. What it creates validates and its tests pass.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Creates a new playbook to start from.",
      "Writes into FOLDER (new or empty) a playbook.yaml with the stages, a parameter and a talk"
          + " track, a first rule with its tests, and a README.md that says what each file is and"
          + " what to do next. The playbook is named after the folder."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  playbook init playbooks/acme",
      "  playbook init playbooks/acme-emea --extends playbooks/acme",
      "  playbook init playbooks/acme --extends meddic"
    })
final class InitCommand implements Callable<Integer> {

  /** The files written, as paths in the folder; each comes from the template of its file name. */
  static final List<String> FILES =
      List.of(
          "playbook.yaml", "rules/first-rules.yaml", "rules/first-rules.test.yaml", "README.md");

  @Spec CommandSpec spec;

  @ParentCommand Main main;

  @Parameters(
      index = "0",
      paramLabel = "FOLDER",
      description = "The folder to create the playbook in: new or empty.")
  Path folder;

  @Option(
      names = "--extends",
      paramLabel = "PLAYBOOK",
      description = {
        "A playbook the new one builds on: the name of a built-in playbook, or a playbook folder or"
            + " file (written as a path relative to FOLDER).",
        "Default: the built-in " + Environment.DEFAULT_BUILT_IN + " if present, else none."
      })
  String parent;

  @Override
  public Integer call() {
    Environment env = main.environment();
    String name = playbookName();
    String extendsRef = extendsRef(env);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String refusal = refusal();
    if (refusal != null) {
      err.println("error: " + refusal);
      err.flush();
      return 1;
    }

    Map<String, String> tokens = new LinkedHashMap<>();
    tokens.put("@NAME@", name);
    tokens.put("@TITLE@", title(name));
    tokens.put("@FOLDER@", folder.toString());
    tokens.put(
        "@EXTENDS@",
        extendsRef == null
            ? "# To build on other playbooks, name them here: built-in names or folders, such as\n"
                + "# extends: [meddic, ../shared]\n"
            : "# Builds on these playbooks: their stages, rules and talk tracks apply here too.\n"
                + "extends: ["
                + extendsRef
                + "]\n");
    tokens.put(
        "@EXTENDS_ROW@", extendsRef == null ? "" : "; `extends` names the playbook it builds on");
    tokens.put("@AUTHORING@", docLink(env, "authoring-rules.md"));
    tokens.put("@TESTING@", docLink(env, "testing-rules.md"));
    try {
      for (String f : FILES) {
        Path file = folder.resolve(f);
        Files.createDirectories(file.getParent());
        Files.writeString(
            file, fill(template(file.getFileName().toString()), tokens), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      err.println("error: cannot write the playbook into " + folder + ": " + IoErrors.reason(e));
      err.flush();
      return 1;
    }

    out.println(
        "Created the playbook "
            + name
            + " in "
            + folder
            + (extendsRef == null ? "" : ", extending " + extendsRef)
            + ":");
    out.println("  playbook.yaml                 stages, a parameter, a talk track");
    out.println("  rules/first-rules.yaml        a first rule");
    out.println("  rules/first-rules.test.yaml   its tests");
    out.println("  README.md                     what each file is and what to do next");
    out.println("Next:");
    out.println("  playbook validate " + folder);
    out.println("  playbook test " + folder);
    out.flush();
    return 0;
  }

  /** The folder's name as a playbook name: lowercase letters, digits, '-' and '_'. */
  private String playbookName() {
    Path base = folder.toAbsolutePath().normalize().getFileName();
    String name =
        base == null
            ? ""
            : base.toString()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_-]+", "-")
                .replaceAll("^[-_]+|-+$", "");
    if (name.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "Invalid value for FOLDER: '"
              + folder
              + "' has no name to call the playbook by; name a folder such as playbooks/acme");
    }
    return name.length() > 64 ? name.substring(0, 64) : name;
  }

  /** What to write after {@code extends:}, or null for nothing. */
  private String extendsRef(Environment env) {
    if (parent == null) {
      return env.builtInNames().get().contains(Environment.DEFAULT_BUILT_IN)
          ? Environment.DEFAULT_BUILT_IN
          : null;
    }
    PlaybookSource source =
        PlaybookSource.of(
            parent, env, spec.commandLine(), "Invalid value for option '--extends': ");
    if (source.path() == null) {
      return source.label();
    }
    String relative =
        folder
            .toAbsolutePath()
            .normalize()
            .relativize(source.path().toAbsolutePath().normalize())
            .toString()
            .replace('\\', '/');
    return relative.startsWith(".") ? relative : "./" + relative;
  }

  /** Why the folder cannot be used, or null if it can. */
  private String refusal() {
    if (Files.isDirectory(folder)) {
      try (Stream<Path> entries = Files.list(folder)) {
        if (entries.findAny().isPresent()) {
          return folder + " is not empty; init creates a playbook in a new or empty folder";
        }
      } catch (IOException e) {
        return "cannot read the folder " + folder + ": " + IoErrors.reason(e);
      }
    } else if (Files.exists(folder)) {
      return folder + " is a file; init creates a playbook in a new or empty folder";
    }
    return null;
  }

  /** {@code acme-test} as {@code Acme test}. */
  private static String title(String name) {
    String words = name.replace('-', ' ').replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  /** A link to a page of docs/ when the playbook is inside the repository, else the page's name. */
  private String docLink(Environment env, String page) {
    Path home = env.home().toAbsolutePath().normalize();
    Path doc = home.resolve("docs").resolve(page);
    Path target = folder.toAbsolutePath().normalize();
    if (!Files.isRegularFile(doc) || !target.startsWith(home)) {
      return "docs/" + page + " in the Playbook Engine repository";
    }
    String relative = target.relativize(doc).toString().replace('\\', '/');
    return "[docs/" + page + "](" + relative + ")";
  }

  private static String template(String name) {
    try (InputStream in = InitCommand.class.getResourceAsStream("init/" + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "the template init/" + name + " is missing from the command's jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String fill(String template, Map<String, String> tokens) {
    String out = template;
    for (Map.Entry<String, String> t : tokens.entrySet()) {
      out = out.replace(t.getKey(), t.getValue());
    }
    return out;
  }
}
