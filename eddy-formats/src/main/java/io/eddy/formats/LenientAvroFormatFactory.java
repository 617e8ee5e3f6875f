package io.eddy.formats;

import java.util.Set;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.formats.avro.AvroFormatFactory;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.format.ProjectableDecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.types.DataType;

/**
 * The format {@code 'format' = 'eddy-avro'}: Flink's own {@code avro} format for reading (same
 * options, under the {@code eddy-avro.} prefix, e.g. {@code 'eddy-avro.timestamp_mapping.legacy'}),
 * except that a message it cannot decode gives no row instead of failing the job. Flink 2.2.1's
 * {@code avro} format has no {@code ignore-parse-errors} option, and a source must never stop on
 * one bad message (SPEC §2): the Kafka connector emits nothing for a message that gives no row.
 * Reading only; Avro destinations use the stock {@code avro} format.
 */
public final class LenientAvroFormatFactory implements DeserializationFormatFactory {
  public static final String IDENTIFIER = "eddy-avro";

  private final AvroFormatFactory avro = new AvroFormatFactory();

  @Override
  public DecodingFormat<DeserializationSchema<RowData>> createDecodingFormat(
      DynamicTableFactory.Context context, ReadableConfig formatOptions) {
    DecodingFormat<DeserializationSchema<RowData>> reading =
        avro.createDecodingFormat(context, formatOptions);
    if (!(reading
        instanceof ProjectableDecodingFormat<DeserializationSchema<RowData>> projectable)) {
      // Flink 2.2.1's is projectable; another version's may not be, and keeping its reading
      // exactly (projections included) matters more than this format existing.
      throw new IllegalStateException(
          "Flink's avro format changed: eddy-avro needs a projectable decoding format.");
    }
    return new Skipping(projectable);
  }

  @Override
  public String factoryIdentifier() {
    return IDENTIFIER;
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return avro.requiredOptions();
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return avro.optionalOptions();
  }

  /** Flink's Avro decoding format, each runtime decoder wrapped to skip what it cannot decode. */
  private record Skipping(ProjectableDecodingFormat<DeserializationSchema<RowData>> avro)
      implements ProjectableDecodingFormat<DeserializationSchema<RowData>> {
    @Override
    public DeserializationSchema<RowData> createRuntimeDecoder(
        DynamicTableSource.Context context, DataType physicalDataType, int[][] projections) {
      return new SkippingDeserializationSchema(
          avro.createRuntimeDecoder(context, physicalDataType, projections));
    }

    @Override
    public boolean supportsNestedProjection() {
      return avro.supportsNestedProjection();
    }

    @Override
    public ChangelogMode getChangelogMode() {
      return avro.getChangelogMode();
    }
  }
}
