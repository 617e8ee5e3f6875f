package io.eddy.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.formats.avro.AvroRowDataDeserializationSchema;
import org.apache.flink.formats.avro.AvroRowDataSerializationSchema;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.junit.jupiter.api.Test;

/**
 * The format is found by Flink under {@code eddy-avro}, and its deserializer gives what Flink's
 * Avro deserializer gives for a message it can read and no row for one it cannot. (Kafka runs
 * through the format: eddy-engine's AvroFlowTest.)
 */
class LenientAvroFormatFactoryTest {
  private static final RowType ROW =
      (RowType)
          LogicalTypeParser.parse(
              "ROW<`id` STRING NOT NULL, `qty` INT>",
              LenientAvroFormatFactoryTest.class.getClassLoader());

  @Test
  void flinkFindsTheFormatByItsIdentifier() {
    DeserializationFormatFactory factory =
        FactoryUtil.discoverFactory(
            getClass().getClassLoader(), DeserializationFormatFactory.class, "eddy-avro");
    assertThat(factory).isInstanceOf(LenientAvroFormatFactory.class);
    assertThat(factory.optionalOptions())
        .extracting(o -> o.key())
        .contains("timestamp_mapping.legacy");
  }

  @Test
  void readsAvroAndGivesNoRowForWhatIsNotAvro() throws Exception {
    SerializationSchema<RowData> writer = new AvroRowDataSerializationSchema(ROW);
    writer.open(null);
    byte[] good = writer.serialize(GenericRowData.of(StringData.fromString("o-1"), 7));
    DeserializationSchema<RowData> reader =
        new SkippingDeserializationSchema(
            new AvroRowDataDeserializationSchema(ROW, InternalTypeInfo.of(ROW)));
    reader.open(new Context());

    RowData row = reader.deserialize(good);
    assertThat(row.getString(0).toString()).isEqualTo("o-1");
    assertThat(row.getInt(1)).isEqualTo(7);
    // JSON text: the string length Avro reads first ('{' as a zig-zag varint) is negative.
    assertThat(reader.deserialize("{\"id\": \"o-2\"}".getBytes(StandardCharsets.UTF_8))).isNull();
    // Cut short: the string's bytes end early.
    assertThat(reader.deserialize(Arrays.copyOf(good, 2))).isNull();
    assertThat(reader.deserialize(new byte[0])).isNull();
    // The reader goes on after them: what is left of a bad message is not read as the next one.
    assertThat(reader.deserialize(good).getString(0).toString()).isEqualTo("o-1");

    // A record followed by stray bytes reads as the record (as Flink's reader does); the stray
    // '{' left in Avro's buffer would make the next message fail, so it is read again afresh.
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    trailing[good.length] = '{';
    assertThat(reader.deserialize(trailing).getInt(1)).isEqualTo(7);
    RowData next = reader.deserialize(good);
    assertThat(next.getString(0).toString()).isEqualTo("o-1");
    assertThat(next.getInt(1)).isEqualTo(7);
  }

  /** What a deserializer's open may look at. */
  private static final class Context implements DeserializationSchema.InitializationContext {
    @Override
    public MetricGroup getMetricGroup() {
      return new UnregisteredMetricsGroup();
    }

    @Override
    public UserCodeClassLoader getUserCodeClassLoader() {
      return SimpleUserCodeClassLoader.create(LenientAvroFormatFactoryTest.class.getClassLoader());
    }
  }
}
