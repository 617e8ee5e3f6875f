package io.eddy.formats;

import java.io.IOException;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.InstantiationUtil;

/**
 * A message deserializer that gives no row (null, which Flink's Kafka connector skips) for a
 * message the wrapped one cannot read, instead of failing the job. Flink's Avro deserializer
 * reports every decoding failure as an {@link IOException} ("Failed to deserialize Avro record."),
 * so exactly those are skipped; anything else (an {@code Error}, a failure to open) still fails.
 *
 * <p>Flink's Avro deserializer keeps one buffered Avro decoder for all messages: a read that fails
 * part-way leaves the rest of the bad message in that buffer, where the next read would take it for
 * the start of the next message. So after a failure the wrapped deserializer is replaced by a fresh
 * copy of the one given (never used, kept for that), and a message that failed on a reader that had
 * read others before is read once more by the fresh copy: it was maybe only the leftover of the
 * message before it (a message with bytes after its record, which Flink reads without complaint)
 * that made it fail. A fresh copy costs about a millisecond, paid only for messages that fail.
 */
public final class SkippingDeserializationSchema implements DeserializationSchema<RowData> {
  private static final long serialVersionUID = 1L;

  /** The wrapped deserializer as given: never opened or used, only copied. */
  private final DeserializationSchema<RowData> unused;

  private transient InitializationContext context;
  // The unused deserializer serialized once: a fresh copy is read from these bytes.
  private transient byte[] copyable;
  private transient DeserializationSchema<RowData> reader;
  // Whether the reader has read a message: only then can bytes of an earlier one be left over.
  private transient boolean used;

  public SkippingDeserializationSchema(DeserializationSchema<RowData> reader) {
    this.unused = reader;
  }

  @Override
  public void open(InitializationContext context) throws Exception {
    this.context = context;
    copyable = InstantiationUtil.serializeObject(unused);
    reader = fresh();
  }

  @Override
  public RowData deserialize(byte[] message) throws IOException {
    try {
      RowData row = reader.deserialize(message);
      used = true;
      return row;
    } catch (IOException failed) {
      boolean again = used;
      reader = fresh();
      if (again) {
        try {
          RowData row = reader.deserialize(message);
          used = true;
          return row;
        } catch (IOException unreadable) {
          reader = fresh();
        }
      }
      return null;
    }
  }

  /** An opened copy of the wrapped deserializer that has read nothing yet. */
  private DeserializationSchema<RowData> fresh() throws IOException {
    used = false;
    try {
      DeserializationSchema<RowData> copy =
          InstantiationUtil.deserializeObject(
              copyable, context.getUserCodeClassLoader().asClassLoader());
      copy.open(context);
      return copy;
    } catch (Exception e) {
      throw new IOException("Could not open a fresh Avro reader: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean isEndOfStream(RowData nextElement) {
    return unused.isEndOfStream(nextElement);
  }

  @Override
  public TypeInformation<RowData> getProducedType() {
    return unused.getProducedType();
  }
}
