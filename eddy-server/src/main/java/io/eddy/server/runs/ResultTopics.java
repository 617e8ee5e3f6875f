package io.eddy.server.runs;

import io.eddy.engine.Errors;
import io.eddy.server.ServiceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs' results topics ({@code eddy-results-...}) on the results Kafka, and a ledger of those
 * not deleted yet in the data directory ({@code results-topics.txt}, one name a line): a topic
 * outlives its run when the server is killed, and is deleted at the next start on the same data
 * directory. Only topics in the ledger are deleted: another server's runs on the same Kafka keep
 * theirs.
 */
final class ResultTopics implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResultTopics.class);

  private final String bootstrap;
  private final Path ledger;
  private final Admin admin;
  private final Set<String> live = new LinkedHashSet<>();
  private volatile boolean reachable = true;

  ResultTopics(String bootstrap, Path dataDir) {
    this.bootstrap = bootstrap;
    this.ledger = dataDir.resolve("results-topics.txt");
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000));
  }

  /**
   * Deletes the topics of runs that were alive when the server last stopped without cleaning up.
   */
  synchronized void deleteLeftovers() {
    List<String> left = read();
    if (left.isEmpty()) {
      return;
    }
    live.addAll(left);
    List<String> deleted = new ArrayList<>();
    for (String topic : left) {
      if (deleteNow(topic)) {
        deleted.add(topic);
      }
    }
    LOG.info(
        "Deleted {} results topic(s) left by runs alive when the server last stopped",
        deleted.size());
  }

  /**
   * Creates results topics, in one request to Kafka (a run's results and counts topics: one round
   * trip less before its job starts). They are noted in the ledger first, so that a kill right
   * after leaves nothing unknown behind.
   *
   * @throws ServiceException UNAVAILABLE when Kafka does not create them
   */
  void create(String... topics) {
    synchronized (this) {
      live.addAll(List.of(topics));
      write();
    }
    Map<String, org.apache.kafka.common.KafkaFuture<Void>> created =
        admin
            .createTopics(
                java.util.Arrays.stream(topics).map(t -> new NewTopic(t, 1, (short) 1)).toList())
            .values();
    for (org.apache.kafka.common.KafkaFuture<Void> topic : created.values()) {
      try {
        topic.get(15, TimeUnit.SECONDS);
      } catch (Exception e) {
        Throwable c = e.getCause() == null ? e : e.getCause();
        if (!(c instanceof TopicExistsException)) {
          throw new ServiceException(
              ServiceException.Reason.UNAVAILABLE,
              "The results topic could not be created on Kafka at "
                  + bootstrap
                  + ": "
                  + Errors.sentence(c));
        }
      }
    }
  }

  /** Deletes a results topic; when Kafka does not, the ledger keeps it for the next start. */
  synchronized void delete(String topic) {
    deleteNow(topic);
  }

  private boolean deleteNow(String topic) {
    try {
      admin.deleteTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable c = e.getCause() == null ? e : e.getCause();
      if (!(c instanceof UnknownTopicOrPartitionException)) {
        LOG.debug("Results topic {} not deleted: {}", topic, e.toString());
        return false;
      }
    }
    live.remove(topic);
    write();
    return true;
  }

  /** Asks Kafka whether it answers; {@link #reachable} says what the last asking found. */
  void check() {
    try {
      admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
      reachable = true;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      reachable = false;
    }
  }

  /** Whether the results Kafka answered when last asked. */
  boolean reachable() {
    return reachable;
  }

  String bootstrap() {
    return bootstrap;
  }

  /** Deletes every results topic still known (the server stops). */
  synchronized void deleteAll() {
    new ArrayList<>(live).forEach(this::deleteNow);
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(2));
  }

  private List<String> read() {
    try {
      if (!Files.exists(ledger)) {
        return List.of();
      }
      return Files.readAllLines(ledger, StandardCharsets.UTF_8).stream()
          .map(String::strip)
          .filter(l -> l.startsWith("eddy-results-"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write() {
    try {
      Path tmp = ledger.resolveSibling(ledger.getFileName() + ".tmp");
      Files.write(
          tmp,
          live,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.SYNC);
      Files.move(
          tmp,
          ledger,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("The list of results topics could not be written: {}", e.getMessage());
    }
  }
}
