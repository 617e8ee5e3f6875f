package io.eddy.engine.counts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.formats.common.TimestampFormat;
import org.apache.flink.formats.json.JsonParserRowDataDeserializationSchema;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.functions.TableFunction;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;

/**
 * Run counts (never in an export): for one raw Kafka message, the names of the properties whose
 * value the source's JSON format turned into null because it did not fit the property's type. The
 * message is read with the same deserializer Flink's {@code json} format uses for the source
 * (ignoring parse errors, missing fields allowed), so a property counts exactly when the source
 * nulled it: present and not null in the message, null in the row. A message the format skips gives
 * nothing here (the run counts it as read but not out). Only top-level properties are checked.
 */
@FunctionHint(output = @DataTypeHint("STRING"))
public final class NulledProperties extends TableFunction<String> {
  private static final ObjectMapper JSON = new ObjectMapper();

  private transient String readerType;
  private transient JsonParserRowDataDeserializationSchema reader;
  private transient List<String> names;
  private transient List<RowData> rows;

  public void eval(byte[] message, String rowType) throws Exception {
    if (message == null || rowType == null) {
      return;
    }
    open(rowType);
    rows.clear();
    reader.deserialize(message, new ListCollector<>(rows));
    JsonNode raw = null;
    for (int r = 0; r < rows.size(); r++) {
      RowData row = rows.get(r);
      if (row == null) {
        // The format skips this message (what it collects for an unparseable one).
        continue;
      }
      for (int i = 0; i < names.size(); i++) {
        if (!row.isNullAt(i)) {
          continue;
        }
        if (raw == null) {
          raw = readRaw(message);
        }
        JsonNode object = raw.isArray() ? raw.get(r) : raw;
        JsonNode value = object == null ? null : object.get(names.get(i));
        if (value != null && !value.isNull()) {
          collect(names.get(i));
        }
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

  private void open(String rowType) throws Exception {
    if (rowType.equals(readerType)) {
      return;
    }
    RowType type =
        (RowType) LogicalTypeParser.parse(rowType, NulledProperties.class.getClassLoader());
    reader =
        new JsonParserRowDataDeserializationSchema(
            type, InternalTypeInfo.of(type), false, true, TimestampFormat.SQL);
    reader.open(new Context());
    names = type.getFieldNames();
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
      return SimpleUserCodeClassLoader.create(NulledProperties.class.getClassLoader());
    }
  }
}
