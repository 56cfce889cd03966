package dev.playbook.internal.load;

import dev.playbook.internal.tree.Problems;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Where a playbook's files come from: a folder, a single file, or a built-in playbook on the
 * classpath ({@code playbooks/<name>/}). A playbook folder holds {@code playbook.yaml} and any
 * number of other {@code .yaml} files with rules and talk tracks; {@code *.test.yaml} files are
 * rule tests and are not loaded.
 */
abstract class Origin {

  static final long MAX_FILE_BYTES = PlaybookFiles.MAX_FILE_BYTES;
  static final String MAIN = PlaybookFiles.MAIN;
  static final String BUILT_IN_ROOT = "playbooks/";

  /** A file's display name (as positions print it) and content. */
  record Source(String name, String content) {}

  /** A stable identity, to detect cycles and to load a parent only once. */
  abstract String key();

  /** The playbook's name to use if its file does not give one. */
  abstract String defaultId();

  abstract Source main(Problems problems);

  abstract List<Source> parts(Problems problems);

  /** The folder that relative {@code extends} paths start from; null for built-ins. */
  abstract Path base();

  /**
   * The name a file of this origin has in the playbook's revision: by default its display name.
   *
   * @param root the folder of the playbook being loaded (absolute), or null for a built-in
   */
  String revisionName(String displayName, Path root) {
    return displayName;
  }

  static boolean isPart(String fileName) {
    return PlaybookFiles.isPart(fileName);
  }

  /** A folder with playbook.yaml, or one YAML file holding the whole playbook. */
  static final class Disk extends Origin {
    private final Path path;
    private final boolean folder;
    private final FileSource source;

    Disk(Path path, FileSource source) {
      this.path = path.normalize();
      this.source = source;
      this.folder = source.isDirectory(path);
    }

    FileSource source() {
      return source;
    }

    @Override
    String key() {
      return "disk:" + path.toAbsolutePath().normalize();
    }

    @Override
    String defaultId() {
      Path name = folder ? path.toAbsolutePath().getFileName() : path.getFileName();
      String s = name == null ? "playbook" : name.toString().replaceFirst("\\.ya?ml$", "");
      return s.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    Path base() {
      return folder ? path : (path.getParent() == null ? Path.of(".") : path.getParent());
    }

    /**
     * Relative to the loaded playbook's folder, with forward slashes, wherever that folder lies.
     */
    @Override
    String revisionName(String displayName, Path root) {
      if (root == null) {
        return displayName;
      }
      Path file = Path.of(displayName).toAbsolutePath().normalize();
      return root.relativize(file).toString().replace('\\', '/');
    }

    @Override
    Source main(Problems problems) {
      Path file = folder ? path.resolve(MAIN) : path;
      String name = file.toString();
      String content = source.read(file, name, folder ? path : null, problems);
      return content == null ? null : new Source(name, content);
    }

    @Override
    List<Source> parts(Problems problems) {
      List<Source> out = new ArrayList<>();
      if (!folder) {
        return out;
      }
      List<Path> files = source.parts(path, problems);
      for (Path p : files) {
        String content = source.read(p, p.toString(), path, problems);
        if (content != null) {
          out.add(new Source(p.toString(), content));
        }
      }
      return out;
    }
  }

  /** A built-in playbook shipped on the classpath under {@code playbooks/<name>/}. */
  static final class BuiltIn extends Origin {
    private final String name;
    private final ClassLoader loader;

    BuiltIn(String name, ClassLoader loader) {
      this.name = name;
      this.loader = loader;
    }

    static boolean exists(String name, ClassLoader loader) {
      return name.matches("[a-z0-9][a-z0-9_-]*")
          && loader.getResource(BUILT_IN_ROOT + name + "/" + MAIN) != null;
    }

    @Override
    String key() {
      return "builtin:" + name;
    }

    @Override
    String revisionName(String displayName, Path root) {
      return "classpath:" + displayName;
    }

    @Override
    String defaultId() {
      return name;
    }

    @Override
    Path base() {
      return null;
    }

    @Override
    Source main(Problems problems) {
      return read(BUILT_IN_ROOT + name + "/" + MAIN, problems);
    }

    private Source read(String resource, Problems problems) {
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) {
          problems.add(
              "file-unreadable",
              dev.playbook.internal.tree.Pos.unknown(resource),
              "cannot read built-in file");
          return null;
        }
        byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
        if (bytes.length > MAX_FILE_BYTES) {
          problems.add(
              "file-too-large",
              dev.playbook.internal.tree.Pos.unknown(resource),
              "file is larger than the limit of " + MAX_FILE_BYTES + " bytes");
          return null;
        }
        return new Source(resource, new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
      } catch (IOException e) {
        problems.add(
            "file-unreadable",
            dev.playbook.internal.tree.Pos.unknown(resource),
            "cannot read built-in file");
        return null;
      }
    }

    @Override
    List<Source> parts(Problems problems) {
      String prefix = BUILT_IN_ROOT + name + "/";
      List<String> names = new ArrayList<>();
      try {
        Enumeration<URL> roots = loader.getResources(prefix + MAIN);
        if (roots.hasMoreElements()) {
          URL url = roots.nextElement();
          if (url.getProtocol().equals("jar")) {
            JarURLConnection c = (JarURLConnection) url.openConnection();
            c.setUseCaches(false);
            try (JarFile jar = c.getJarFile()) {
              Enumeration<JarEntry> entries = jar.entries();
              while (entries.hasMoreElements()) {
                String n = entries.nextElement().getName();
                if (n.startsWith(prefix)
                    && !n.endsWith("/")
                    && isPart(n.substring(n.lastIndexOf('/') + 1))) {
                  names.add(n);
                }
              }
            }
          } else if (url.getProtocol().equals("file")) {
            Path dir = Path.of(url.toURI()).getParent();
            try (Stream<Path> s = Files.walk(dir, PlaybookFiles.MAX_WALK_DEPTH)) {
              s.filter(Files::isRegularFile)
                  .filter(p -> isPart(p.getFileName().toString()))
                  .forEach(
                      p -> names.add(prefix + dir.relativize(p).toString().replace('\\', '/')));
            }
          }
        }
      } catch (IOException | URISyntaxException e) {
        problems.add(
            "file-unreadable",
            dev.playbook.internal.tree.Pos.unknown(prefix),
            "cannot list built-in playbook files");
      }
      names.sort(null);
      List<Source> out = new ArrayList<>();
      for (String n : names) {
        Source s = read(n, problems);
        if (s != null) {
          out.add(s);
        }
      }
      return out;
    }
  }

  /** A playbook held in memory as one file. */
  static final class Memory extends Origin {
    private final String name;
    private final String content;

    Memory(String name, String content) {
      this.name = name;
      this.content = content;
    }

    @Override
    String key() {
      return "memory:" + name;
    }

    @Override
    String defaultId() {
      return "playbook";
    }

    @Override
    Path base() {
      Path p = Path.of(name).toAbsolutePath().getParent();
      return p == null ? Path.of(".") : p;
    }

    @Override
    String revisionName(String displayName, Path root) {
      try {
        Path file = Path.of(displayName).getFileName();
        return file == null ? displayName : file.toString();
      } catch (java.nio.file.InvalidPathException e) {
        return displayName;
      }
    }

    @Override
    Source main(Problems problems) {
      if (content.length() > MAX_FILE_BYTES) {
        problems.add(
            "file-too-large",
            dev.playbook.internal.tree.Pos.unknown(name),
            "file is larger than the limit of " + MAX_FILE_BYTES + " bytes");
        return null;
      }
      return new Source(name, content);
    }

    @Override
    List<Source> parts(Problems problems) {
      return List.of();
    }
  }
}
