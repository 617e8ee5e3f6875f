package io.eddy.engine.flowtest;

import static io.eddy.engine.flowtest.Flows.assertOutput;
import static io.eddy.engine.flowtest.Flows.events;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The temporal enrichment of examples/orders-with-customer-tier.json: each order gets its
 * customer's tier as it was at the order's time, from the changelog topic of customer tiers (keyed
 * by customer id, read as a versioned table; delay 0, orders' delay 5 s). Worked out by hand:
 *
 * <pre>
 * tiers (topic order):  c1 silver 09:00, c2 gold 09:30, c1 gold 10:02, c2 silver 10:10,
 *                       c2 deleted (a tombstone, no value), c1 platinum 11:00
 * o1 c1 10:00 → silver    (c1's version at 10:00)
 * o2 c2 10:01 → gold
 * o3 c1 10:05 → gold      (c1 changed at 10:02, between o1 and o3)
 * o4 c3 10:06 → null      (c3 has no version)
 * o7 c2 10:20 → null      (the tombstone deleted c2's last version, silver at 10:10: Flink turns it
 *                          into the deletion of that version, at that version's time)
 * o5 c2 10:40 → null      (c2 deleted)
 * o6 c1 11:30 → platinum  (the last event on both topics is later than every order before it)
 * </pre>
 *
 * Deterministic: an order is enriched once the watermarks of both topics have passed it, and the
 * tombstone is read right after c2's last version, before the tiers topic's watermark passes 10:10,
 * so no order at or after 10:10 can have been enriched with silver before it (docs/sql-export.md,
 * "Temporal enrichment").
 */
class TemporalEnrichmentFlowTest {

  private static final Map<String, List<String>> EVENTS =
      Map.of(
          "Orders",
          List.of(
              order("o1", "c1", "10:00"),
              order("o2", "c2", "10:01"),
              order("o3", "c1", "10:05"),
              order("o4", "c3", "10:06"),
              order("o7", "c2", "10:20"),
              order("o5", "c2", "10:40"),
              order("o6", "c1", "11:30")),
          "Customer tiers",
          List.of(
              tier("c1", "silver", "09:00"),
              tier("c2", "gold", "09:30"),
              tier("c1", "gold", "10:02"),
              tier("c2", "silver", "10:10"),
              "{\"key\": \"c2\", \"value\": null}",
              tier("c1", "platinum", "11:00")));

  /** With the run's counts, as a canvas run has them. */
  @Test
  void eachOrderGetsTheTierValidAtItsTime() throws Exception {
    FlowTestResult result =
        Flows.runner()
            .withStats()
            .runLines(Flows.example("orders-with-customer-tier.json"), EVENTS, Optional.empty());
    assertOutput(
        result,
        events(
            enriched("o1", "c1", "10:00", "\"silver\""),
            enriched("o2", "c2", "10:01", "\"gold\""),
            enriched("o3", "c1", "10:05", "\"gold\""),
            enriched("o4", "c3", "10:06", "null"),
            enriched("o7", "c2", "10:20", "null"),
            enriched("o5", "c2", "10:40", "null"),
            enriched("o6", "c1", "11:30", "\"platinum\"")));
    // The changelog source holds one key at the end (c1; c2 deleted); its messages replace one
    // another, so it has no `in` or `skipped` counts.
    assertThat(result.counts())
        .containsEntry("tiers", Map.of("out", 1L))
        .containsEntry("orders", Map.of("in", 7L, "out", 7L, "skipped", 0L, "nulled", Map.of()))
        .containsEntry("tier", Map.of("out", 7L));
  }

  private static String order(String id, String customerId, String time) {
    return "{\"id\": \""
        + id
        + "\", \"customer\": \"Customer "
        + customerId
        + "\", \"customerid\": \""
        + customerId
        + "\", \"description\": \"M Blue Jeans\", \"price\": 10.0, \"quantity\": 1, \"region\":"
        + " \"EMEA\", \"ordertime\": \"2023-05-21 "
        + time
        + ":00.000\"}";
  }

  /** A version of a customer's tier: the message key is the customer id. */
  private static String tier(String customerId, String tier, String time) {
    return "{\"key\": \""
        + customerId
        + "\", \"value\": {\"customerid\": \""
        + customerId
        + "\", \"tier\": \""
        + tier
        + "\", \"updatetime\": \"2023-05-21 "
        + time
        + ":00.000\"}}";
  }

  private static String enriched(String id, String customerId, String time, String tier) {
    return "{\"id\": \""
        + id
        + "\", \"customerid\": \""
        + customerId
        + "\", \"price\": 10.0, \"quantity\": 1, \"region\": \"EMEA\", \"ordertime\":"
        + " \"2023-05-21 "
        + time
        + ":00.000\", \"customerTier\": "
        + tier
        + "}";
  }
}
