package io.eddy.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a run's results: the events the compiled flow's tap writes to an internal Kafka topic, as
 * JSON objects. One reader thread polls the topic (no consumer group; every partition from the
 * start) into a bounded queue and simply stops polling while the queue is full, so a slow consumer
 * holds back the reading and memory stays bounded however many events the run produces. Events are
 * taken with {@link #poll} or pushed to a listener given to {@link #open(String, String, int,
 * Consumer)} on a thread of their own.
 */
public final class ResultStream implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResultStream.class);

  private static final ObjectMapper JSON = EventJson.MAPPER;

  /** Default queue capacity. */
  public static final int DEFAULT_CAPACITY = 1_000;

  private final String topic;
  private final String bootstrap;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final BlockingQueue<ObjectNode> queue;
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final Map<TopicPartition, Long> positions = new HashMap<>();
  private final Thread reader;
  private final Thread dispatcher;
  private final CountDownLatch readerDone = new CountDownLatch(1);
  private volatile boolean closed;
  private volatile Throwable failure;
  private volatile int maxQueued;

  private ResultStream(
      String bootstrapServers, String topic, int capacity, Consumer<ObjectNode> listener) {
    this.topic = topic;
    this.bootstrap = bootstrapServers;
    this.queue = new ArrayBlockingQueue<>(capacity);
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // Small fetches: the consumer's own buffers are part of the memory bound.
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(Math.min(500, capacity)));
    p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(1024 * 1024));
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(512 * 1024));
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "eddy-results-" + topic);
    this.consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.reader = new Thread(this::read, "eddy-results-" + topic);
    this.reader.setDaemon(true);
    if (listener != null) {
      this.dispatcher = new Thread(() -> dispatch(listener), "eddy-results-dispatch-" + topic);
      this.dispatcher.setDaemon(true);
    } else {
      this.dispatcher = null;
    }
  }

  /**
   * Opens a stream to be read with {@link #poll}; at most {@code capacity} events wait in memory.
   */
  public static ResultStream open(String bootstrapServers, String topic, int capacity) {
    return open(bootstrapServers, topic, capacity, null);
  }

  /**
   * Opens a stream that hands every event to {@code listener}, in order, on a thread of its own. A
   * listener slower than the run holds back the reading: at most {@code capacity} events wait.
   */
  public static ResultStream open(
      String bootstrapServers, String topic, int capacity, Consumer<ObjectNode> listener) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    ResultStream stream = new ResultStream(bootstrapServers, topic, capacity, listener);
    stream.reader.start();
    if (stream.dispatcher != null) {
      stream.dispatcher.start();
    }
    return stream;
  }

  public String topic() {
    return topic;
  }

  private void read() {
    try {
      assignWhenTopicExists();
      while (!closed) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<byte[], byte[]> r : records) {
          received.incrementAndGet();
          ObjectNode event = parse(r.value());
          if (event == null) {
            skipped.incrementAndGet();
          } else {
            // Blocks while the queue is full: no polling, so Kafka holds the rest.
            while (!closed && !queue.offer(event, 100, TimeUnit.MILLISECONDS)) {
              // waiting for the consumer
            }
            maxQueued = Math.max(maxQueued, queue.size());
          }
          synchronized (positions) {
            positions.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
          }
        }
        if (records.isEmpty()) {
          synchronized (positions) {
            for (TopicPartition tp : consumer.assignment()) {
              positions.put(tp, consumer.position(tp));
            }
          }
        }
      }
    } catch (WakeupException | InterruptedException e) {
      // closing
    } catch (Throwable t) {
      if (!closed) {
        failure = t;
        LOG.warn("Reading results from topic {} failed: {}", topic, t.toString());
      }
    } finally {
      try {
        consumer.close(Duration.ofSeconds(2));
      } catch (RuntimeException e) {
        LOG.debug("Closing the results consumer failed", e);
      }
      readerDone.countDown();
    }
  }

  private void assignWhenTopicExists() throws InterruptedException {
    while (!closed) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
      if (partitions != null && !partitions.isEmpty()) {
        List<TopicPartition> tps = new ArrayList<>();
        partitions.forEach(pi -> tps.add(new TopicPartition(topic, pi.partition())));
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        synchronized (positions) {
          tps.forEach(tp -> positions.put(tp, consumer.position(tp)));
        }
        return;
      }
      Thread.sleep(100);
    }
  }

  private static ObjectNode parse(byte[] value) {
    if (value == null) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(value);
      return node instanceof ObjectNode o ? o : null;
    } catch (Exception e) {
      return null;
    }
  }

  private void dispatch(Consumer<ObjectNode> listener) {
    while (!closed || !queue.isEmpty()) {
      try {
        ObjectNode event = queue.poll(100, TimeUnit.MILLISECONDS);
        if (event != null) {
          delivered.incrementAndGet();
          listener.accept(event);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("A results listener failed: {}", e.toString());
      }
    }
  }

  /** The next event, waiting up to {@code timeout}; null when none came. */
  public ObjectNode poll(Duration timeout) throws InterruptedException {
    ObjectNode event = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (event != null) {
      delivered.incrementAndGet();
    }
    return event;
  }

  /**
   * Every event written to the topic until now, waiting up to {@code timeout} for the reader to
   * reach the topic's current end. For a run that has ended this is all of its output.
   */
  public List<ObjectNode> readToEnd(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<TopicPartition, Long> end = endOffsets(timeout);
    List<ObjectNode> events = new ArrayList<>();
    while (true) {
      ObjectNode e = poll(Duration.ofMillis(20));
      if (e != null) {
        events.add(e);
        continue;
      }
      if (reachedEnd(end) && queue.isEmpty()) {
        return events;
      }
      if (failure != null) {
        throw new EngineException(
            "Reading the results failed: " + Errors.sentence(failure), failure);
      }
      if (System.nanoTime() > deadline) {
        throw new EngineException(
            "The results could not be read to their end within " + timeout.toSeconds() + " s.");
      }
    }
  }

  private Map<TopicPartition, Long> endOffsets(Duration timeout) {
    Properties p = new Properties();
    p.putAll(consumerBootstrap());
    try (KafkaConsumer<byte[], byte[]> probe =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> partitions = probe.partitionsFor(topic, timeout);
      List<TopicPartition> tps = new ArrayList<>();
      if (partitions != null) {
        partitions.forEach(pi -> tps.add(new TopicPartition(topic, pi.partition())));
      }
      return tps.isEmpty() ? Map.of() : probe.endOffsets(tps, timeout);
    }
  }

  private Map<String, Object> consumerBootstrap() {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        "read_committed");
  }

  private boolean reachedEnd(Map<TopicPartition, Long> end) {
    synchronized (positions) {
      for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
        if (e.getValue() > 0 && positions.getOrDefault(e.getKey(), 0L) < e.getValue()) {
          return false;
        }
      }
      return true;
    }
  }

  /** Records read from the topic so far. */
  public long received() {
    return received.get();
  }

  /** Events handed to the consumer so far. */
  public long delivered() {
    return delivered.get();
  }

  /** Records that were not JSON objects. */
  public long skipped() {
    return skipped.get();
  }

  /** The most events that ever waited in memory at once (never above the capacity). */
  public int maxQueued() {
    return maxQueued;
  }

  /** Why reading stopped, or null. */
  public Throwable failure() {
    return failure;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    consumer.wakeup();
    try {
      readerDone.await(5, TimeUnit.SECONDS);
      if (dispatcher != null) {
        dispatcher.interrupt();
        dispatcher.join(2_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    queue.clear();
  }
}
