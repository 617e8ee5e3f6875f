package io.eddy.core.analysis;

import io.eddy.core.model.Property;
import io.eddy.core.model.PropertyType;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TimeType;
import org.apache.flink.table.types.logical.TimestampType;

/** Flink's logical types as property types, nested to any depth. */
final class FlinkTypes {
  private FlinkTypes() {}

  /**
   * The property type (a property without a name) for Flink's {@code type}, or null when no
   * property type holds it (e.g. a MULTISET, a MAP with non-text keys). Sets {@code cast[0]} when
   * Flink's type differs from the property type's SQL type, so a value must be cast to it.
   */
  static Property toProperty(LogicalType type, boolean[] cast) {
    switch (type.getTypeRoot()) {
      case CHAR:
      case VARCHAR:
        return Property.of(null, PropertyType.STRING);
      case BOOLEAN:
        return Property.of(null, PropertyType.BOOLEAN);
      case TINYINT:
      case SMALLINT:
        cast[0] = true;
        return Property.of(null, PropertyType.INTEGER);
      case INTEGER:
        return Property.of(null, PropertyType.INTEGER);
      case BIGINT:
        return Property.of(null, PropertyType.BIGINT);
      case FLOAT:
        return Property.of(null, PropertyType.FLOAT);
      case DOUBLE:
        return Property.of(null, PropertyType.DOUBLE);
      case DECIMAL:
        DecimalType d = (DecimalType) type;
        return Property.decimal(null, d.getPrecision(), d.getScale());
      case DATE:
        return Property.of(null, PropertyType.DATE);
      case TIME_WITHOUT_TIME_ZONE:
        cast[0] |= ((TimeType) type).getPrecision() != 0;
        return Property.of(null, PropertyType.TIME);
      case TIMESTAMP_WITHOUT_TIME_ZONE:
        cast[0] |= ((TimestampType) type).getPrecision() != 3;
        return Property.of(null, PropertyType.TIMESTAMP);
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
        cast[0] |= ((LocalZonedTimestampType) type).getPrecision() != 3;
        return Property.of(null, PropertyType.TIMESTAMP_LTZ);
      case BINARY:
      case VARBINARY:
        // BYTES is VARBINARY of the largest length; a fixed BINARY(n) is cast to it.
        cast[0] |=
            type.getTypeRoot() == org.apache.flink.table.types.logical.LogicalTypeRoot.BINARY;
        return Property.of(null, PropertyType.BYTES);
      case ROW:
        RowType row = (RowType) type;
        List<Property> fields = new ArrayList<>();
        for (RowType.RowField f : row.getFields()) {
          Property p = toProperty(f.getType(), cast);
          if (p == null) {
            return null;
          }
          fields.add(p.withName(f.getName()));
        }
        return Property.row(null, fields);
      case ARRAY:
        Property items = toProperty(((ArrayType) type).getElementType(), cast);
        return items == null ? null : Property.array(null, items);
      case MAP:
        MapType map = (MapType) type;
        if (!map.getKeyType().is(LogicalTypeFamily.CHARACTER_STRING)) {
          return null;
        }
        Property values = toProperty(map.getValueType(), cast);
        return values == null ? null : Property.map(null, values);
      default:
        return null;
    }
  }
}
