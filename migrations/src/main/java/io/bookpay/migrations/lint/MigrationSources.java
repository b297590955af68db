package io.bookpay.migrations.lint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Where the lint reads migrations from: a source directory, or the classpath (the CLI jar). */
public final class MigrationSources {

  public static final String LOCATION = "db/migration";
  private static final String SETTINGS = "db/migration-lint.properties";

  private MigrationSources() {}

  /** The recorded baseline: the version of the last released migration. */
  public static String baseline() {
    try (InputStream in = MigrationSources.class.getClassLoader().getResourceAsStream(SETTINGS)) {
      if (in == null) {
        throw new IllegalStateException(SETTINGS + " is missing from the classpath");
      }
      Properties settings = new Properties();
      settings.load(in);
      return settings.getProperty("baseline").strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The versioned migrations in a directory, e.g. {@code migrations/src/main/resources/db/migration}. */
  public static List<MigrationFile> fromDirectory(Path directory) {
    try (Stream<Path> paths = Files.list(directory)) {
      List<MigrationFile> files = new ArrayList<>();
      for (Path path : paths.sorted().toList()) {
        String name = path.getFileName().toString();
        if (MigrationFile.versionOf(name).isPresent()) {
          Path config = path.resolveSibling(name + ".conf");
          files.add(new MigrationFile(name, MigrationFile.versionOf(name).get(), Files.readString(path),
              Files.exists(config) ? Files.readString(config) : null));
        }
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read migrations in " + directory, e);
    }
  }

  /** The versioned migrations packaged with this class: a directory in a build, jar entries in the CLI. */
  public static List<MigrationFile> fromClasspath() {
    ClassLoader loader = MigrationSources.class.getClassLoader();
    URL url = loader.getResource(LOCATION);
    if (url == null) {
      throw new IllegalStateException(LOCATION + " is missing from the classpath");
    }
    try {
      if ("file".equals(url.getProtocol())) {
        return fromDirectory(Path.of(url.toURI()));
      }
      List<MigrationFile> files = new ArrayList<>();
      for (String name : jarEntryNames(url)) {
        MigrationFile.versionOf(name).ifPresent(version ->
            files.add(new MigrationFile(name, version, read(loader, name), readOrNull(loader, name + ".conf"))));
      }
      return files;
    } catch (IOException | java.net.URISyntaxException e) {
      throw new IllegalStateException("cannot list " + url, e);
    }
  }

  /** File names directly under the location inside the jar that holds it. */
  private static List<String> jarEntryNames(URL url) throws IOException {
    URLConnection connection = url.openConnection();
    if (!(connection instanceof JarURLConnection jar)) {
      throw new IOException("cannot list migrations at " + url);
    }
    String prefix = jar.getEntryName().endsWith("/") ? jar.getEntryName() : jar.getEntryName() + "/";
    List<String> names = new ArrayList<>();
    jar.setUseCaches(false);
    try (JarFile file = jar.getJarFile()) {
      for (JarEntry entry : Collections.list(file.entries())) {
        String name = entry.getName();
        if (name.startsWith(prefix) && !entry.isDirectory() && name.indexOf('/', prefix.length()) < 0) {
          names.add(name.substring(prefix.length()));
        }
      }
    }
    return names;
  }

  private static String readOrNull(ClassLoader loader, String name) {
    return loader.getResource(LOCATION + "/" + name) == null ? null : read(loader, name);
  }

  private static String read(ClassLoader loader, String name) {
    try (InputStream in = loader.getResourceAsStream(LOCATION + "/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
