package io.eddy.core.nodes;

import io.eddy.core.compile.CompileContext;
import io.eddy.core.model.Duration;
import io.eddy.core.model.Property;
import io.eddy.core.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The SQL of a detect pattern with a "not followed by … within" step. Flink's MATCH_RECOGNIZE only
 * emits complete matches, so the absence is a second step: an interval LEFT JOIN of the matches
 * with the input's events that satisfy the "not" condition, same partition, keeping the matches
 * that found none ({@code found IS NULL}: a marker column that is never null on a real event).
 *
 * <p>The join's time bounds are on the match's own time ({@code MATCH_ROWTIME()}, the only measure
 * Flink keeps as a time attribute; it turns {@code FIRST(step.ts)} into a plain timestamp): a "not"
 * event counts when it is after the match's last event and at most the time limit after it. The
 * real limit, less than the time limit after the match's first event, is a remaining condition on
 * plain timestamps (a remaining condition that touched a time attribute would turn the interval
 * join into a regular one, which retracts). An unmatched match is emitted once the watermark passes
 * its last event + the time limit; the join holds its output watermark back by as much, so the
 * match time stays a usable event time downstream, and the output is append-only.
 */
final class NotFollowedBySql {

  private NotFollowedBySql() {}

  /**
   * The view's query: {@code matches} is the MATCH_RECOGNIZE query text builder, given the hidden
   * measures to add after the declared ones.
   */
  static String query(
      DetectPatternNode.Config config,
      List<OutputColumns.Column> columns,
      CompileContext.InputRelation input,
      Property eventTime,
      Function<List<DetectPatternNode.Measure>, String> matches) {
    DetectPatternNode.NotFollowedBy not = config.notFollowedBy();
    List<Property> output = OutputColumns.properties(columns);
    String firstTime = CompileContext.freeColumn("eddy_first_time", output);
    String matchTime = CompileContext.freeColumn("eddy_match_time", output);
    String notTime = CompileContext.freeColumn("eddy_time", input.properties());
    String found = CompileContext.freeColumn("eddy_found", input.properties());
    String matched = not.name().equalsIgnoreCase("matched") ? "matches" : "matched";
    String absent = not.name();

    List<DetectPatternNode.Measure> measures =
        new ArrayList<>(config.measures() == null ? List.of() : config.measures());
    String firstStep = config.steps().get(0).name();
    measures.add(
        new DetectPatternNode.Measure(
            firstTime, "CAST(FIRST(" + Sql.id(firstStep, eventTime.name()) + ") AS TIMESTAMP(3))"));
    measures.add(new DetectPatternNode.Measure(matchTime, "MATCH_ROWTIME()"));

    Duration within = config.within();
    List<String> partition = config.partitionBy();
    String rightColumns =
        partition.stream().map(Sql::id).collect(Collectors.joining(", "))
            + ", "
            + Sql.id(eventTime.name())
            + ", CAST("
            + Sql.id(eventTime.name())
            + " AS TIMESTAMP(3)) AS "
            + Sql.id(notTime)
            + ", TRUE AS "
            + Sql.id(found);
    String samePartition =
        partition.stream()
            .map(p -> Sql.id(matched, p) + " IS NOT DISTINCT FROM " + Sql.id(absent, p))
            .collect(Collectors.joining("\nAND "));
    String absentTime = Sql.id(absent, eventTime.name());
    return "SELECT\n"
        + columns.stream()
            .map(
                c ->
                    "  "
                        + Sql.id(matched, c.property().name())
                        + " AS "
                        + Sql.id(c.property().name()))
            .collect(Collectors.joining(",\n"))
        + "\nFROM (\nSELECT\n"
        + OutputColumns.selectList(columns)
        + ",\n  "
        + Sql.id(firstTime)
        + ",\n  "
        + Sql.id(matchTime)
        + "\nFROM (\n"
        + matches.apply(measures)
        + "\n)\n) AS "
        + Sql.id(matched)
        + "\nLEFT JOIN (\nSELECT "
        + rightColumns
        + "\nFROM "
        + Sql.id(input.relation())
        + "\nWHERE (\n  "
        + not.condition().strip()
        + "\n)\n) AS "
        + Sql.id(absent)
        + "\nON "
        + samePartition
        + "\nAND "
        + absentTime
        + " > "
        + Sql.id(matched, matchTime)
        + "\nAND "
        + absentTime
        + " <= "
        + Sql.id(matched, matchTime)
        + " + "
        + within.toSqlInterval()
        + "\nAND "
        + Sql.id(absent, notTime)
        + " < "
        + Sql.id(matched, firstTime)
        + " + "
        + within.toSqlInterval()
        + "\nWHERE "
        + Sql.id(absent, found)
        + " IS NULL";
  }
}
