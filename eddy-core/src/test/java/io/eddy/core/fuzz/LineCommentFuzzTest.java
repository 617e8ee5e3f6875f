package io.eddy.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.core.sql.ExpressionGuard;
import io.eddy.core.sql.PlannerSteps;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

/**
 * {@link ExpressionGuard} parses an expression a second time, wrapped in parentheses, only when it
 * holds {@code --} or {@code //}: these properties hold it to that being the only way an expression
 * that Flink parses alone fails to parse wrapped (a comment running to the end of the line hides
 * the closing parenthesis).
 */
class LineCommentFuzzTest {
  private static final PlannerSteps STEPS =
      PlannerSteps.of(TableEnvironment.create(EnvironmentSettings.inStreamingMode())).orElseThrow();

  @Provide
  Arbitrary<String> texts() {
    return ExpressionFuzzTest.tokenSequences(6, " ", "", "\n")
        .map(String::strip)
        .filter(s -> !s.isEmpty());
  }

  @Property(seed = FuzzSettings.SEED, tries = 3000)
  void without_a_line_comment_an_expression_that_parses_alone_parses_wrapped(
      @ForAll("texts") String text) {
    if (text.contains("--") || text.contains("//") || !parses(text)) {
      return;
    }
    assertThat(parses("(" + text + ")")).as(text).isTrue();
  }

  @Example
  void only_line_comments_make_the_difference_among_odd_expressions() {
    List<String> odd =
        List.of(
            "a.*",
            "?",
            "INTERVAL '1' DAY",
            "1 MULTISET UNION 2",
            "NEXT VALUE FOR s",
            "{fn ABS(1)}",
            "PERIOD (a, b)",
            "SESSION_USER",
            "t.a.b.c",
            "SUM(a) OVER (PARTITION BY b)",
            "a = SOME (SELECT 1)",
            "EXISTS (SELECT 1)",
            "1 /* c */",
            "U&'\\0041'",
            "'--'",
            "1 -- c",
            "1 // c",
            "1 --");
    for (String text : odd) {
      boolean differs = parses(text) && !parses("(" + text + ")");
      assertThat(differs).as(text).isEqualTo(List.of("1 -- c", "1 // c", "1 --").contains(text));
    }
    assertThat(ExpressionGuard.check("1 -- c")).isPresent();
    assertThat(ExpressionGuard.check("'--' || '//'")).isEmpty();
    assertThat(ExpressionGuard.check("1 /* c */")).isEmpty();
  }

  private static boolean parses(String text) {
    try {
      STEPS.parseExpression(text);
      return true;
    } catch (RuntimeException | StackOverflowError e) {
      return false;
    }
  }
}
