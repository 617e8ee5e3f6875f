package io.eddy.deploy;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The classpath a local Flink cluster runs with: this process's own (Maven-resolved jars in
 * development and tests, the single distribution jar when packaged), with manifest-only jars (as
 * Maven Surefire uses) expanded to the jars they list.
 */
public final class FlinkClasspath {
  private FlinkClasspath() {}

  /** The entries of this JVM's classpath, manifest-only jars expanded. */
  public static List<String> current() {
    Set<String> entries = new LinkedHashSet<>();
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path path = Paths.get(entry).toAbsolutePath();
      List<String> listed = manifestClassPath(path);
      if (listed.isEmpty()) {
        entries.add(path.toString());
      } else {
        entries.addAll(listed);
      }
    }
    return new ArrayList<>(entries);
  }

  /** The jars a manifest-only jar lists, or nothing when it is an ordinary jar. */
  private static List<String> manifestClassPath(Path jar) {
    if (!Files.isRegularFile(jar) || !jar.getFileName().toString().endsWith(".jar")) {
      return List.of();
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String classPath =
          manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
      // Only a jar that holds nothing but its manifest is a classpath carrier; an application
      // jar with a Class-Path keeps its own classes and is used as it is.
      if (classPath == null || file.stream().anyMatch(e -> e.getName().endsWith(".class"))) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      for (String item : classPath.trim().split("\\s+")) {
        URI uri = jar.getParent().toUri().resolve(item);
        out.add(Paths.get(uri).toString());
      }
      return out;
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
