package io.eddy.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.core.FlowBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, defect 8: a number in a node's config is refused or kept exactly, never rounded,
 * truncated or dropped (the config reader coerced 1.5 to 1, 1.5 HOUR to 1 HOUR, 1e-25 s to 0).
 */
class NumberPolicyTest {
  static final String WINDOW = "'window': {'timeProperty': 'ordertime', 'size': SIZE}";

  static List<String> messages(String type, String config) {
    var report =
        FlowBuilder.withOrders().node("n", type, "N", config).edge("orders", "n").report("n");
    assertThat(report.status()).as(config).isEqualTo(NodeStatus.ERROR);
    return report.messages();
  }

  static String topN(String limit, String size) {
    return "{"
        + WINDOW.replace("SIZE", size)
        + ", 'limit': "
        + limit
        + ", 'orderBy': {'property': 'price', 'direction': 'DESC'}}";
  }

  @Test
  void a_fraction_for_a_whole_number_is_refused_on_that_field() {
    assertThat(messages("topN", topN("1.5", "{'value': 1, 'unit': 'HOUR'}")))
        .anySatisfy(
            m ->
                assertThat(m)
                    .isEqualTo(
                        "The configuration is malformed at `limit`: it must be a whole number,"
                            + " not 1.5 (values are never rounded)."));
    assertThat(messages("topN", topN("2.0", "{'value': 1, 'unit': 'HOUR'}")))
        .anySatisfy(m -> assertThat(m).contains("`limit`"));
  }

  @Test
  void a_fraction_in_a_duration_is_refused_not_truncated() {
    assertThat(messages("topN", topN("3", "{'value': 1.5, 'unit': 'HOUR'}")))
        .anySatisfy(m -> assertThat(m).contains("`window.size.value`").contains("1.5"));
    String source =
        FlowBuilder.ORDERS_CONFIG.replace(
            "'eventTimeDelay': {'value': 5, 'unit': 'SECOND'}",
            "'eventTimeDelay': {'value': 1e-25, 'unit': 'SECOND'}");
    var report = FlowBuilder.flow().node("s", "source", "S", source).report("s");
    assertThat(report.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(report.messages()).anySatisfy(m -> assertThat(m).contains("`eventTimeDelay.value`"));
  }

  @Test
  void a_number_for_a_unit_is_refused_not_looked_up_by_position() {
    assertThat(messages("topN", topN("3", "{'value': 1, 'unit': 3}")))
        .anySatisfy(
            m -> assertThat(m).contains("`window.size.unit`").contains("HOUR").contains("number"));
  }

  @Test
  void a_decimal_for_a_text_is_refused_not_reformatted() {
    assertThat(messages("filter", "{'expression': 1.50}"))
        .anySatisfy(m -> assertThat(m).contains("`expression`: it must be text, not 1.5"));
  }

  @Test
  void cache_sizes_are_refused_when_fractional_or_negative() {
    String enrichment =
        "{'jdbc': {'url': 'jdbc:postgresql://localhost:5432/shop'}, 'table': 'customers',"
            + " 'columns': [{'name': 'id', 'type': 'STRING'}, {'name': 'country', 'type': 'STRING'}],"
            + " 'match': [{'property': 'customer', 'column': 'id'}], 'enrich': ['country'],"
            + " 'cache': CACHE}";
    assertThat(messages("databaseEnrichment", enrichment.replace("CACHE", "{'maxRows': 2.5}")))
        .anySatisfy(m -> assertThat(m).contains("`cache.maxRows`"));
    assertThat(messages("databaseEnrichment", enrichment.replace("CACHE", "{'maxRows': -5}")))
        .anySatisfy(m -> assertThat(m).contains("maxRows cannot be negative"));
    assertThat(messages("databaseEnrichment", enrichment.replace("CACHE", "{'ttlSeconds': -1}")))
        .anySatisfy(m -> assertThat(m).contains("ttlSeconds cannot be negative"));
  }

  @Test
  void whole_numbers_are_kept_exactly() {
    var report =
        FlowBuilder.withOrders()
            .node("n", "topN", "N", topN("3", "{'value': 90, 'unit': 'MINUTE'}"))
            .edge("orders", "n")
            .report("n");
    assertThat(report.messages()).isEmpty();
    assertThat(report.status()).isEqualTo(NodeStatus.VALID);
  }
}
