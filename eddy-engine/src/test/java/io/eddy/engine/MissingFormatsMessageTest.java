package io.eddy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.table.api.ValidationException;
import org.apache.flink.util.SerializedThrowable;
import org.junit.jupiter.api.Test;

/**
 * A cluster without Eddy's eddy-formats jar cannot run an Avro source: whether the planner finds no
 * 'eddy-avro' factory or a TaskManager cannot load the format's classes, the sentence says what the
 * cluster lacks and what to do.
 */
class MissingFormatsMessageTest {
  private static final String SENTENCE =
      "The Flink cluster lacks Eddy's eddy-formats jar, which Avro sources read with (format"
          + " 'eddy-avro'): put eddy-formats-<version>.jar in the cluster's lib/, or ship it with"
          + " the job (eddy deploy --jar).";

  @Test
  void noFactoryAndNoClassBothNameTheJar() {
    // Flink's planner, as the SQL client or the gateway reports it.
    Throwable planning =
        new ValidationException(
            "Unable to create a source for reading table 'default_catalog.default_database.t'.",
            new ValidationException(
                "Could not find any factory for identifier 'eddy-avro' that implements"
                    + " 'org.apache.flink.table.factories.DeserializationFormatFactory' in the"
                    + " classpath."));
    assertThat(Errors.sentence(planning)).isEqualTo(SENTENCE);
    // A TaskManager deserializing the job's source, the failure arriving serialized.
    Throwable running =
        new SerializedThrowable(
            new RuntimeException(
                "Cannot instantiate user function.",
                new ClassNotFoundException("io.eddy.formats.SkippingDeserializationSchema")));
    assertThat(FlinkEngine.readable(running)).isEqualTo(SENTENCE);
  }

  @Test
  void otherFailuresKeepTheirOwnReason() {
    assertThat(
            Errors.sentence(
                new ValidationException(
                    "Could not find any factory for identifier 'avro-confluent' that implements"
                        + " 'org.apache.flink.table.factories.DeserializationFormatFactory' in the"
                        + " classpath.")))
        .startsWith("Could not find any factory for identifier 'avro-confluent'");
  }
}
