package org.telops.migrations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The migration scripts on the class path, in Flyway's version order, so the tests follow every script
 * later issues add instead of naming them one by one. Public for {@code timescale.TimescaleServer}.
 */
public record Scripts(String resource, String version) {

  /** "V1_3__calls.sql" → "1.3", the way Flyway reports it in flyway_schema_history. */
  public static List<Scripts> in(String... folders) {
    return Arrays.stream(folders).flatMap(Scripts::list)
        .sorted(Comparator.comparing(Scripts::version, Scripts::compareVersions)).toList();
  }

  static List<String> versions(String... folders) {
    return in(folders).stream().map(Scripts::version).toList();
  }

  private static Stream<Scripts> list(String folder) {
    URL url = Scripts.class.getClassLoader().getResource(folder);
    if (url == null) {
      throw new IllegalStateException(folder + " is not on the test class path");
    }
    try {
      java.net.URI uri = url.toURI();
      // Failsafe puts the module's jar on the class path, Surefire its classes folder: read both.
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          return names(jar.provider().getPath(uri), folder);
        }
      }
      return names(Path.of(uri), folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Stream<Scripts> names(Path dir, String folder) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString().replace("/", "")).filter(n -> n.matches("V[0-9_]+__.*\\.sql"))
          .map(n -> new Scripts(folder + "/" + n, n.substring(1, n.indexOf("__")).replace('_', '.')))
          .toList().stream();
    }
  }

  static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      long p = i < x.length ? Long.parseLong(x[i]) : 0;
      long q = i < y.length ? Long.parseLong(y[i]) : 0;
      if (p != q) {
        return Long.compare(p, q);
      }
    }
    return 0;
  }
}
