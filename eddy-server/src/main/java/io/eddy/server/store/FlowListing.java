package io.eddy.server.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.model.Flow;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The catalogue's queries: pages with keyset paging (the cursor is the sort key of the last flow
 * listed, so flows created or deleted meanwhile never shift a page: every flow that exists
 * throughout is listed exactly once), filters, counts and tags. No document is read: the status is
 * the one stored with each revision, overlaid with the run status of the flows that run.
 */
public final class FlowListing {
  public static final List<String> STATUSES = List.of("draft", "valid", "running", "failed");
  private static final ObjectMapper JSON = new ObjectMapper();

  private FlowListing() {}

  /** A tag and how many flows carry it. */
  public record TagCount(String tag, int count) {}

  /** Name and description in lower case, as the text search compares them. */
  static String searchText(Flow flow) {
    String name = flow.name() == null ? "" : flow.name();
    String description = flow.description() == null ? "" : flow.description();
    return (name + "\n" + description).toLowerCase(Locale.ROOT);
  }

  /** Every flow's summary with its stored status, the most recently changed first. */
  static List<FlowSummary> all(Connection c) throws SQLException {
    Map<String, List<String>> tags = tagsOf(c, null);
    List<FlowSummary> out = new ArrayList<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT id, name, description, status, revision, updated_at FROM flows"
                    + " ORDER BY updated_at DESC, name, id");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        String id = r.getString(1);
        out.add(
            new FlowSummary(
                id,
                r.getString(2),
                r.getString(3),
                "valid".equals(r.getString(4)) ? "valid" : "draft",
                r.getLong(5),
                FlowStore.instant(r, 6),
                tags.getOrDefault(id, List.of())));
      }
    }
    return out;
  }

  static List<TagCount> tags(Connection c) throws SQLException {
    List<TagCount> out = new ArrayList<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT tag, COUNT(*) AS n FROM flow_tags GROUP BY tag ORDER BY n DESC, tag");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(new TagCount(r.getString(1), r.getInt(2)));
      }
    }
    return out;
  }

  /** A SQL fragment with its parameters. */
  private static final class Sql {
    final StringBuilder text = new StringBuilder();
    final List<Object> params = new ArrayList<>();

    Sql add(String fragment, Object... values) {
      text.append(fragment);
      params.addAll(List.of(values));
      return this;
    }

    Sql in(String column, Set<String> values) {
      text.append(column).append(" IN (");
      text.append(String.join(", ", values.stream().map(v -> "?").toList()));
      text.append(")");
      params.addAll(values);
      return this;
    }

    PreparedStatement prepare(Connection c) throws SQLException {
      PreparedStatement s = c.prepareStatement(text.toString());
      for (int i = 0; i < params.size(); i++) {
        s.setObject(i + 1, params.get(i));
      }
      return s;
    }
  }

  /**
   * The flows with their effective status ({@code eff}), its rank in the status order ({@code rnk})
   * and the lower-case name ({@code lname}), as a derived table to filter and sort on.
   */
  private static Sql flowsWithStatus(Map<String, String> runStatuses) {
    Set<String> failed = idsWith(runStatuses, "failed");
    Set<String> running = idsWith(runStatuses, "running");
    Sql eff = new Sql().add("CASE");
    Sql rank = new Sql().add("CASE");
    if (!failed.isEmpty()) {
      eff.add(" WHEN ").in("id", failed).add(" THEN 'failed'");
      rank.add(" WHEN ").in("id", failed).add(" THEN 0");
    }
    if (!running.isEmpty()) {
      eff.add(" WHEN ").in("id", running).add(" THEN 'running'");
      rank.add(" WHEN ").in("id", running).add(" THEN 1");
    }
    eff.add(" WHEN status = 'valid' THEN 'valid' ELSE 'draft' END");
    rank.add(" WHEN status = 'valid' THEN 2 ELSE 3 END");
    Sql out = new Sql().add("(SELECT id, name, description, revision, updated_at, search_text, ");
    out.add(eff.text.toString()).params.addAll(eff.params);
    out.add(" AS eff, ");
    out.add(rank.text.toString()).params.addAll(rank.params);
    out.add(" AS rnk, LOWER(name) AS lname FROM flows) f");
    return out;
  }

  private static Set<String> idsWith(Map<String, String> runStatuses, String status) {
    Set<String> ids = new java.util.TreeSet<>();
    runStatuses.forEach(
        (id, s) -> {
          if (status.equals(s)) {
            ids.add(id);
          }
        });
    return ids;
  }

  /** The text and tag filters (the status filter is separate: the counts ignore it). */
  private static void filters(Sql sql, FlowQuery q) {
    sql.add(" WHERE 1 = 1");
    if (q.text() != null) {
      // Every word must occur in the name or the description, in any order.
      for (String word : q.text().strip().toLowerCase(Locale.ROOT).split("\\s+")) {
        if (!word.isEmpty()) {
          sql.add(" AND f.search_text LIKE ? ESCAPE '!'", "%" + escapeLike(word) + "%");
        }
      }
    }
    if (q.tag() != null && !q.tag().isBlank()) {
      sql.add(" AND f.id IN (SELECT flow_id FROM flow_tags WHERE tag = ?)", q.tag().strip());
    }
  }

  private static String escapeLike(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  static FlowPage page(Connection c, FlowQuery q, Map<String, String> runStatuses)
      throws SQLException {
    // Counts per status for the text and tag filters, whatever the status filter.
    Map<String, Integer> counts = new LinkedHashMap<>();
    STATUSES.forEach(s -> counts.put(s, 0));
    Sql count = new Sql().add("SELECT f.eff, COUNT(*) FROM ");
    Sql table = flowsWithStatus(runStatuses);
    count.add(table.text.toString()).params.addAll(table.params);
    filters(count, q);
    count.add(" GROUP BY f.eff");
    try (PreparedStatement s = count.prepare(c);
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        counts.put(r.getString(1), r.getInt(2));
      }
    }
    int total =
        q.status() == null
            ? counts.values().stream().mapToInt(Integer::intValue).sum()
            : counts.getOrDefault(q.status(), 0);

    Sql page =
        new Sql()
            .add("SELECT f.id, f.name, f.description, f.eff, f.revision, f.updated_at, f.rnk,")
            .add(" f.lname FROM ");
    page.add(table.text.toString()).params.addAll(table.params);
    filters(page, q);
    if (q.status() != null) {
      page.add(" AND f.eff = ?", q.status());
    }
    JsonNode after = Cursor.read(q.cursor(), q.sort());
    switch (q.sort()) {
      case NAME -> {
        if (after != null) {
          page.add(" AND (f.lname, f.id) > (?, ?)", after.get(0).asText(), after.get(1).asText());
        }
        page.add(" ORDER BY f.lname, f.id");
      }
      case CHANGED -> {
        if (after != null) {
          page.add(
              " AND (f.updated_at, f.id) < (?, ?)",
              OffsetDateTime.ofInstant(Instant.parse(after.get(0).asText()), ZoneOffset.UTC),
              after.get(1).asText());
        }
        page.add(" ORDER BY f.updated_at DESC, f.id DESC");
      }
      case STATUS -> {
        if (after != null) {
          page.add(
              " AND (f.rnk, f.lname, f.id) > (?, ?, ?)",
              after.get(0).asInt(),
              after.get(1).asText(),
              after.get(2).asText());
        }
        page.add(" ORDER BY f.rnk, f.lname, f.id");
      }
    }
    page.add(" FETCH FIRST " + (q.limit() + 1) + " ROWS ONLY");

    List<FlowSummary> flows = new ArrayList<>();
    List<Object[]> keys = new ArrayList<>();
    try (PreparedStatement s = page.prepare(c);
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        String id = r.getString(1);
        Instant updatedAt = FlowStore.instant(r, 6);
        flows.add(
            new FlowSummary(
                id,
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getLong(5),
                updatedAt,
                List.of()));
        keys.add(
            switch (q.sort()) {
              case NAME -> new Object[] {r.getString(8), id};
              case CHANGED -> new Object[] {updatedAt.toString(), id};
              case STATUS -> new Object[] {r.getInt(7), r.getString(8), id};
            });
      }
    }
    String next = null;
    if (flows.size() > q.limit()) {
      flows = flows.subList(0, q.limit());
      next = Cursor.write(q.sort(), keys.get(q.limit() - 1));
    }
    Map<String, List<String>> tags = tagsOf(c, flows.stream().map(FlowSummary::id).toList());
    List<FlowSummary> withTags =
        flows.stream()
            .map(
                f ->
                    new FlowSummary(
                        f.id(),
                        f.name(),
                        f.description(),
                        f.status(),
                        f.revision(),
                        f.updatedAt(),
                        tags.getOrDefault(f.id(), List.of())))
            .toList();
    return new FlowPage(withTags, total, next, counts);
  }

  /** The tags of these flows (all flows when null), in their order. */
  private static Map<String, List<String>> tagsOf(Connection c, List<String> ids)
      throws SQLException {
    Map<String, List<String>> out = new HashMap<>();
    if (ids != null && ids.isEmpty()) {
      return out;
    }
    Sql sql = new Sql().add("SELECT flow_id, tag FROM flow_tags");
    if (ids != null) {
      sql.add(" WHERE ").in("flow_id", new java.util.LinkedHashSet<>(ids));
    }
    sql.add(" ORDER BY flow_id, position");
    try (PreparedStatement s = sql.prepare(c);
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2));
      }
    }
    return out;
  }

  /**
   * The opaque cursor: the sort and the sort key of the last flow of a page, as base64url JSON. A
   * cursor that does not read, or belongs to another sort, is refused with a sentence.
   */
  static final class Cursor {
    private Cursor() {}

    static String write(FlowQuery.Sort sort, Object[] key) {
      ObjectNode json = JSON.createObjectNode();
      json.put("sort", sort.name());
      ArrayNode after = json.putArray("after");
      for (Object k : key) {
        if (k instanceof Integer i) {
          after.add(i);
        } else {
          after.add(String.valueOf(k));
        }
      }
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode read(String cursor, FlowQuery.Sort sort) {
      if (cursor == null || cursor.isBlank()) {
        return null;
      }
      JsonNode json;
      try {
        json =
            JSON.readTree(
                new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
      } catch (Exception e) {
        throw new InvalidCursorException(
            "The cursor `"
                + shorten(cursor)
                + "` is not one this server gave out; start again"
                + " without it.");
      }
      int keys = sort == FlowQuery.Sort.STATUS ? 3 : 2;
      if (json == null
          || !sort.name().equals(json.path("sort").asText())
          || !json.path("after").isArray()
          || json.get("after").size() != keys) {
        throw new InvalidCursorException(
            "The cursor belongs to another sort order; start again without it.");
      }
      if (sort == FlowQuery.Sort.CHANGED) {
        try {
          Instant.parse(json.get("after").get(0).asText());
        } catch (RuntimeException e) {
          throw new InvalidCursorException(
              "The cursor `"
                  + shorten(cursor)
                  + "` is not one this server gave out; start again"
                  + " without it.");
        }
      }
      return json.get("after");
    }

    private static String shorten(String s) {
      return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
  }

  /** A cursor that this server did not give out for this sort. */
  public static final class InvalidCursorException extends IllegalArgumentException {
    InvalidCursorException(String message) {
      super(message);
    }
  }
}
