package io.eddy.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.internal.TableEnvironmentInternal;
import org.apache.flink.table.catalog.ContextResolvedTable;
import org.apache.flink.table.operations.ModifyOperation;
import org.apache.flink.table.operations.Operation;
import org.apache.flink.table.operations.SinkModifyOperation;
import org.apache.flink.table.operations.StatementSetOperation;

/**
 * Gives the Kafka tables a job writes to the delivery options of the deployment, right before the
 * statement that starts the job: {@code ALTER TABLE ... SET (...)} on each of them, exactly what a
 * user of Flink's SQL client adds to the export (docs/sql-export.md). The export itself stays the
 * same; a table that declares {@code sink.delivery-guarantee} itself keeps it unless the guarantee
 * was given explicitly.
 */
public final class KafkaSinkDelivery {
  private static final Set<String> KAFKA_CONNECTORS = Set.of("kafka", "upsert-kafka");

  private KafkaSinkDelivery() {}

  /**
   * The {@code ALTER TABLE} statements for the Kafka sinks of {@code statement} (an INSERT or a
   * statement set), planned in {@code env} where the script's tables exist.
   *
   * @param options the sink options to set
   * @param override whether to replace a guarantee the table declares itself
   */
  public static List<String> alterStatements(
      TableEnvironment env, String statement, Map<String, String> options, boolean override) {
    List<Operation> operations = ((TableEnvironmentInternal) env).getParser().parse(statement);
    List<ContextResolvedTable> sinks = new ArrayList<>();
    for (Operation op : operations) {
      if (op instanceof SinkModifyOperation sink) {
        sinks.add(sink.getContextResolvedTable());
      } else if (op instanceof StatementSetOperation set) {
        for (ModifyOperation m : set.getOperations()) {
          if (m instanceof SinkModifyOperation sink) {
            sinks.add(sink.getContextResolvedTable());
          }
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (ContextResolvedTable sink : sinks) {
      Map<String, String> own = sink.getResolvedTable().getOptions();
      if (!KAFKA_CONNECTORS.contains(own.getOrDefault("connector", ""))
          || (!override && own.containsKey("sink.delivery-guarantee"))) {
        continue;
      }
      if (!sink.isPermanent()) {
        throw new DeployException(
            "The Kafka table "
                + sink.getIdentifier().getObjectName()
                + " is temporary, so its delivery guarantee cannot be set: declare"
                + " 'sink.delivery-guarantee' in its WITH clause, or create it with CREATE TABLE.");
      }
      out.add(
          "ALTER TABLE "
              + sink.getIdentifier().asSerializableString()
              + " SET ("
              + options.entrySet().stream()
                  .map(e -> literal(e.getKey()) + " = " + literal(e.getValue()))
                  .collect(Collectors.joining(", "))
              + ")");
    }
    return out;
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
