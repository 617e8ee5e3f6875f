package io.eddy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** Eddy's formats jar goes with a job that reads with them, and only then. */
class FormatsJarTest {
  private static final String AVRO_SOURCE =
      "CREATE TABLE `o` (`id` STRING) WITH ('connector' = 'kafka', 'format' = 'eddy-avro');";

  @Test
  void a_script_reading_with_eddy_avro_gets_the_jar_once() throws Exception {
    List<String> jars = FormatsJar.addIfUsed(AVRO_SOURCE, List.of("file:/opt/kafka.jar"));
    assertThat(jars).hasSize(2).startsWith("file:/opt/kafka.jar");
    Path jar = Path.of(URI.create(jars.get(1)));
    try (JarFile file = new JarFile(jar.toFile())) {
      assertThat(file.getEntry("io/eddy/formats/LenientAvroFormatFactory.class")).isNotNull();
      assertThat(file.getEntry("io/eddy/formats/SkippingDeserializationSchema.class")).isNotNull();
      String services =
          new String(
              file.getInputStream(
                      file.getEntry("META-INF/services/org.apache.flink.table.factories.Factory"))
                  .readAllBytes(),
              StandardCharsets.UTF_8);
      // only Eddy's factories: Flink's own are the cluster's
      assertThat(services.lines()).containsExactly("io.eddy.formats.LenientAvroFormatFactory");
    }
    // a user's own eddy-formats jar is not doubled, and the next deployment reuses the file
    assertThat(FormatsJar.addIfUsed(AVRO_SOURCE, List.of("file:/x/eddy-formats-0.1.0.jar")))
        .containsExactly("file:/x/eddy-formats-0.1.0.jar");
    assertThat(FormatsJar.addIfUsed(AVRO_SOURCE, List.of())).containsExactly(jars.get(1));
  }

  @Test
  void other_scripts_get_nothing() {
    assertThat(
            FormatsJar.addIfUsed(
                "CREATE TABLE `o` (`id` STRING) WITH ('format' = 'avro'); -- 'eddy-avro' elsewhere",
                List.of()))
        .isEmpty();
  }
}
