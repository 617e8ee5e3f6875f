package io.eddy.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.core.analysis.ExpressionChecker.Result;
import io.eddy.core.analysis.FlinkExpressionChecker;
import io.eddy.core.model.Property;
import io.eddy.core.model.PropertyType;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.SqlParserException;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.types.logical.LogicalType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The analysis checks expressions by Flink's parsing and validation alone ({@link PlannerSteps});
 * these tests hold it to what {@code TableEnvironment.sqlQuery} says of the same queries: the same
 * column types (nullability, precision, nested types, time attributes) for a varied set of
 * expressions, and a refusal wherever sqlQuery refuses.
 */
class PlannerStepsTest {
  /** Typed nulls as the checker gives its inputs, and values whose types are NOT NULL. */
  private static final String INPUT =
      "(VALUES (CAST(NULL AS INT), CAST(NULL AS BIGINT), CAST(NULL AS DOUBLE),"
          + " CAST(NULL AS DECIMAL(10, 2)), CAST(NULL AS STRING), CAST(NULL AS BOOLEAN),"
          + " CAST(NULL AS TIMESTAMP(3)), CAST(NULL AS TIMESTAMP_LTZ(3)), CAST(NULL AS DATE),"
          + " CAST(NULL AS ROW<`a` INT, `b` ROW<`c` STRING>>), CAST(NULL AS ARRAY<DOUBLE>),"
          + " CAST(NULL AS MAP<STRING, INT>), 7, 'seven', CAST(1.5 AS DECIMAL(5, 1))))"
          + " AS `in put`(i, l, d, dc, s, b, ts, ltz, dt, r, arr, m, i_nn, s_nn, dc_nn)";

  static final List<String> EXPRESSIONS =
      List.of(
          "1",
          "3000000000",
          "1.5",
          "1e3",
          "'text'",
          "TRUE",
          "CAST(NULL AS INT)",
          "i + 1",
          "i_nn + 1",
          "i_nn * l",
          "i / 2",
          "d * 2",
          "dc * 3",
          "dc / 7",
          "dc + dc_nn",
          "dc_nn * dc_nn",
          "CAST(d AS DECIMAL(38, 10)) * 2",
          "i > 3 AND s <> 'x'",
          "s_nn = 'seven'",
          "s IS NULL",
          "i_nn IS NOT NULL",
          "COALESCE(i, 0)",
          "COALESCE(i, i_nn, 3)",
          "NULLIF(i, 3)",
          "CASE WHEN i > 1 THEN 'a' ELSE 'bbb' END",
          "CASE WHEN i_nn > 1 THEN i_nn END",
          "IF(b, d, 0.5)",
          "UPPER(s) || s_nn",
          "CONCAT(s_nn, 'x')",
          "SUBSTRING(s FROM 2 FOR 3)",
          "CHAR_LENGTH(s_nn)",
          "TRIM(s)",
          "REGEXP_EXTRACT(s, '[0-9]+', 0)",
          "JSON_VALUE(s, '$.a')",
          "JSON_VALUE(s, '$.a' RETURNING INT)",
          "JSON_OBJECT('a' VALUE i)",
          "s LIKE 'a%'",
          "i IN (1, 2, 3)",
          "i BETWEEN 1 AND l",
          "CAST(s AS INT)",
          "TRY_CAST(s AS INT)",
          "CAST(i AS STRING)",
          "CAST(s_nn AS VARCHAR(3))",
          "ts",
          "ts + INTERVAL '1' HOUR",
          "ltz",
          "TO_TIMESTAMP_LTZ(l, 3)",
          "CAST(ts AS TIMESTAMP_LTZ(3))",
          "CURRENT_TIMESTAMP",
          "LOCALTIMESTAMP",
          "CURRENT_DATE",
          "EXTRACT(HOUR FROM ts)",
          "DATE_FORMAT(ts, 'yyyy-MM-dd')",
          "TIMESTAMPDIFF(SECOND, ts, ts)",
          "TIMESTAMPADD(DAY, 1, ts)",
          "dt + INTERVAL '1' DAY",
          "UNIX_TIMESTAMP()",
          "r",
          "r.a",
          "r.b.c",
          "ROW(i, s_nn)",
          "ROW(1, 'a', CAST(NULL AS DOUBLE))",
          "arr",
          "arr[1]",
          "CARDINALITY(arr)",
          "ARRAY[1, 2]",
          "ARRAY[i, i_nn]",
          "m['k']",
          "MAP['a', 1]",
          "MD5(s)",
          "UUID()",
          "RAND()",
          "PROCTIME()",
          "i IN (SELECT 1)",
          "EXISTS (SELECT 1)",
          "(SELECT MAX(x) FROM (VALUES (1), (2)) AS t(x))",
          "SUM(d) OVER (ORDER BY i)");

  static final List<String> REFUSED =
      List.of(
          "NULL",
          "nope + 1",
          "s + 1",
          "UPPER(i, 2)",
          "SUM(d)",
          "i = 'a' AND",
          "CAST(s AS NOPE)",
          "DATE '2020-13-45'",
          "`in put`.nope",
          "other.i",
          "ts > 1",
          "CURRENT_WATERMARK(ts)");

  private static TableEnvironment env;
  private static PlannerSteps steps;

  @BeforeAll
  static void start() {
    env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    steps = PlannerSteps.of(env).orElseThrow(() -> new AssertionError("Flink's steps unreachable"));
    env.executeSql(
        "CREATE TEMPORARY TABLE events (id INT, t TIMESTAMP(3), l TIMESTAMP_LTZ(3),"
            + " p AS PROCTIME(), WATERMARK FOR t AS t) WITH ('connector' = 'datagen')");
  }

  @Test
  void types_are_those_sql_query_gives_for_varied_expressions() {
    for (String expression : EXPRESSIONS) {
      String query = "SELECT *, (\n" + expression + "\n) AS `eddy_expression_0`\nFROM " + INPUT;
      assertSameTypes(query);
    }
  }

  @Test
  void several_expressions_in_one_query_keep_their_types() {
    StringBuilder query = new StringBuilder("SELECT *");
    for (int i = 0; i < EXPRESSIONS.size(); i++) {
      query.append(", (\n").append(EXPRESSIONS.get(i)).append("\n) AS `e").append(i).append('`');
    }
    assertSameTypes(query.append("\nFROM ").append(INPUT).toString());
  }

  @Test
  void time_attributes_are_those_sql_query_gives() {
    assertSameTypes("SELECT * FROM events");
    assertSameTypes("SELECT t, p, l, t + INTERVAL '1' SECOND, CAST(t AS TIMESTAMP(3)) FROM events");
    assertSameTypes(
        "SELECT window_start, window_end, window_time, COUNT(*) FROM TABLE(TUMBLE(TABLE events,"
            + " DESCRIPTOR(t), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end,"
            + " window_time");
    assertThat(steps.validatedTypes("SELECT t, p FROM events"))
        .extracting(LogicalType::asSummaryString)
        .containsExactly("TIMESTAMP(3) *ROWTIME*", "TIMESTAMP_LTZ(3) NOT NULL *PROCTIME*");
  }

  /** The catalog reader is kept between queries, but not past a change of the current database. */
  @Test
  void names_resolve_in_the_current_database_after_it_changes() {
    assertSameTypes("SELECT * FROM events");
    env.executeSql("CREATE DATABASE IF NOT EXISTS elsewhere");
    try {
      env.useDatabase("elsewhere");
      env.executeSql(
          "CREATE TEMPORARY TABLE events (other STRING NOT NULL) WITH ('connector' = 'datagen')");
      assertSameTypes("SELECT * FROM events");
      assertThat(steps.validatedTypes("SELECT * FROM events"))
          .extracting(LogicalType::asSummaryString)
          .containsExactly("STRING NOT NULL");
    } finally {
      env.useDatabase("default_database");
    }
    assertThat(steps.validatedTypes("SELECT * FROM events")).hasSize(4);
  }

  @Test
  void what_sql_query_refuses_is_refused() {
    for (String expression : REFUSED) {
      String query = "SELECT *, (\n" + expression + "\n) AS `eddy_expression_0`\nFROM " + INPUT;
      assertThatThrownBy(() -> env.sqlQuery(query)).as(expression).isNotNull();
      assertThatThrownBy(() -> steps.validatedTypes(query)).as(expression).isNotNull();
    }
  }

  @Test
  void parsing_alone_refuses_only_what_is_not_an_expression() {
    steps.parseExpression("nope + UPPER(1, 2)"); // unknown names and wrong calls parse
    assertThatThrownBy(() -> steps.parseExpression("price > > 1"))
        .isInstanceOf(SqlParserException.class);
    assertThatThrownBy(() -> steps.parseExpression("1; DROP TABLE x"))
        .isInstanceOf(SqlParserException.class);
  }

  /**
   * One parser object serves every parse: it must read each text as a new parser would, whatever it
   * read before (refusals in between, quoted names, comments, dynamic parameters).
   */
  @Test
  void the_reused_parser_reads_as_a_new_one() {
    List<String> expressions =
        List.of(
            "`in put`.i + 1",
            "price > > 1",
            "CAST(? AS INT) + ?",
            "'it''s' || s -- comment",
            "/* open",
            "\"quoted\" = `back``tick`",
            "CASE WHEN b THEN ARRAY[1, 2] ELSE NULL END",
            "1; DROP TABLE x",
            "x /* c */ + 1",
            "TIMESTAMP '2020-01-01 00:00:00' + INTERVAL '1' DAY");
    for (int round = 0; round < 2; round++) {
      for (String expression : expressions) {
        String fresh = steps.parseTree(expression, true, false);
        assertThat(steps.parseTree(expression, true, true)).as(expression).isEqualTo(fresh);
        String query = "SELECT *, (\n" + expression + "\n) AS `eddy_expression_0`\nFROM " + INPUT;
        assertThat(steps.parseTree(query, false, true))
            .as(query)
            .isEqualTo(steps.parseTree(query, false, false));
      }
    }
    assertThat(steps.parseTree("`in put`.i + 1", true, true)).isNotNull();
    // Refusals still carry Flink's own message, from a new parser.
    assertThatThrownBy(() -> steps.parseExpression("price > > 1"))
        .isInstanceOf(SqlParserException.class)
        .hasMessageContaining("Encountered \"> >\" at line 1, column 7");
    for (String expression : EXPRESSIONS) {
      String query = "SELECT *, (\n" + expression + "\n) AS `eddy_expression_0`\nFROM " + INPUT;
      steps.parseTree("price > > 1", true, true);
      assertSameTypes(query);
    }
  }

  /** What the analysis tells of an expression Flink refuses: Flink's message and its position. */
  @Test
  void refusals_keep_flink_messages_with_positions_in_the_expression() {
    FlinkExpressionChecker checker = new FlinkExpressionChecker();
    LinkedHashMap<String, List<Property>> input = new LinkedHashMap<>();
    input.put(
        "orders",
        List.of(
            Property.of("price", PropertyType.DOUBLE), Property.of("region", PropertyType.STRING)));
    List<Result> results =
        checker.check(
            input, List.of("price * 2", "price > nope", "region = 'x' AND\n  price + 'a'"));
    assertThat(results.get(0).ok()).isTrue();
    assertThat(results.get(0).flinkType()).isEqualTo("DOUBLE");
    assertThat(results.get(1).error()).isEqualTo("Column 'nope' not found in any table.");
    assertThat(results.get(2).error())
        .startsWith("Cannot apply '+' to arguments of type '<DOUBLE> + <CHAR(1)>'")
        .doesNotContain("eddy_expression");
    assertThat(checker.check(input, List.of("price >\n\n  nope")).get(0).error())
        .isEqualTo("Column 'nope' not found in any table.");
    // Positions count from the expression's own first line, as the user wrote it.
    assertThat(checker.check(input, List.of("price > * 2")).get(0).error())
        .isEqualTo("Encountered \"> *\" at column 7.");
    assertThat(checker.check(input, List.of("price > 1 AND\n  region = = 'x'")).get(0).error())
        .isEqualTo("Encountered \"= =\" at line 2, column 10.");
  }

  private static void assertSameTypes(String query) {
    List<LogicalType> expected =
        env.sqlQuery(query).getResolvedSchema().getColumns().stream()
            .map(Column::getDataType)
            .map(t -> t.getLogicalType())
            .toList();
    List<LogicalType> actual = steps.validatedTypes(query);
    assertThat(actual).as(query).isEqualTo(expected);
    assertThat(actual)
        .as(query)
        .extracting(LogicalType::asSummaryString)
        .isEqualTo(expected.stream().map(LogicalType::asSummaryString).toList());
  }
}
