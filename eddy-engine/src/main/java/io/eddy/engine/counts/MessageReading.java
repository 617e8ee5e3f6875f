package io.eddy.engine.counts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.formats.SkippingDeserializationSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.formats.avro.AvroFormatOptions.AvroEncoding;
import org.apache.flink.formats.avro.AvroRowDataDeserializationSchema;
import org.apache.flink.formats.common.TimestampFormat;
import org.apache.flink.formats.json.JsonParserRowDataDeserializationSchema;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.functions.TableFunction;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.utils.LogicalTypeChecks;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;
import org.apache.flink.types.Row;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;

/**
 * Run counts (never in an export): how a source's format reads one raw Kafka message, as findings
 * {@code (finding, detail)}. The message is read with the same deserializer the source's format
 * uses: Flink's {@code json} format's (parse errors ignored, missing fields allowed), or for Avro
 * (fourth argument {@code avro}) Flink's Avro deserializer wrapped as Eddy's {@code eddy-avro}
 * format wraps it, so the findings are exactly what the source does with it:
 *
 * <ul>
 *   <li>{@code ("unreadable", "")}: the format gives no event (not JSON, not an object or array of
 *       objects, empty; not Avro of the schema): the source skips the message;
 *   <li>{@code ("time", text)}: per event read, the value of the event-time column (named by the
 *       third argument; none when it is null) as text, or null: the counting SQL converts it as the
 *       source does and counts the event as skipped when that gives null;
 *   <li>{@code ("nulled", path)}: per event, each property the format turned into null because its
 *       value did not fit the type — present and not null in the message, null in the row; inside a
 *       ROW property per path ({@code customer.age}). Values in ARRAY and MAP are not checked.
 *       Never for Avro: a message decodes with the schema whole or not at all.
 * </ul>
 */
@FunctionHint(output = @DataTypeHint("ROW<finding STRING, detail STRING>"))
public final class MessageReading extends TableFunction<Row> {
  private static final ObjectMapper JSON = new ObjectMapper();

  private transient String readerType;
  private transient DeserializationSchema<RowData> reader;
  private transient boolean avro;
  private transient RowType type;
  private transient List<RowData> rows;

  public void eval(byte[] message, String rowType, String timeColumn, String format)
      throws Exception {
    if (rowType == null) {
      return;
    }
    open(rowType, "avro".equals(format));
    rows.clear();
    if (message != null) {
      reader.deserialize(message, new ListCollector<>(rows));
    }
    if (rows.stream().allMatch(r -> r == null)) {
      collect(Row.of("unreadable", ""));
      return;
    }
    int time = timeColumn == null ? -1 : type.getFieldNames().indexOf(timeColumn);
    JsonNode raw = null;
    for (int r = 0; r < rows.size(); r++) {
      RowData row = rows.get(r);
      if (row == null) {
        continue;
      }
      if (time >= 0) {
        collect(Row.of("time", row.isNullAt(time) ? null : text(row, time, type.getTypeAt(time))));
      }
      if (avro || !hasNull(row, type)) {
        continue;
      }
      if (raw == null) {
        raw = readRaw(message);
      }
      nulled(row, type, raw.isArray() ? raw.get(r) : raw, "");
    }
  }

  /**
   * The event-time column's value as text the SQL can cast back: a BIGINT or a STRING column
   * (JSON), or a timestamp (Avro: only whether it is null matters).
   */
  private static String text(RowData row, int i, LogicalType t) {
    return switch (t.getTypeRoot()) {
      case BIGINT -> Long.toString(row.getLong(i));
      case INTEGER -> Integer.toString(row.getInt(i));
      case TIMESTAMP_WITHOUT_TIME_ZONE, TIMESTAMP_WITH_LOCAL_TIME_ZONE ->
          row.getTimestamp(i, LogicalTypeChecks.getPrecision(t)).toString();
      default -> row.getString(i).toString();
    };
  }

  /** Whether the row or any ROW inside it has a null field (the common case has none: cheap). */
  private static boolean hasNull(RowData row, RowType type) {
    for (int i = 0; i < type.getFieldCount(); i++) {
      if (row.isNullAt(i)) {
        return true;
      }
      if (type.getTypeAt(i) instanceof RowType nested
          && hasNull(row.getRow(i, nested.getFieldCount()), nested)) {
        return true;
      }
    }
    return false;
  }

  private void nulled(RowData row, RowType type, JsonNode object, String prefix) {
    for (int i = 0; i < type.getFieldCount(); i++) {
      String name = type.getFieldNames().get(i);
      JsonNode value = object == null ? null : object.get(name);
      if (value == null || value.isNull()) {
        continue;
      }
      if (row.isNullAt(i)) {
        collect(Row.of("nulled", prefix + name));
      } else if (type.getTypeAt(i) instanceof RowType nested) {
        nulled(row.getRow(i, nested.getFieldCount()), nested, value, prefix + name + ".");
      }
    }
  }

  private static JsonNode readRaw(byte[] message) {
    try {
      return JSON.readTree(message);
    } catch (IOException e) {
      return JSON.nullNode();
    }
  }

  private void open(String rowType, boolean avro) throws Exception {
    if (rowType.equals(readerType) && avro == this.avro) {
      return;
    }
    type = (RowType) LogicalTypeParser.parse(rowType, MessageReading.class.getClassLoader());
    if (avro) {
      // As a table's physical row: NOT NULL. Flink derives the Avro schema from the type, and a
      // nullable row would be the union ["null", record], which no message is written with.
      type = (RowType) type.copy(false);
    }
    this.avro = avro;
    reader =
        avro
            // As 'eddy-avro' with 'timestamp_mapping.legacy' = 'false' (SourceNode.compile).
            ? new SkippingDeserializationSchema(
                new AvroRowDataDeserializationSchema(
                    type, InternalTypeInfo.of(type), AvroEncoding.BINARY, false))
            : new JsonParserRowDataDeserializationSchema(
                type, InternalTypeInfo.of(type), false, true, TimestampFormat.SQL);
    reader.open(new Context());
    rows = new ArrayList<>(1);
    readerType = rowType;
  }

  /** What the deserializer's open needs: it asks for nothing but may look. */
  private static final class Context implements DeserializationSchema.InitializationContext {
    @Override
    public MetricGroup getMetricGroup() {
      return new UnregisteredMetricsGroup();
    }

    @Override
    public UserCodeClassLoader getUserCodeClassLoader() {
      return SimpleUserCodeClassLoader.create(MessageReading.class.getClassLoader());
    }
  }
}
