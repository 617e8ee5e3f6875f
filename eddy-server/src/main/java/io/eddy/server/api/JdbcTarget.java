package io.eddy.server.api;

import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one PostgreSQL server the editor's table helper may talk to, and the only credentials it
 * sends there: those typed with the URL. The rule, so that the helper cannot be turned against the
 * server's own network or credentials:
 *
 * <ul>
 *   <li>one host (a host list would send the password to each of them), no user or password in the
 *       URL (they have their own fields), and only harmless parameters ({@link #PARAMETERS}): none
 *       that loads a class or a file on the server ({@code socketFactory}, {@code sslfactory},
 *       {@code sslrootcert}, {@code authenticationPluginClassName}, {@code loggerFile}, {@code
 *       service}...);
 *   <li>the user name and password are always given to the driver, empty when not typed, so it
 *       never reaches for the server's own {@code ~/.pgpass}, {@code pg_service.conf} or {@code
 *       PG*} environment.
 * </ul>
 */
record JdbcTarget(String url, String where, Properties properties) {
  /** The URL parameters the helper passes on: none of them names a class, a file or a host. */
  static final List<String> PARAMETERS = List.of("ssl", "sslmode", "currentSchema");

  private static final Set<String> SSL_MODES =
      Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
  private static final Pattern URL =
      Pattern.compile(
          "jdbc:postgresql://(?<host>[A-Za-z0-9][A-Za-z0-9.\\-]*|\\[[0-9A-Fa-f:.]+\\])"
              + "(?::(?<port>\\d{1,5}))?/(?<db>[A-Za-z0-9_\\-.$]+)(?:\\?(?<query>.*))?");
  private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_\\-.,]*");

  /**
   * @throws ApiError 422 when {@code url} is not one that the helper may use
   */
  static JdbcTarget of(String url, String username, String password) {
    Matcher m = url == null ? null : URL.matcher(url.strip());
    if (m == null || !m.matches()) {
      throw new ApiError(
          422,
          "Give a PostgreSQL JDBC URL with one host, such as jdbc:postgresql://localhost:5432/shop"
              + " (the user name and password go in their own fields).");
    }
    String where =
        "jdbc:postgresql://"
            + m.group("host")
            + (m.group("port") == null ? "" : ":" + m.group("port"))
            + "/"
            + m.group("db");
    StringBuilder query = new StringBuilder();
    if (m.group("query") != null && !m.group("query").isEmpty()) {
      for (String pair : m.group("query").split("&")) {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        boolean allowed =
            PARAMETERS.contains(key)
                && VALUE.matcher(value).matches()
                && (!key.equals("sslmode") || SSL_MODES.contains(value));
        if (!allowed) {
          throw new ApiError(
              422,
              "The JDBC URL may only carry the parameters "
                  + String.join(", ", PARAMETERS)
                  + " (with a plain value); give the user name and password in their own fields.");
        }
        query.append(query.length() == 0 ? "?" : "&").append(key).append('=').append(value);
      }
    }
    Properties p = new Properties();
    p.setProperty("user", username == null ? "" : username);
    p.setProperty("password", password == null ? "" : password);
    p.setProperty("connectTimeout", "4");
    p.setProperty("socketTimeout", "10");
    p.setProperty("loginTimeout", "5");
    return new JdbcTarget(where + query, where, p);
  }
}
