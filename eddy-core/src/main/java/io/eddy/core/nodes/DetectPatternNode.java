package io.eddy.core.nodes;

import io.eddy.core.analysis.ExpressionChecker;
import io.eddy.core.compile.CompileContext;
import io.eddy.core.model.Duration;
import io.eddy.core.model.Property;
import io.eddy.core.model.PropertyType;
import io.eddy.core.sql.ExpressionGuard;
import io.eddy.core.sql.Sql;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Detect pattern: per partition, in event-time order, a sequence of named steps (each a condition,
 * repeated {@code times}), strictly consecutive, within a time limit from the first step's event.
 * One event per match with the partition properties and the measures. The SQL is Flink's {@code
 * MATCH_RECOGNIZE} (ONE ROW PER MATCH, AFTER MATCH SKIP PAST LAST ROW), so the output is
 * append-only; the measures' types are what Flink's planner says the whole clause returns.
 */
public final class DetectPatternNode extends NodeType<DetectPatternNode.Config> {

  /** The node's config. */
  public record Config(
      List<String> partitionBy,
      List<Step> steps,
      Duration within,
      NotFollowedBy notFollowedBy,
      List<Measure> measures) {}

  /** One step of the pattern: its name (used in measures), condition and repetitions. */
  public record Step(String name, String condition, Times times) {}

  /** How many consecutive events a step matches: {@code max} absent means one or more. */
  public record Times(Integer min, Integer max) {}

  /**
   * A step that must not happen: no event of the partition satisfying {@code condition} after the
   * match's last event and before the time limit (counted from the match's first event) runs out.
   */
  public record NotFollowedBy(String name, String condition) {}

  /** One output property computed per match, e.g. {@code FIRST(started.ts)}. */
  public record Measure(String name, String expression) {}

  /** Step names are used unquoted in measures ({@code started.ts}), so they are plain words. */
  private static final Pattern STEP_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** The line of the first measure's text in {@link #query}. */
  private static final int FIRST_MEASURE_LINE = 6;

  /** What precedes a measure's first line in {@link #query}. */
  private static final String MEASURE_INDENT = "    ";

  /** Where Flink's planner says a problem is: its line in the planned query. */
  private static final Pattern AT_LINE = Pattern.compile("^At line (\\d+), column (\\d+): ");

  @Override
  public String type() {
    return "detectPattern";
  }

  @Override
  public String label() {
    return "Detect pattern";
  }

  @Override
  public String group() {
    return "Windowed";
  }

  @Override
  public String description() {
    return "Finds a sequence of events (steps, each a condition) per key within a time limit.";
  }

  @Override
  public Class<Config> configClass() {
    return Config.class;
  }

  @Override
  public String color() {
    return "#8a3800";
  }

  private static final List<Field> FIELDS =
      Field.config(
          Field.list(
                  "partitionBy",
                  "Partition by",
                  "The properties whose values form a sequence of their own (e.g. a transaction"
                      + " id): patterns are looked for per value, never across values.",
                  Field.property("property", "Property", null))
              .asRequired()
              .asCustom(),
          Field.list(
                  "steps",
                  "Steps",
                  "The steps of the pattern, in order: each matches the next event(s) of the"
                      + " partition, with no other event in between.",
                  Field.object(
                      "step",
                      "Step",
                      null,
                      Field.string(
                              "name",
                              "Name",
                              "A plain word (letters, digits, _) that measures use, e.g."
                                  + " FIRST(started.ts).")
                          .asRequired(),
                      Field.expression(
                              "condition",
                              "Condition",
                              "A Flink SQL boolean expression over the input's properties, e.g."
                                  + " state = 'STARTED'.")
                          .asRequired(),
                      Field.object(
                          "times",
                          "Times",
                          "How many consecutive events the step matches; once when absent.",
                          Field.integer("min", "At least", "1 or more; 1 when absent.")
                              .withSchema(Map.of("minimum", 1)),
                          Field.integer("max", "At most", "No upper limit when absent.")
                              .withSchema(Map.of("minimum", 1)))))
              .asRequired()
              .asCustom(),
          Field.duration(
                  "within",
                  "Time limit",
                  "The whole pattern must happen within this time from the first step's event.")
              .asRequired(),
          Field.object(
                  "notFollowedBy",
                  "Not followed by",
                  "Optional: a step that must not happen. The match is reported only when no event"
                      + " of the partition satisfying the condition comes after its last step and"
                      + " before the time limit (from the first step's event) runs out; it is"
                      + " reported once that time has passed.",
                  Field.string(
                          "name",
                          "Name",
                          "A plain word (letters, digits, _), unlike the steps' names, e.g."
                              + " completed.")
                      .asRequired(),
                  Field.expression(
                          "condition",
                          "Condition",
                          "A Flink SQL boolean expression over the input's properties, e.g."
                              + " state = 'COMPLETED'.")
                      .asRequired())
              .asCustom(),
          Field.list(
                  "measures",
                  "Measures",
                  "The output properties computed per match, besides the partition properties.",
                  Field.object(
                      "measure",
                      "Measure",
                      null,
                      Field.string("name", "Name", "The output property's name.").asRequired(),
                      Field.expression(
                              "expression",
                              "Expression",
                              "Over the steps by name, e.g. FIRST(started.ts),"
                                  + " LAST(processing.amount), COUNT(processing.ts).")
                          .asRequired()))
              .asCustom());

  @Override
  public String documentation() {
    return """
        Example: `{"partitionBy": ["txid"], "steps": [{"name": "started", "condition": "state = 'STARTED'"},
        {"name": "processing", "condition": "state = 'PROCESSING'", "times": {"min": 2, "max": 2}}],
        "within": {"value": 7, "unit": "MINUTE"}, "measures": [{"name": "startedAt", "expression":
        "FIRST(started.ts)"}, {"name": "amount", "expression": "LAST(processing.amount)"}]}`.
        The input must have an event time: per partition (the `partitionBy` values), events are taken in
        event-time order, and a match is the steps in sequence, strictly consecutive (no other event of
        the partition in between), the last event less than `within` after the first. Each step matches one
        event, or with `times` from `min` (default 1) to `max` consecutive events (`max` absent: no upper
        limit). A condition is checked like a filter's, over the event's own properties: it cannot name
        another step or use `PREV` (Flink's `DEFINE` would allow both; not offered yet). On the
        last step a range matches as few events as it can (`min`), since the match is
        complete as soon as the last step is satisfied. After a match, the next one starts after its last
        event. Output: the `partitionBy` properties and the `measures`, one event per match, appended when
        the match completes (a Kafka destination can follow). Measures name steps: `FIRST(started.ts)`,
        `LAST(processing.amount)`, `COUNT(processing.ts)` (the number of events of the step; Flink 2.2
        refuses `COUNT(processing.*)`), `SUM(processing.amount)`, `processing.amount` (the last one);
        `MATCH_ROWTIME()` is the event time of the match (its last event) and stays an
        event time, so a window can follow. No other property is an event time after this node.
        `notFollowedBy` (optional, e.g. `{"name": "completed", "condition": "state = 'COMPLETED'"}`)
        is a step that must *not* happen: a match is output only when no event of its partition
        satisfying the condition comes after the match's last event and less than `within` after its
        first event (an event exactly `within` after is too late, as for the steps). Such a match is
        output once the watermark passes the match's last event + `within` (at the end of the input
        in a test run), still append-only with `MATCH_ROWTIME()` an event time. Its name follows the
        step names' rules; measures cannot name it. SQL: `MATCH_RECOGNIZE` with `ONE ROW PER MATCH`,
        `AFTER MATCH SKIP PAST LAST ROW` and `WITHIN`; with `notFollowedBy`, an interval left join of
        the matches with the events satisfying the condition (see
        [sql-export.md](sql-export.md#detect-pattern-match_recognize)).
        """;
  }

  @Override
  public List<Field> fields() {
    return FIELDS;
  }

  @Override
  public void analyse(Config config, NodeContext context, NodeAnalysis result) {
    result.columns(columns(config, context, result));
  }

  /** The output columns as Flink's planner types them; empty while anything is wrong. */
  private static List<OutputColumns.Column> columns(
      Config config, NodeContext context, NodeAnalysis result) {
    NodeInput input = context.input();
    int before = result.problems().size();
    Optional<Property> eventTime =
        input.properties().stream().filter(Property::eventTime).findFirst();
    if (eventTime.isEmpty()) {
      result.error(
          null,
          "detectPattern.no-event-time",
          "The input `"
              + input.nodeName()
              + "` has no event time: patterns are looked for in event-time order, so the input"
              + " must carry an event time (e.g. the source's).");
    }
    checkPartition(config.partitionBy(), input, result);
    checkSteps(config.steps(), context, result);
    checkWithin(config.within(), result);
    checkNotFollowedBy(config, context, result);
    checkMeasureNames(config, result);
    if (result.problems().size() > before) {
      return List.of();
    }
    return planned(config, context, eventTime.get(), result);
  }

  private static void checkPartition(
      List<String> partitionBy, NodeInput input, NodeAnalysis result) {
    if (partitionBy == null || partitionBy.isEmpty()) {
      result.missing(
          "partitionBy",
          "detectPattern.partition-missing",
          "Choose what to partition by: the properties whose values each have their own sequence of"
              + " events, e.g. a transaction id.");
      return;
    }
    Set<String> seen = new HashSet<>();
    for (String name : partitionBy) {
      if (name == null || name.isBlank()) {
        result.error(
            "partitionBy", "detectPattern.partition-blank", "A partition property is empty.");
      } else if (!seen.add(name)) {
        result.error(
            "partitionBy",
            "detectPattern.partition-repeated",
            "`" + name + "` is in Partition by twice: keep one.");
      } else if (input.property(name).isEmpty()) {
        result.error(
            "partitionBy",
            "property.unknown",
            "There is no property `" + name + "` in the input `" + input.nodeName() + "`.");
      } else if (input.property(name).get().eventTime()) {
        result.error(
            "partitionBy",
            "detectPattern.partition-event-time",
            "`"
                + name
                + "` is the event time, which orders the events: partition by another property.");
      } else if (input.property(name).get().type().isComposite()) {
        result.error(
            "partitionBy",
            "detectPattern.partition-nested",
            "`"
                + name
                + "` is "
                + input.property(name).get().type()
                + ": partition by plain values (a transform can take one out).");
      }
    }
  }

  private static void checkSteps(List<Step> steps, NodeContext context, NodeAnalysis result) {
    if (steps == null || steps.isEmpty()) {
      result.missing(
          "steps",
          "detectPattern.steps-missing",
          "Add the steps of the pattern, e.g. started (state = 'STARTED'), then processing.");
      return;
    }
    var relations = new LinkedHashMap<String, List<Property>>();
    relations.put(context.input().nodeName(), context.input().properties());
    Set<String> names = new HashSet<>();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      String at = "steps[" + i + "]";
      String name = step == null ? null : step.name();
      if (name == null || name.isBlank()) {
        result.missing(
            at + ".name", "detectPattern.step-name-missing", "Name step " + (i + 1) + ".");
      } else {
        checkStepName(at + ".name", name, names, result);
      }
      String condition = step == null ? null : step.condition();
      String what =
          "Condition of step " + (name == null || name.isBlank() ? i + 1 : "`" + name + "`");
      if (condition == null || condition.isBlank()) {
        result.missing(
            at + ".condition",
            "detectPattern.condition-missing",
            "Enter the condition of step "
                + (i + 1)
                + ", a boolean expression, e.g. state = 'STARTED'.");
      } else {
        checkCondition(at + ".condition", what, condition, context, relations, result);
      }
      Times times = step == null ? null : step.times();
      if (times != null) {
        int min = times.min() == null ? 1 : times.min();
        if (min < 1) {
          result.error(
              at + ".times.min",
              "detectPattern.times-min",
              "Step " + (i + 1) + " must match at least once: set At least to 1 or more.");
        } else if (times.max() != null && times.max() < min) {
          result.error(
              at + ".times.max",
              "detectPattern.times-max",
              "Step "
                  + (i + 1)
                  + ": At most ("
                  + times.max()
                  + ") is less than At least ("
                  + min
                  + ").");
        }
      }
    }
  }

  /** Step names are words, not reserved, and unique (ignoring case) among {@code names}. */
  private static void checkStepName(
      String at, String name, Set<String> names, NodeAnalysis result) {
    if (!STEP_NAME.matcher(name).matches()) {
      result.error(
          at,
          "detectPattern.step-name-invalid",
          "Step name `"
              + Sql.commentText(name)
              + "` must be one word of letters, digits and _ (not starting with a digit), since"
              + " measures use it as in FIRST("
              + "step.property).");
    } else if (isReserved(name)) {
      result.error(
          at,
          "name.reserved",
          "Step name `" + name + "` is a word Flink SQL reserves: choose another name.");
    } else if (!names.add(name.toLowerCase(Locale.ROOT))) {
      result.error(
          at,
          "detectPattern.step-name-duplicate",
          "Two steps are named `" + name + "`: name them apart.");
    }
  }

  /** A step's condition is a boolean expression over the input's own properties. */
  private static void checkCondition(
      String at,
      String what,
      String condition,
      NodeContext context,
      LinkedHashMap<String, List<Property>> relations,
      NodeAnalysis result) {
    ExpressionChecker.Result checked =
        Expressions.check(context, relations, at, what, condition, result);
    if (checked != null && checked.type() != PropertyType.BOOLEAN) {
      result.error(
          at,
          "expression.not-boolean",
          what
              + " `"
              + condition.strip()
              + "` is "
              + checked.flinkType()
              + ", not a condition: it must be true or false (e.g. state = 'STARTED').");
    }
  }

  /**
   * The step that must not happen: named like a step (apart from the steps), its condition checked
   * like theirs.
   */
  private static void checkNotFollowedBy(Config config, NodeContext context, NodeAnalysis result) {
    NotFollowedBy not = config.notFollowedBy();
    if (not == null) {
      return;
    }
    Set<String> names = new HashSet<>();
    if (config.steps() != null) {
      config.steps().stream()
          .filter(s -> s != null && s.name() != null)
          .forEach(s -> names.add(s.name().toLowerCase(Locale.ROOT)));
    }
    String name = not.name();
    if (name == null || name.isBlank()) {
      result.missing(
          "notFollowedBy.name",
          "detectPattern.step-name-missing",
          "Name the step that must not happen, e.g. completed.");
    } else {
      checkStepName("notFollowedBy.name", name, names, result);
    }
    String condition = not.condition();
    if (condition == null || condition.isBlank()) {
      result.missing(
          "notFollowedBy.condition",
          "detectPattern.condition-missing",
          "Enter the condition of the step that must not happen, a boolean expression, e.g. state"
              + " = 'COMPLETED'.");
    } else {
      var relations = new LinkedHashMap<String, List<Property>>();
      relations.put(context.input().nodeName(), context.input().properties());
      checkCondition(
          "notFollowedBy.condition",
          "Condition of `" + (name == null || name.isBlank() ? "not followed by" : name) + "`",
          condition,
          context,
          relations,
          result);
    }
  }

  /**
   * A word Flink's parser does not read as a name: {@code step.property} does not parse as an
   * expression (e.g. {@code value}, {@code time}, {@code order}).
   */
  private static boolean isReserved(String name) {
    return ExpressionGuard.check(name + ".p").isPresent();
  }

  private static void checkWithin(Duration within, NodeAnalysis result) {
    if (within == null || !within.isComplete()) {
      result.missing(
          "within",
          "detectPattern.within-missing",
          "Set the time limit: the pattern must happen within it from its first event, e.g. 7"
              + " minutes.");
    } else if (within.value() <= 0) {
      result.error(
          "within", "detectPattern.within-invalid", "The time limit must be greater than zero.");
    }
  }

  private static void checkMeasureNames(Config config, NodeAnalysis result) {
    List<Measure> measures = config.measures() == null ? List.of() : config.measures();
    Set<String> partition = new HashSet<>();
    if (config.partitionBy() != null) {
      config.partitionBy().forEach(p -> partition.add(p == null ? "" : p.toLowerCase(Locale.ROOT)));
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < measures.size(); i++) {
      Measure m = measures.get(i);
      String at = "measures[" + i + "]";
      String name = m == null ? null : m.name();
      if (name == null || name.isBlank()) {
        result.missing(
            at + ".name", "detectPattern.measure-name-missing", "Name measure " + (i + 1) + ".");
      } else if (Sql.hasControlCharacters(name)) {
        result.error(
            at + ".name",
            "name.control-character",
            "Measure name `"
                + Sql.commentText(name)
                + "` contains a line break or control character: rename it.");
      } else if (OutputColumns.RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
        result.error(
            at + ".name",
            "name.reserved",
            "`"
                + name
                + "` is a reserved name (Flink uses window_start, window_end and"
                + " window_time): rename the measure.");
      } else if (partition.contains(name.toLowerCase(Locale.ROOT))) {
        result.error(
            at + ".name",
            "output.name-duplicate",
            "Measure `"
                + name
                + "` has the name of a partition property, which the output already holds: rename"
                + " the measure.");
      } else if (!names.add(name.toLowerCase(Locale.ROOT))) {
        result.error(
            at + ".name",
            "output.name-duplicate",
            "Two measures are named `" + name + "`: name them apart.");
      }
      String expression = m == null ? null : m.expression();
      if (expression == null || expression.isBlank()) {
        result.missing(
            at + ".expression",
            "detectPattern.measure-missing",
            "Enter the expression of measure " + (i + 1) + ", e.g. FIRST(started.ts).");
      } else {
        ExpressionGuard.check(expression)
            .ifPresent(
                problem ->
                    result.error(
                        at + ".expression",
                        "expression.invalid",
                        "Measure `"
                            + expression.strip()
                            + "` is not a valid expression: "
                            + problem
                            + "."));
      }
    }
  }

  /**
   * Plans the whole MATCH_RECOGNIZE over a stand-in for the input (the planner checks measures
   * against the steps); a refusal is placed on the measure Flink points at, or on each measure that
   * Flink refuses alone.
   */
  private static List<OutputColumns.Column> planned(
      Config config, NodeContext context, Property eventTime, NodeAnalysis result) {
    NodeInput input = context.input();
    LinkedHashMap<String, List<Property>> relations = new LinkedHashMap<>();
    relations.put(input.nodeName(), input.properties());
    List<Measure> measures = config.measures() == null ? List.of() : config.measures();
    String relation = Sql.relation(input.nodeName());
    ExpressionChecker.QueryResult planned =
        context.expressions().checkQuery(relations, query(config, measures, relation, eventTime));
    if (!planned.ok()) {
      reportRefusal(config, measures, context, relations, relation, eventTime, planned, result);
      return List.of();
    }
    List<OutputColumns.Column> columns = new ArrayList<>();
    int eventTimes = 0;
    for (ExpressionChecker.QueryColumn c : planned.columns()) {
      int measure = indexOf(measures, c.name());
      String at = measure < 0 ? "partitionBy" : "measures[" + measure + "].expression";
      if (c.type().shape() == null) {
        result.error(
            at,
            "expression.type-unsupported",
            "`"
                + c.name()
                + "` is a "
                + c.type().flinkType()
                + ", which a property cannot hold: convert it to text, a number, a boolean or a"
                + " date/time.");
        continue;
      }
      Property property = c.type().shape().withName(c.name());
      // Flink keeps FIRST(step.ts) and the like as time attributes too, but only the match's own
      // time follows the watermark: the rest become plain timestamps.
      boolean matchTime = measure >= 0 && isMatchTime(measures.get(measure));
      if (matchTime && ++eventTimes > 1) {
        result.error(
            at,
            "detectPattern.event-time-twice",
            "Only one measure can be the event time (MATCH_ROWTIME()): `"
                + c.name()
                + "` is a second one.");
        continue;
      }
      boolean demoted = property.eventTime() && !matchTime;
      property = property.withEventTime(property.eventTime() && matchTime);
      String sql =
          c.type().needsCast() || demoted
              ? "CAST(" + Sql.id(c.name()) + " AS " + property.sqlType() + ")"
              : Sql.id(c.name());
      columns.add(new OutputColumns.Column(c.name(), sql, property));
    }
    return columns;
  }

  /** The measure is the match's event time: {@code MATCH_ROWTIME()}. */
  private static boolean isMatchTime(Measure measure) {
    return measure.expression().replaceAll("\\s", "").equalsIgnoreCase("MATCH_ROWTIME()");
  }

  private static int indexOf(List<Measure> measures, String name) {
    for (int i = 0; i < measures.size(); i++) {
      if (measures.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Puts Flink's refusal where it belongs: on each measure that Flink refuses alone (so that each
   * gets its own message), else on the node.
   */
  private static void reportRefusal(
      Config config,
      List<Measure> measures,
      NodeContext context,
      LinkedHashMap<String, List<Property>> relations,
      String relation,
      Property eventTime,
      ExpressionChecker.QueryResult planned,
      NodeAnalysis result) {
    boolean placed = false;
    for (int i = 0; i < measures.size(); i++) {
      String alone =
          context
              .expressions()
              .checkQuery(relations, query(config, List.of(measures.get(i)), relation, eventTime))
              .error();
      if (alone != null) {
        if (!reportIfInside(measures.get(i), i, FIRST_MEASURE_LINE, alone, result)) {
          reportMeasure(measures.get(i), i, alone, result);
        }
        placed = true;
      }
    }
    if (!placed) {
      result.error(null, "detectPattern.invalid", "Flink refuses the pattern: " + planned.error());
    }
  }

  /**
   * Reports {@code error} on the measure when Flink's position is inside its text (which starts on
   * line {@code start} of the query), with the position made relative to the measure.
   */
  private static boolean reportIfInside(
      Measure measure, int i, int start, String error, NodeAnalysis result) {
    Matcher at = AT_LINE.matcher(error);
    if (!at.find()) {
      return false;
    }
    int line = Integer.parseInt(at.group(1)) - start;
    if (line < 0 || line >= lines(measure.expression())) {
      return false;
    }
    int column = Integer.parseInt(at.group(2)) - (line == 0 ? MEASURE_INDENT.length() : 0);
    String where = (line == 0 ? "" : "line " + (line + 1) + ", ") + "column " + column;
    reportMeasure(measure, i, "At " + where + ": " + error.substring(at.end()), result);
    return true;
  }

  private static void reportMeasure(Measure measure, int i, String message, NodeAnalysis result) {
    if (message.contains("Unknown field '*'")) {
      message +=
          " Flink cannot count step.*: count a property the step's events always have, e.g."
              + " COUNT(step.ts).";
    }
    result.error(
        "measures[" + i + "].expression",
        "expression.invalid",
        "Measure `" + measure.expression().strip() + "` is not valid: " + message);
  }

  private static int lines(String text) {
    return (int) text.strip().lines().count();
  }

  /**
   * The MATCH_RECOGNIZE query over {@code relation}. Line 6 holds the first measure's text; each
   * measure's text is followed by one line closing it, which the refusal's line numbers rely on.
   */
  static String query(Config config, List<Measure> measures, String relation, Property eventTime) {
    StringBuilder sql = new StringBuilder();
    sql.append("SELECT *\nFROM ").append(Sql.id(relation)).append('\n');
    sql.append("MATCH_RECOGNIZE (\n");
    sql.append("  PARTITION BY ")
        .append(String.join(", ", config.partitionBy().stream().map(Sql::id).toList()))
        .append(" ORDER BY ")
        .append(Sql.id(eventTime.name()))
        .append('\n');
    if (!measures.isEmpty()) {
      sql.append("  MEASURES (\n");
      for (int i = 0; i < measures.size(); i++) {
        Measure m = measures.get(i);
        sql.append(MEASURE_INDENT)
            .append(m.expression().strip())
            .append("\n  ) AS ")
            .append(Sql.id(m.name()))
            .append(i < measures.size() - 1 ? ", (" : "")
            .append('\n');
      }
    }
    sql.append("  ONE ROW PER MATCH\n  AFTER MATCH SKIP PAST LAST ROW\n  PATTERN (");
    List<Step> steps = config.steps();
    for (int i = 0; i < steps.size(); i++) {
      sql.append(i == 0 ? "" : " ")
          .append(Sql.id(steps.get(i).name()))
          .append(quantifier(steps.get(i).times(), i == steps.size() - 1));
    }
    sql.append(") WITHIN ").append(config.within().toSqlInterval()).append("\n  DEFINE\n");
    for (int i = 0; i < steps.size(); i++) {
      sql.append("    ")
          .append(Sql.id(steps.get(i).name()))
          .append(" AS (\n      ")
          .append(steps.get(i).condition().strip())
          .append("\n    )")
          .append(i < steps.size() - 1 ? "," : "")
          .append('\n');
    }
    return sql.append(")").toString();
  }

  /**
   * The pattern quantifier for {@code times}. Flink refuses a greedy quantifier on the last step,
   * so a range there is reluctant (the match ends with as few events as the step needs).
   */
  static String quantifier(Times times, boolean last) {
    if (times == null) {
      return "";
    }
    int min = times.min() == null ? 1 : times.min();
    Integer max = times.max();
    if (max != null && max == min) {
      return min == 1 ? "" : "{" + min + "}";
    }
    String range = max == null ? (min == 1 ? "+" : "{" + min + ",}") : "{" + min + "," + max + "}";
    return last ? range + "?" : range;
  }

  @Override
  public NodeSql compile(Config config, CompileContext context) {
    Property eventTime = context.input().eventTime();
    List<Measure> measures = config.measures() == null ? List.of() : config.measures();
    String view = "CREATE TEMPORARY VIEW " + Sql.id(context.relation()) + " AS\n";
    if (config.notFollowedBy() != null) {
      return NodeSql.of(
          view
              + NotFollowedBySql.query(
                  config,
                  context.columns(),
                  context.input(),
                  eventTime,
                  all -> query(config, all, context.input().relation(), eventTime)));
    }
    return NodeSql.of(
        view
            + "SELECT\n"
            + OutputColumns.selectList(context.columns())
            + "\nFROM (\n"
            + query(config, measures, context.input().relation(), eventTime)
            + "\n)");
  }
}
