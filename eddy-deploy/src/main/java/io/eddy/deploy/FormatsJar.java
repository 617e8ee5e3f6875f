package io.eddy.deploy;

import io.eddy.formats.LenientAvroFormatFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Eddy's own formats (module eddy-formats: the {@code eddy-avro} format Avro sources read with) as
 * a jar to ship with a job whose SQL uses them, so that a cluster without them in {@code lib/} runs
 * the job all the same. This process has the classes: as the module's own jar (development), as
 * classes in a directory, or inside the distribution jar; the last two are written into a jar of
 * their own.
 */
final class FormatsJar {
  private static final Pattern USES_FORMATS =
      Pattern.compile("'(?:value\\.)?format'\\s*=\\s*'eddy-avro'");
  private static final String PACKAGE = "io/eddy/formats/";
  private static final String SERVICES =
      "META-INF/services/org.apache.flink.table.factories.Factory";
  private static Path written;

  private FormatsJar() {}

  /**
   * {@code jars} plus Eddy's formats jar when {@code script} reads with one of its formats and none
   * of {@code jars} is already an eddy-formats jar.
   */
  static List<String> addIfUsed(String script, List<String> jars) {
    if (!USES_FORMATS.matcher(script).find()
        || jars.stream().anyMatch(j -> fileName(j).startsWith("eddy-formats"))) {
      return jars;
    }
    List<String> withFormats = new ArrayList<>(jars);
    withFormats.add(path().toUri().toString());
    return withFormats;
  }

  private static String fileName(String jar) {
    return jar.substring(jar.lastIndexOf('/') + 1);
  }

  /** The jar holding Eddy's formats, written once per process when there is none. */
  static synchronized Path path() {
    Path source = location();
    if (Files.isRegularFile(source) && source.getFileName().toString().startsWith("eddy-formats")) {
      return source;
    }
    if (written == null || !Files.exists(written)) {
      try {
        Path jar = Files.createTempFile("eddy-formats-", ".jar");
        jar.toFile().deleteOnExit();
        write(source, jar);
        written = jar;
      } catch (IOException e) {
        throw new DeployException(
            "Eddy's formats jar (for Avro sources) could not be written: " + e.getMessage());
      }
    }
    return written;
  }

  private static Path location() {
    try {
      return Path.of(
          LenientAvroFormatFactory.class
              .getProtectionDomain()
              .getCodeSource()
              .getLocation()
              .toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The package's classes and a services file naming only its factories. */
  private static void write(Path source, Path jar) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      if (Files.isDirectory(source)) {
        try (Stream<Path> files = Files.walk(source.resolve(PACKAGE))) {
          for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
            add(out, source.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
          }
        }
      } else {
        try (java.util.jar.JarFile distribution = new java.util.jar.JarFile(source.toFile())) {
          for (JarEntry e : distribution.stream().toList()) {
            if (e.getName().startsWith(PACKAGE) && !e.isDirectory()) {
              try (InputStream in = distribution.getInputStream(e)) {
                add(out, e.getName(), in.readAllBytes());
              }
            }
          }
        }
      }
      add(
          out,
          SERVICES,
          String.join("\n", factories()).concat("\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Eddy's formats among the factories this process's services files name. */
  private static List<String> factories() throws IOException {
    List<String> names = new ArrayList<>();
    var files = LenientAvroFormatFactory.class.getClassLoader().getResources(SERVICES);
    while (files.hasMoreElements()) {
      try (InputStream in = files.nextElement().openStream()) {
        new String(in.readAllBytes(), StandardCharsets.UTF_8)
            .lines()
            .map(String::strip)
            .filter(line -> line.startsWith("io.eddy.formats.") && !names.contains(line))
            .forEach(names::add);
      }
    }
    return names;
  }

  private static void add(JarOutputStream out, String name, byte[] bytes) throws IOException {
    out.putNextEntry(new JarEntry(name));
    out.write(bytes);
    out.closeEntry();
  }
}
