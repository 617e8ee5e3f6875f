package io.eddy.core.nodes;

import io.eddy.core.compile.CompileContext;
import io.eddy.core.model.Property;
import io.eddy.core.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Database enrichment: looks each event up in a PostgreSQL table by equality, at the moment it is
 * processed, and adds the chosen columns (null when nothing matches). {@code columns} records the
 * table's types when the node was configured, so the flow compiles without a database.
 */
public final class DatabaseEnrichmentNode extends NodeType<DatabaseEnrichmentNode.Config> {

  /** The enrichment's config. */
  public record Config(
      Jdbc jdbc,
      String table,
      List<PropertyConfig> columns,
      List<Enrichment.Match> match,
      List<String> enrich,
      Cache cache,
      OutputConfig output) {}

  /** The database connection. */
  public record Jdbc(String url, String username, String password) {}

  /** The lookup cache: how many rows, kept how long (seconds). */
  public record Cache(Integer maxRows, Integer ttlSeconds) {}

  /** The table's columns as the analysis read them. */
  record TableColumns(List<Property> columns) {}

  @Override
  public Set<Role> roles() {
    return Set.of(Role.PER_EVENT);
  }

  @Override
  public String type() {
    return "databaseEnrichment";
  }

  @Override
  public String label() {
    return "Database";
  }

  @Override
  public String group() {
    return "Enrichment";
  }

  @Override
  public String description() {
    return "Adds columns of a PostgreSQL table row that matches each event.";
  }

  @Override
  public Class<Config> configClass() {
    return Config.class;
  }

  @Override
  public String color() {
    return "#b28600";
  }

  private static final List<Field> FIELDS =
      Field.config(
          Field.object(
                  "jdbc",
                  "Database",
                  "The PostgreSQL database.",
                  Field.string("url", "JDBC URL", "e.g. jdbc:postgresql://localhost:5432/shop.")
                      .asRequired()
                      .withSchema(Map.of("pattern", "^jdbc:postgresql:")),
                  Field.string("username", "Username", null),
                  Field.string("password", "Password", null).sensitive("JDBC_PASSWORD"))
              .asRequired(),
          Field.string("table", "Table", "A lowercase table name, optionally schema.table.")
              .asRequired()
              .asCustom(),
          Field.properties(
                  "columns",
                  "Columns",
                  "The table's columns and types, recorded so that the flow compiles without a"
                      + " database.")
              .asRequired()
              .asCustom(),
          Field.list(
                  "match",
                  "Match",
                  "Event properties equal to table columns.",
                  Field.object(
                      "criterion",
                      "Match criterion",
                      null,
                      Field.property("property", "Property", null).asRequired(),
                      Field.string("column", "Column", null).asRequired()))
              .asRequired()
              .asCustom(),
          Field.list(
                  "enrich",
                  "Columns to add",
                  "Added to each event; null when no row matches.",
                  Field.string("column", "Column", null))
              .asRequired()
              .asCustom(),
          Field.object(
              "cache",
              "Lookup cache",
              "Rows kept in memory; 0 turns the cache off.",
              Field.integer("maxRows", "Rows", null).withDefault(10_000),
              Field.integer("ttlSeconds", "Kept for (seconds)", null).withDefault(60)),
          OutputConfig.FIELD);

  @Override
  public String documentation() {
    return """
        A lookup join on processing time against PostgreSQL; `enrich` columns are added (null when nothing
        matches). `columns` records the table's types so the flow compiles without a database. The lookup
        cache defaults to 10,000 rows kept 60 s.
        """;
  }

  @Override
  public List<Field> fields() {
    return FIELDS;
  }

  @Override
  public void analyse(Config config, NodeContext context, NodeAnalysis result) {
    Cache cache = config.cache();
    if (cache != null && cache.maxRows() != null && cache.maxRows() < 0) {
      result.error(
          "cache.maxRows",
          "enrichment.cache-invalid",
          "The cache's maxRows cannot be negative (0 turns the cache off).");
    }
    if (cache != null && cache.ttlSeconds() != null && cache.ttlSeconds() < 0) {
      result.error(
          "cache.ttlSeconds",
          "enrichment.cache-invalid",
          "The cache's ttlSeconds cannot be negative (0 turns the cache off).");
    }
    result.columns(columns(config, context.input(), result));
  }

  private List<OutputColumns.Column> columns(Config config, NodeInput input, NodeAnalysis result) {
    Jdbc jdbc = config.jdbc();
    if (jdbc == null || jdbc.url() == null || jdbc.url().isBlank()) {
      result.missing(
          "jdbc.url",
          "enrichment.url-missing",
          "Enter the database's JDBC URL, e.g. jdbc:postgresql://localhost:5432/shop.");
    } else if (!jdbc.url().startsWith("jdbc:postgresql:")) {
      result.error(
          "jdbc.url",
          "enrichment.url-invalid",
          "The JDBC URL must start with jdbc:postgresql: (only PostgreSQL is supported).");
    }
    if (config.table() == null || config.table().isBlank()) {
      result.missing("table", "enrichment.table-missing", "Choose the database table.");
    } else if (!config.table().matches("[a-z_][a-z0-9_$]*(\\.[a-z_][a-z0-9_$]*)?")) {
      result.error(
          "table",
          "enrichment.table-invalid",
          "Table `"
              + config.table()
              + "` must be a lowercase table name (optionally schema.table).");
    }
    List<Property> tableColumns = SourceNode.readColumns(config.columns(), result);
    result.keep(new TableColumns(tableColumns));
    String rows = "table `" + config.table() + "`";
    List<Enrichment.Match> match = config.match() == null ? List.of() : config.match();
    Enrichment.checkMatch(match, input, tableColumns, rows, result);
    List<String> enrich = config.enrich() == null ? List.of() : config.enrich();
    return OutputColumns.apply(
        config.output(), Enrichment.columns(input, enrich, tableColumns, rows, result), result);
  }

  @Override
  public NodeSql compile(Config config, CompileContext context) {
    List<Property> tableColumns = context.analysed(TableColumns.class).columns();
    String table = context.helperRelation("(database table)");
    List<String[]> options = new ArrayList<>();
    options.add(new String[] {"connector", "jdbc"});
    options.add(new String[] {"url", config.jdbc().url()});
    options.add(new String[] {"table-name", config.table()});
    if (config.jdbc().username() != null && !config.jdbc().username().isBlank()) {
      options.add(new String[] {"username", config.jdbc().username()});
    }
    if (config.jdbc().password() != null && !config.jdbc().password().isEmpty()) {
      options.add(
          new String[] {"password", context.secret("jdbc.password", config.jdbc().password())});
    }
    Cache cache = config.cache();
    int maxRows = cache != null && cache.maxRows() != null ? cache.maxRows() : 10_000;
    int ttl = cache != null && cache.ttlSeconds() != null ? cache.ttlSeconds() : 60;
    if (maxRows > 0 && ttl > 0) {
      options.add(new String[] {"lookup.cache", "PARTIAL"});
      options.add(new String[] {"lookup.partial-cache.max-rows", Integer.toString(maxRows)});
      options.add(new String[] {"lookup.partial-cache.expire-after-write", ttl + " s"});
    }
    options.add(new String[] {"lookup.max-retries", "3"});
    String create =
        "CREATE TABLE "
            + Sql.id(table)
            + " (\n"
            + DestinationNode.columnList(tableColumns)
            + "\n) "
            + Sql.withOptions(options);
    String proctime = CompileContext.freeColumn("eddy_lookup_time", context.input().properties());
    String view =
        "CREATE TEMPORARY VIEW "
            + Sql.id(context.relation())
            + " AS\nSELECT\n"
            + OutputColumns.selectList(context.columns())
            + "\nFROM (SELECT *, PROCTIME() AS "
            + Sql.id(proctime)
            + " FROM "
            + Sql.id(context.input().relation())
            + ") AS `event`\nLEFT JOIN "
            + Sql.id(table)
            + " FOR SYSTEM_TIME AS OF `event`."
            + Sql.id(proctime)
            + " AS `row`\nON "
            + Enrichment.condition(config.match());
    return NodeSql.of(create, view);
  }
}
