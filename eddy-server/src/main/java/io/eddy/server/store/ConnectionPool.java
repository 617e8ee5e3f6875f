package io.eddy.server.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;

/** A few reusable JDBC connections; enough for a small server without a pooling library. */
final class ConnectionPool implements AutoCloseable {
  private static final int H2_LOCK_TIMEOUT_MS = 10_000;
  private final String url;
  private final Properties properties;
  private final int max;
  private final Deque<Connection> idle = new ArrayDeque<>();
  private boolean closed;

  ConnectionPool(String url, String user, String password, int max) {
    this.url = url;
    this.properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    this.max = max;
  }

  Connection take() throws SQLException {
    synchronized (this) {
      if (closed) {
        throw new SQLException("the flow store is closed");
      }
      while (!idle.isEmpty()) {
        Connection c = idle.pop();
        if (c.isValid(2)) {
          return c;
        }
        closeQuietly(c);
      }
    }
    Connection c = DriverManager.getConnection(url, properties);
    c.setAutoCommit(false);
    c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    if (url.startsWith("jdbc:h2:")) {
      // H2 gives up waiting for a row lock after 2 s (2.3.232); saves of one flow queue on its
      // row, and a burst of them can wait longer than that on a busy machine.
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCK_TIMEOUT " + H2_LOCK_TIMEOUT_MS);
      }
    }
    return c;
  }

  void give(Connection c, boolean healthy) {
    synchronized (this) {
      if (healthy && !closed && idle.size() < max) {
        idle.push(c);
        return;
      }
    }
    closeQuietly(c);
  }

  @Override
  public synchronized void close() {
    closed = true;
    idle.forEach(ConnectionPool::closeQuietly);
    idle.clear();
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // closing anyway
    }
  }
}
