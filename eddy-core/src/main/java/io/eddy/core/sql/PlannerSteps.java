package io.eddy.core.sql;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.internal.TableEnvironmentInternal;
import org.apache.flink.table.delegation.Parser;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * The first steps of Flink's own SQL planner, one at a time: parsing alone, and parsing with
 * validation. {@code TableEnvironment.sqlQuery} always goes on to convert the validated query to
 * relational algebra and an operation, more than half of its cost (measured warm: about twice the
 * time of parsing and validation), which tells nothing more about a column's type: Calcite checks
 * that the conversion keeps the validated row type exactly (it fails with "Conversion to relational
 * algebra failed to preserve datatypes" otherwise), and the schema {@code sqlQuery} gives is that
 * row type, field by field, through {@code FlinkTypeFactory.toLogicalType}, as here
 * (PlannerStepsTest compares the two). What only the conversion could refuse (a fault of Flink or
 * Calcite on a query they validated) is not seen here; it would be when the script is planned.
 *
 * <p>The steps are Flink's internal classes (its {@code ParserImpl}'s parser and validator
 * suppliers, {@code CalciteParser}, {@code FlinkPlannerImpl}, Calcite's {@code SqlValidator}),
 * loaded by the planner's own class loader and so reached by reflection. {@link #of} is empty when
 * they are not there as expected (another Flink release): callers then use the public API.
 */
public final class PlannerSteps {
  private final Supplier<?> parsers;
  private final Object planner;
  private final Method parse;
  private final Method parseExpression;
  private final Method validate;
  private final Method validator;
  private final Method setValidator;
  private final Method createValidator;
  private final java.util.function.Function<Boolean, ?> catalogReaders;
  private final TableEnvironment environment;
  // The planner's catalog reader, kept while the environment's current catalog and database stay.
  private Object catalogReader;
  private String readerCatalog;
  private String readerDatabase;
  private final Method validatedType;
  private final Method fieldList;
  private final Method fieldType;
  private final Method toLogicalType;
  // One parser object for every parse, or null when it cannot be reused (see ReusedParser).
  private final ReusedParser reused;

  @SuppressWarnings("unchecked") // the planner's catalog reader supplier, a Function
  private PlannerSteps(TableEnvironment environment) throws ReflectiveOperationException {
    this.environment = environment;
    Parser parser = ((TableEnvironmentInternal) environment).getParser();
    ClassLoader loader = parser.getClass().getClassLoader();
    parsers = (Supplier<?>) field(parser, "calciteParserSupplier");
    // One planner for every query (creating one builds Calcite's whole framework configuration
    // from the table configuration, which the checkers never change), with a new validator for
    // each query, as a new planner would have: a validator keeps what it validated.
    planner = ((Supplier<?>) field(parser, "validatorSupplier")).get();
    Class<?> calciteParser = loader.loadClass("org.apache.flink.table.planner.parse.CalciteParser");
    Class<?> plannerClass =
        loader.loadClass("org.apache.flink.table.planner.calcite.FlinkPlannerImpl");
    Class<?> sqlNode = loader.loadClass("org.apache.calcite.sql.SqlNode");
    Class<?> sqlValidator = loader.loadClass("org.apache.calcite.sql.validate.SqlValidator");
    Class<?> relDataType = loader.loadClass("org.apache.calcite.rel.type.RelDataType");
    Class<?> relDataTypeField = loader.loadClass("org.apache.calcite.rel.type.RelDataTypeField");
    Class<?> typeFactory =
        loader.loadClass("org.apache.flink.table.planner.calcite.FlinkTypeFactory");
    parse = calciteParser.getMethod("parse", String.class);
    parseExpression = calciteParser.getMethod("parseExpression", String.class);
    validate = plannerClass.getMethod("validate", sqlNode);
    validator = plannerClass.getMethod("getOrCreateSqlValidator");
    setValidator =
        plannerClass.getMethod(
            "validator_$eq",
            loader.loadClass("org.apache.flink.table.planner.calcite.FlinkCalciteSqlValidator"));
    // What getOrCreateSqlValidator does when it has none, in two steps, so that the catalog reader
    // (about 60% of the cost of a new validator, JFR) is made once: it holds no state of a query,
    // only the table configuration's parser settings, which the checkers never change, and the
    // current catalog and database, which are looked at before each query.
    createValidator =
        plannerClass.getMethod(
            "org$apache$flink$table$planner$calcite$FlinkPlannerImpl$$createSqlValidator",
            loader.loadClass("org.apache.calcite.prepare.CalciteCatalogReader"));
    catalogReaders =
        (java.util.function.Function<Boolean, ?>)
            plannerClass
                .getField(
                    "org$apache$flink$table$planner$calcite$FlinkPlannerImpl$$catalogReaderSupplier")
                .get(planner);
    validatedType = sqlValidator.getMethod("getValidatedNodeType", sqlNode);
    fieldList = relDataType.getMethod("getFieldList");
    fieldType = relDataTypeField.getMethod("getType");
    toLogicalType = typeFactory.getMethod("toLogicalType", relDataType);
    reused = ReusedParser.of(loader, field(parsers.get(), "config"));
  }

  /** The steps of {@code environment}'s planner, or empty when they cannot be reached. */
  public static Optional<PlannerSteps> of(TableEnvironment environment) {
    try {
      PlannerSteps steps = new PlannerSteps(environment);
      // One call of each, so that a Flink whose classes have the names but not the behaviour
      // expected is found out here rather than on a user's expression.
      steps.parseExpression("1");
      steps.validatedTypes("SELECT 1");
      return Optional.of(steps);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return Optional.empty();
    }
  }

  /**
   * Parses {@code text} as one SQL expression with Flink's parser (as {@code
   * Parser.parseSqlExpression} does first), nothing more: throws Flink's {@code SqlParserException}
   * when it is not one.
   */
  public synchronized void parseExpression(String text) {
    parsed(text, true);
  }

  /**
   * Parses and validates {@code query} (one query) as {@code TableEnvironment.sqlQuery} does, and
   * gives the types of its columns as {@code sqlQuery(query).getResolvedSchema()} would; throws
   * what Flink's parser or validator throws.
   */
  public synchronized List<LogicalType> validatedTypes(String query) {
    invoke(setValidator, planner, invoke(createValidator, planner, catalogReader()));
    Object parsed = parsed(query, false);
    Object validated = invoke(validate, planner, parsed);
    Object rowType = invoke(validatedType, invoke(validator, planner), validated);
    List<LogicalType> types = new ArrayList<>();
    for (Object field : (List<?>) invoke(fieldList, rowType)) {
      types.add((LogicalType) invoke(toLogicalType, null, invoke(fieldType, field)));
    }
    return types;
  }

  /** The planner's catalog reader (false: not lenient about case, as getOrCreateSqlValidator). */
  private Object catalogReader() {
    String catalog = environment.getCurrentCatalog();
    String database = environment.getCurrentDatabase();
    if (catalogReader == null
        || !catalog.equals(readerCatalog)
        || !database.equals(readerDatabase)) {
      catalogReader = catalogReaders.apply(false);
      readerCatalog = catalog;
      readerDatabase = database;
    }
    return catalogReader;
  }

  /**
   * The parse tree of {@code text} as text, by the reused parser ({@code reused}) or by a new one
   * as Flink parses, for tests that hold the two to the same trees; null when the one asked for
   * refuses it or there is no reused parser.
   */
  synchronized String parseTree(String text, boolean expression, boolean reusedParser) {
    if (!reusedParser) {
      try {
        return invoke(expression ? parseExpression : parse, parsers.get(), text).toString();
      } catch (RuntimeException e) {
        return null;
      }
    }
    Object node = reused == null ? null : reused.parse(text, expression);
    return node == null ? null : node.toString();
  }

  /**
   * Parses {@code text} (a statement, or one expression) with the reused parser; when it refuses
   * the text (or cannot be used), parses it again as Flink does, with a new parser, so that what is
   * thrown is exactly Flink's.
   */
  private Object parsed(String text, boolean expression) {
    Object node = reused == null ? null : reused.parse(text, expression);
    if (node != null) {
      return node;
    }
    return invoke(expression ? parseExpression : parse, parsers.get(), text);
  }

  /**
   * Flink's parser, created once and re-initialised for each text, as Calcite's own {@code
   * SqlParser.parseQuery(String)} does. Creating one per parse, as {@code CalciteParser} does, is a
   * share of each parse (JFR): its JavaCC parser allocates its input buffers (36 KB) and token
   * manager, and builds an {@code Error} (JavaCC's {@code LookaheadSuccess}) with the whole stack
   * trace. {@code ReInit} resets what JavaCC generated; the rest is set again here as a new parser
   * would have it: {@code SqlParser}'s constructor applies the configuration (casing, conformance,
   * lexical state), the original text, no dynamic parameters counted, no warnings, no lexical
   * states stacked. After any failure the parser is dropped (a new one is made for the next text),
   * and the caller parses again the usual way.
   */
  private static final class ReusedParser {
    private final Object config;
    private final Method create;
    private final Field parserOf;
    private final Constructor<?> sqlParser;
    private final Constructor<?> reader;
    private final Method reInit;
    private final Method setOriginalSql;
    private final Field dynamicParams;
    private final Field warnings;
    private final Method parseStmt;
    private final Method parseExpression;
    private final Field tokenManager;
    private final Field lexicalStates;
    private Object parser;

    private ReusedParser(ClassLoader loader, Object config) throws ReflectiveOperationException {
      this.config = config;
      Class<?> sqlParserClass = loader.loadClass("org.apache.calcite.sql.parser.SqlParser");
      Class<?> configClass = loader.loadClass("org.apache.calcite.sql.parser.SqlParser$Config");
      Class<?> impl = loader.loadClass("org.apache.calcite.sql.parser.SqlAbstractParserImpl");
      create = sqlParserClass.getMethod("create", String.class, configClass);
      parserOf = sqlParserClass.getDeclaredField("parser");
      parserOf.setAccessible(true);
      sqlParser = sqlParserClass.getDeclaredConstructor(impl, configClass);
      sqlParser.setAccessible(true);
      reader =
          loader
              .loadClass("org.apache.calcite.util.SourceStringReader")
              .getConstructor(String.class);
      reInit = impl.getMethod("ReInit", java.io.Reader.class);
      setOriginalSql = impl.getMethod("setOriginalSql", String.class);
      dynamicParams = impl.getDeclaredField("nDynamicParams");
      dynamicParams.setAccessible(true);
      warnings = impl.getDeclaredField("warnings");
      warnings.setAccessible(true);
      parseStmt = sqlParserClass.getMethod("parseStmt");
      parseExpression = sqlParserClass.getMethod("parseExpression");
      Object first = parser();
      tokenManager = first.getClass().getField("token_source");
      lexicalStates = tokenManager.getType().getDeclaredField("lexicalStateStack");
      lexicalStates.setAccessible(true);
      lexicalStates(first);
    }

    static ReusedParser of(ClassLoader loader, Object config) {
      try {
        return new ReusedParser(loader, config);
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        return null;
      }
    }

    /** The parse of {@code text}, or null when this parser refuses it or cannot be used. */
    Object parse(String text, boolean expression) {
      try {
        Object impl = parser();
        reInit.invoke(impl, reader.newInstance(text));
        setOriginalSql.invoke(impl, text);
        dynamicParams.setInt(impl, 0);
        ((List<?>) warnings.get(impl)).clear();
        lexicalStates(impl).clear();
        Object configured = sqlParser.newInstance(impl, config);
        return (expression ? parseExpression : parseStmt).invoke(configured);
      } catch (ReflectiveOperationException | RuntimeException | Error e) {
        parser = null;
        return null;
      }
    }

    private Object parser() throws ReflectiveOperationException {
      if (parser == null) {
        parser = parserOf.get(create.invoke(null, "", config));
      }
      return parser;
    }

    /** The token manager's stack of lexical states (Calcite's, not JavaCC's). */
    private List<?> lexicalStates(Object impl) throws ReflectiveOperationException {
      return (List<?>) lexicalStates.get(tokenManager.get(impl));
    }
  }

  /** Calls {@code method}, throwing what it throws as itself (not wrapped by reflection). */
  private static Object invoke(Method method, Object target, Object... arguments) {
    try {
      return method.invoke(target, arguments);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object field(Object target, String name) throws ReflectiveOperationException {
    Field field = target.getClass().getDeclaredField(name);
    field.setAccessible(true);
    return field.get(target);
  }
}
