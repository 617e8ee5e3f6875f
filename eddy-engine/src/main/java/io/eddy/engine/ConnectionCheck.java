package io.eddy.engine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Checks, before a run is submitted, that the Kafka clusters and databases its tables name can be
 * reached (and that lookup tables exist), so that a run that cannot work says why within seconds
 * instead of hanging in Flink's retries. It reads the connector options of the {@code CREATE TABLE}
 * statements.
 */
public final class ConnectionCheck {
  private static final Pattern CREATE_TABLE =
      Pattern.compile(
          "(?is)^\\s*CREATE\\s+(?:TEMPORARY\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?`((?:[^`]|``)*)`");
  private static final Pattern WITH = Pattern.compile("(?is)\\)\\s*WITH\\s*\\(");
  private static final Pattern OPTION =
      Pattern.compile("'((?:[^']|'')*)'\\s*=\\s*'((?:[^']|'')*)'");

  private final int timeoutSeconds;

  public ConnectionCheck(int timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
  }

  /** A table and its connector options. */
  record Table(String name, Map<String, String> options) {}

  /** The tables created by {@code statements}, with their options. */
  static List<Table> tables(List<String> statements) {
    List<Table> tables = new ArrayList<>();
    for (String s : statements) {
      Matcher create = CREATE_TABLE.matcher(s);
      if (!create.find()) {
        continue;
      }
      Matcher with = WITH.matcher(s);
      int at = -1;
      while (with.find()) {
        at = with.end();
      }
      if (at < 0) {
        continue;
      }
      Map<String, String> options = new LinkedHashMap<>();
      Matcher o = OPTION.matcher(s.substring(at));
      while (o.find()) {
        options.put(o.group(1).replace("''", "'"), o.group(2).replace("''", "'"));
      }
      tables.add(new Table(create.group(1).replace("``", "`"), options));
    }
    return tables;
  }

  /**
   * Throws an {@link EngineException} naming the first Kafka cluster or database that cannot be
   * reached, or lookup table that does not exist.
   */
  public void check(List<String> statements) {
    Map<String, Table> kafka = new LinkedHashMap<>();
    Map<String, Table> jdbc = new LinkedHashMap<>();
    for (Table t : tables(statements)) {
      String connector = t.options().getOrDefault("connector", "");
      if (connector.equals("kafka") || connector.equals("upsert-kafka")) {
        String servers = t.options().get("properties.bootstrap.servers");
        if (servers != null) {
          kafka.putIfAbsent(servers + clientProperties(t.options()), t);
        }
      } else if (connector.equals("jdbc")) {
        jdbc.putIfAbsent(t.options().get("url") + "|" + t.options().get("table-name"), t);
      }
    }
    for (Table t : kafka.values()) {
      checkKafka(t);
    }
    for (Table t : jdbc.values()) {
      checkJdbc(t);
    }
  }

  private static Map<String, String> clientProperties(Map<String, String> options) {
    Map<String, String> props = new LinkedHashMap<>();
    options.forEach(
        (k, v) -> {
          if (k.startsWith("properties.") && !k.equals("properties.group.id")) {
            props.put(k.substring("properties.".length()), v);
          }
        });
    return props;
  }

  private void checkKafka(Table t) {
    Map<String, String> client = clientProperties(t.options());
    String servers = client.get("bootstrap.servers");
    Properties p = new Properties();
    p.putAll(client);
    int ms = timeoutSeconds * 1000;
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(ms));
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(ms));
    p.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, String.valueOf(ms));
    p.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, String.valueOf(ms));
    p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "eddy-connection-check");
    try (Admin admin = Admin.create(p)) {
      admin.describeCluster().nodes().get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (Exception e) {
      String reason =
          e instanceof java.util.concurrent.TimeoutException
              ? "no answer within " + timeoutSeconds + " seconds"
              : Errors.clean(rootMessage(e));
      throw new EngineException(
          "The Kafka cluster at "
              + servers
              + " (table `"
              + t.name()
              + "`) cannot be reached: "
              + Errors.finish(reason),
          e);
    }
  }

  private void checkJdbc(Table t) {
    String url = t.options().get("url");
    String table = t.options().get("table-name");
    Properties p = new Properties();
    if (t.options().containsKey("username")) {
      p.put("user", t.options().get("username"));
    }
    if (t.options().containsKey("password")) {
      p.put("password", t.options().get("password"));
    }
    p.put("connectTimeout", String.valueOf(timeoutSeconds));
    p.put("loginTimeout", String.valueOf(timeoutSeconds));
    p.put("socketTimeout", String.valueOf(timeoutSeconds * 2));
    Connection connection;
    try {
      connection = DriverManager.getConnection(url, p);
    } catch (SQLException e) {
      throw new EngineException(
          "The database at " + url + " cannot be reached: " + Errors.sentence(e), e);
    }
    try (connection;
        Statement s = connection.createStatement()) {
      s.setQueryTimeout(timeoutSeconds);
      s.execute("SELECT * FROM " + quoteTable(table) + " WHERE 1 = 0");
    } catch (SQLException e) {
      if ("42P01".equals(e.getSQLState())) {
        throw new EngineException(
            "The table `" + table + "` does not exist in the database at " + url + ".", e);
      }
      throw new EngineException(
          "The table `" + table + "` cannot be read at " + url + ": " + Errors.sentence(e), e);
    }
  }

  /** Quotes each part of a possibly schema-qualified table name. */
  static String quoteTable(String table) {
    List<String> parts = new ArrayList<>();
    for (String part : table.split("\\.")) {
      parts.add("\"" + part.replace("\"", "\"\"") + "\"");
    }
    return String.join(".", parts);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
