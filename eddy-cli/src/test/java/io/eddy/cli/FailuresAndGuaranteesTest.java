package io.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.model.Flow;
import io.eddy.deploy.DeliverySettings;
import io.eddy.deploy.FlinkClusterClient;
import io.eddy.deploy.FlinkClusterClient.DeployOptions;
import io.eddy.deploy.FlinkRest;
import io.eddy.deploy.JobRegistry;
import io.eddy.deploy.Secrets;
import io.eddy.deploy.TestFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Deployed flows survive failures: a producer writes orders with unique ids at a steady rate, flows
 * deployed to real two-process clusters copy them to Kafka destinations, and consumers reading
 * committed output count missing and duplicate ids after each fault — a TaskManager killed (-9)
 * before and after the first checkpoint, the broker restarted, a stop with savepoint and resume,
 * the JobManager killed with high availability (the jobs resume by themselves) and without (the job
 * shows as lost and {@code eddy jobs resume} restores it from its latest checkpoint). Exactly-once
 * must end with 0 missing and 0 duplicates, at-least-once with 0 missing.
 *
 * <p>The recovery times it prints are the ones docs/deploy.md quotes.
 */
class FailuresAndGuaranteesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INPUT = "faults.orders";
  private static final Duration CATCH_UP = Duration.ofSeconds(120);
  private static final List<String> REPORT = new ArrayList<>();

  @Test
  void deployedFlowsLoseAndRepeatNothingThroughFailures() throws Exception {
    String bootstrap = TestFixtures.kafkaBootstrap();
    for (String topic :
        List.of(INPUT, "faults.eo", "faults.eo.early", "faults.alo", "faults.noha")) {
      TestFixtures.createTopic(topic);
    }
    Path data = TestFixtures.newDir("faults-data");
    Path haDir = TestFixtures.newDir("ha-cluster");
    try (IdProducer producer = new IdProducer(bootstrap, INPUT, 50);
        CommittedOutput eo = new CommittedOutput(bootstrap, "faults.eo", producer);
        CommittedOutput early = new CommittedOutput(bootstrap, "faults.eo.early", producer);
        CommittedOutput alo = new CommittedOutput(bootstrap, "faults.alo", producer);
        CommittedOutput noHa = new CommittedOutput(bootstrap, "faults.noha", producer)) {
      try {
        highAvailabilityCluster(haDir, data, producer, eo, early, alo);
        jobManagerLostWithoutHighAvailability(data, producer, noHa);
        producer.stop();
        // Each fault above was counted against the ids acknowledged up to then; every job has
        // been cancelled since, so what came later is nobody's to deliver.
        Set<Integer> all = producer.acked();
        assertThat(all.size()).isGreaterThan(1000);
        REPORT.add(
            String.format(
                "overall: %d ids produced; exactly-once outputs held %d and %d distinct ids with 0"
                    + " duplicates; at-least-once %d duplicates",
                all.size(), eo.distinct(), noHa.distinct(), alo.duplicates()));
      } finally {
        DeployCommandsTest.eddy("cluster", "stop", "--dir", haDir.toString());
        REPORT.forEach(line -> System.out.println("recovery: " + line));
      }
    }
  }

  /**
   * On a cluster started with {@code eddy cluster start --ha}: three jobs reading the same input
   * (exactly-once, exactly-once not yet checkpointed, at-least-once), then faults one after the
   * other, each followed by a count.
   */
  private void highAvailabilityCluster(
      Path haDir,
      Path data,
      IdProducer producer,
      CommittedOutput eo,
      CommittedOutput early,
      CommittedOutput alo)
      throws Exception {
    DeployCommandsTest.Result start =
        DeployCommandsTest.eddy("cluster", "start", "--ha", "--dir", haDir.toString());
    assertThat(start.exit()).as(start.err()).isZero();
    String url = start.out().strip();
    assertThat(pid(haDir, "zookeeper")).isPositive();
    FlinkClusterClient client = new FlinkClusterClient(url, JobRegistry.in(data));
    producer.start();

    String eoJob = deploy(client, "faults.eo", new DeliverySettings(null, null, null), null);
    String aloJob =
        deploy(
            client,
            "faults.alo",
            new DeliverySettings(DeliverySettings.Guarantee.AT_LEAST_ONCE, null, null),
            null);
    awaitCheckpoint(client, url, eoJob);
    awaitCheckpoint(client, url, aloJob);
    // Its first checkpoint cannot come before 50 s: the TaskManager dies before it.
    String earlyJob =
        deploy(
            client,
            "faults.eo.early",
            new DeliverySettings(null, Duration.ofSeconds(60), null),
            "SET 'execution.checkpointing.min-pause' = '50 s';\n");
    awaitRunning(client, earlyJob);
    Thread.sleep(2000);
    assertThat(completedCheckpoints(url, earlyJob)).isZero();

    // 1. TaskManager kill -9; `eddy cluster start` starts a new one.
    long fault = System.nanoTime();
    kill(haDir, "taskmanager");
    DeployCommandsTest.Result replaced =
        DeployCommandsTest.eddy("cluster", "start", "--dir", haDir.toString());
    assertThat(replaced.exit()).as(replaced.err()).isZero();
    long tmBack = System.nanoTime();
    for (String job : List.of(eoJob, aloJob, earlyJob)) {
      awaitRunning(client, job);
    }
    long running = System.nanoTime();
    // The not yet checkpointed job commits at its next checkpoint; ask for one now.
    new FlinkRest(url).post("/jobs/" + earlyJob + "/checkpoints", JSON.createObjectNode());
    Set<Integer> sent = producer.acked();
    countExactlyOnce(early, sent, fault, "TaskManager kill -9 before the first checkpoint");
    countExactlyOnce(eo, sent, fault, "TaskManager kill -9 after the first checkpoint");
    countAtLeastOnce(alo, sent, fault, "TaskManager kill -9 after the first checkpoint");
    REPORT.add(
        String.format(
            "TaskManager kill -9: new TaskManager registered after %.1f s, all jobs running after"
                + " %.1f s",
            seconds(tmBack - fault), seconds(running - fault)));
    client.cancel(earlyJob);

    // 2. The broker restarts (down 5 s).
    fault = System.nanoTime();
    Duration restart = TestFixtures.restartKafka(Duration.ofSeconds(5));
    sent = producer.acked();
    countExactlyOnce(eo, sent, fault, "broker restart (" + restart.toSeconds() + " s down)");
    countAtLeastOnce(alo, sent, fault, "broker restart (" + restart.toSeconds() + " s down)");

    // 3. Stop with savepoint, events go on arriving, resume.
    fault = System.nanoTime();
    String savepoint = client.stopWithSavepoint(eoJob, null, Duration.ofSeconds(60));
    Thread.sleep(3000);
    String resumed =
        client.resume(eoJob, DeployOptions.defaults(), Secrets.ofMap(Map.of()), null).jobId();
    awaitRunning(client, resumed);
    assertThat(JobRegistry.in(data).find(resumed).orElseThrow().restoredFrom())
        .isEqualTo(savepoint);
    sent = producer.acked();
    countExactlyOnce(eo, sent, fault, "stop with savepoint, 3 s stopped, resume");

    // 4. JobManager kill -9 with high availability: restarted, it recovers the jobs by itself.
    fault = System.nanoTime();
    kill(haDir, "jobmanager");
    DeployCommandsTest.Result jmBack =
        DeployCommandsTest.eddy("cluster", "start", "--dir", haDir.toString());
    assertThat(jmBack.exit()).as(jmBack.err()).isZero();
    assertThat(jmBack.err()).contains("started its JobManager again");
    long restarted = System.nanoTime();
    awaitRunning(client, resumed);
    awaitRunning(client, aloJob);
    REPORT.add(
        String.format(
            "JobManager kill -9 with HA: JobManager restarted after %.1f s, the same jobs running"
                + " again after %.1f s",
            seconds(restarted - fault), seconds(System.nanoTime() - fault)));
    sent = producer.acked();
    countExactlyOnce(eo, sent, fault, "JobManager kill -9 with HA");
    countAtLeastOnce(alo, sent, fault, "JobManager kill -9 with HA");
    client.cancel(resumed);
    client.cancel(aloJob);
  }

  /**
   * On the shared cluster, which runs without high availability: the JobManager is killed and
   * restarted, the job is gone from the cluster, {@code eddy jobs list} shows it as lost with its
   * latest checkpoint, and {@code eddy jobs resume} restores it from there.
   */
  private void jobManagerLostWithoutHighAvailability(
      Path data, IdProducer producer, CommittedOutput noHa) throws Exception {
    String url = TestFixtures.flinkUrl();
    Path dir = TestFixtures.clusterDir();
    FlinkClusterClient client = new FlinkClusterClient(url, JobRegistry.in(data));
    String job = deploy(client, "faults.noha", new DeliverySettings(null, null, null), null);
    awaitCheckpoint(client, url, job);
    Thread.sleep(3000);

    long fault = System.nanoTime();
    kill(dir, "jobmanager");
    DeployCommandsTest.Result back =
        DeployCommandsTest.eddy("cluster", "start", "--dir", dir.toString());
    assertThat(back.exit()).as(back.err()).isZero();
    assertThat(back.out().strip()).isEqualTo(url);
    long restarted = System.nanoTime();

    DeployCommandsTest.Result list =
        DeployCommandsTest.eddy("jobs", "list", "--flink", url, "--data-dir", data.toString());
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out())
        .containsPattern(job + "\\s+LOST\\s+.*\\(checkpoint file:\\S+/chk-\\d+\\)");

    DeployCommandsTest.Result stop =
        DeployCommandsTest.eddy(
            "jobs", "stop", job, "--savepoint", "--flink", url, "--data-dir", data.toString());
    assertThat(stop.exit()).isEqualTo(1);
    assertThat(stop.err().strip())
        .isEqualTo(
            "eddy: Job "
                + job
                + " is lost: the Flink cluster at "
                + url
                + " no longer runs it. Resume it from its latest checkpoint with `eddy jobs resume "
                + job
                + "` (or Resume in the Jobs view).");

    DeployCommandsTest.Result resume =
        DeployCommandsTest.eddy(
            "jobs", "resume", job, "--flink", url, "--data-dir", data.toString());
    assertThat(resume.exit()).as(resume.err()).isZero();
    Matcher m =
        Pattern.compile(
                "Resumed job "
                    + job
                    + " from (file:\\S+/chk-\\d+) as job ([0-9a-f]{32}) .*: running\\.")
            .matcher(resume.out());
    assertThat(m.find()).as(resume.out()).isTrue();
    String second = m.group(2);
    REPORT.add(
        String.format(
            "JobManager kill -9 without HA: JobManager restarted after %.1f s, the job resumed from"
                + " its latest checkpoint (eddy jobs resume) after %.1f s",
            seconds(restarted - fault), seconds(System.nanoTime() - fault)));
    Set<Integer> sent = producer.acked();
    countExactlyOnce(noHa, sent, fault, "JobManager kill -9 without HA, eddy jobs resume");
    client.cancel(second);
  }

  /** Deploys the copy flow from the input topic to {@code output}; returns the job id. */
  private static String deploy(
      FlinkClusterClient client, String output, DeliverySettings delivery, String prelude)
      throws Exception {
    ObjectNode doc =
        (ObjectNode) JSON.readTree(Files.readString(Path.of("..", "examples", "emea-orders.json")));
    doc.put("name", "copy to " + output);
    for (JsonNode node : doc.path("nodes")) {
      String type = node.path("type").asText();
      if (type.equals("source") || type.equals("destination")) {
        ((ObjectNode) node.path("config").path("kafka"))
            .put("topic", type.equals("source") ? INPUT : output);
      }
    }
    Flow flow = FlowDocuments.read(doc.toString());
    DeployOptions options =
        DeployOptions.defaults()
            .withParallelism(1)
            .withKafkaOverride(TestFixtures.kafkaBootstrap())
            .withDelivery(delivery);
    if (prelude == null) {
      return client.deploy(flow, options, Secrets.ofMap(Map.of())).jobId();
    }
    String script = prelude + FlinkClusterClient.export(flow, options).script();
    return client.deploySql(script, flow.name(), options, Secrets.ofMap(Map.of())).jobId();
  }

  private void countExactlyOnce(CommittedOutput out, Set<Integer> sent, long fault, String what)
      throws InterruptedException {
    out.awaitAll(sent, CATCH_UP);
    Set<Integer> missing = out.missing(sent);
    long duplicates = out.duplicates();
    REPORT.add(
        String.format(
            "%s, exactly-once: output resumed %.1f s after the fault; %d missing, %d duplicates",
            what, out.resumedAfter(fault), missing.size(), duplicates));
    assertThat(missing).as(what + ": missing in " + out.topic).isEmpty();
    assertThat(duplicates).as(what + ": duplicates in " + out.topic).isZero();
  }

  private void countAtLeastOnce(CommittedOutput out, Set<Integer> sent, long fault, String what)
      throws InterruptedException {
    out.awaitAll(sent, CATCH_UP);
    Set<Integer> missing = out.missing(sent);
    REPORT.add(
        String.format(
            "%s, at-least-once: output resumed %.1f s after the fault; %d missing, %d duplicates"
                + " so far",
            what, out.resumedAfter(fault), missing.size(), out.duplicates()));
    assertThat(missing).as(what + ": missing in " + out.topic).isEmpty();
  }

  private static void awaitRunning(FlinkClusterClient client, String job)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (true) {
      try {
        if (client.jobs().allTasksRunning(job)) {
          return;
        }
      } catch (RuntimeException notAnswering) {
        // a JobManager restarting
      }
      assertThat(System.nanoTime()).as("job %s running within 120 s", job).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static int completedCheckpoints(String url, String job) {
    return new FlinkRest(url).get("/jobs/" + job + "/checkpoints").at("/counts/completed").asInt();
  }

  private static void awaitCheckpoint(FlinkClusterClient client, String url, String job)
      throws InterruptedException {
    awaitRunning(client, job);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (completedCheckpoints(url, job) < 1) {
      assertThat(System.nanoTime()).as("a checkpoint of %s within 60 s", job).isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  private static long pid(Path dir, String name) throws Exception {
    return Long.parseLong(Files.readString(dir.resolve(name + ".pid")).strip());
  }

  /** kill -9 of the cluster's process named {@code name}. */
  private static void kill(Path dir, String name) throws Exception {
    ProcessHandle process = ProcessHandle.of(pid(dir, name)).orElseThrow();
    process.destroyForcibly();
    process.onExit().get();
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  /**
   * Produces orders with ids 0, 1, 2, ... (region EMEA, so the flow passes them) at a steady rate,
   * idempotently; remembers which ids the broker acknowledged and when each was sent.
   */
  static final class IdProducer implements AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final long periodNanos;
    private final Set<Integer> acked = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Long> sentAt = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean running;
    private Thread thread;

    IdProducer(String bootstrap, String topic, int perSecond) {
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      p.put(ProducerConfig.ACKS_CONFIG, "all");
      p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
      p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
      p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "120000");
      this.producer = new KafkaProducer<>(p);
      this.topic = topic;
      this.periodNanos = 1_000_000_000L / perSecond;
    }

    void start() {
      running = true;
      thread = new Thread(this::run, "id-producer");
      thread.setDaemon(true);
      thread.start();
    }

    private void run() {
      long due = System.nanoTime();
      while (running) {
        int id = next.getAndIncrement();
        String value =
            JSON.createObjectNode()
                .put("id", String.valueOf(id))
                .put("customer", "Ada")
                .put("customerid", "c1")
                .put("description", "Jeans")
                .put("price", 10.0)
                .put("quantity", 1)
                .put("region", "EMEA")
                .put("ordertime", "2024-01-01 10:00:00.000")
                .toString();
        sentAt.put(id, System.nanoTime());
        producer.send(
            new ProducerRecord<>(topic, value),
            (meta, e) -> {
              if (e == null) {
                acked.add(id);
              }
            });
        due += periodNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          try {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }

    /** The ids the broker has acknowledged so far. */
    Set<Integer> acked() {
      producer.flush();
      return new HashSet<>(acked);
    }

    long sentAt(int id) {
      return sentAt.getOrDefault(id, Long.MAX_VALUE);
    }

    void stop() throws InterruptedException {
      running = false;
      if (thread != null) {
        thread.join();
      }
      producer.flush();
    }

    @Override
    public void close() throws InterruptedException {
      stop();
      producer.close();
    }
  }

  /** Reads a destination topic as a consumer of committed data, counting each id. */
  static final class CommittedOutput implements AutoCloseable {
    final String topic;
    private final IdProducer producer;
    private final Map<Integer, Integer> counts = new ConcurrentHashMap<>();
    private final Map<Integer, Long> firstSeen = new ConcurrentHashMap<>();
    private final Set<String> read = new HashSet<>();
    private final KafkaConsumer<String, String> consumer;
    private volatile boolean running = true;
    private final Thread thread;

    CommittedOutput(String bootstrap, String topic, IdProducer producer) {
      this.topic = topic;
      this.producer = producer;
      Properties p = new Properties();
      p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      p.put(ConsumerConfig.GROUP_ID_CONFIG, "faults-" + topic + "-" + System.nanoTime());
      p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
      p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
      consumer = new KafkaConsumer<>(p);
      consumer.subscribe(List.of(topic));
      thread = new Thread(this::run, "committed-" + topic);
      thread.setDaemon(true);
      thread.start();
    }

    private void run() {
      while (running) {
        try {
          for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
            if (!read.add(r.partition() + ":" + r.offset())) {
              // Read again by this consumer (its group rejoined after the broker restarted and
              // went back to its last committed position): not a duplicate in the topic.
              continue;
            }
            int id = JSON.readTree(r.value()).path("id").asInt();
            counts.merge(id, 1, Integer::sum);
            firstSeen.putIfAbsent(id, System.nanoTime());
          }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
          return;
        } catch (Exception e) {
          // the broker restarting: poll again
        }
      }
    }

    void awaitAll(Set<Integer> ids, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!counts.keySet().containsAll(ids) && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
    }

    Set<Integer> missing(Set<Integer> expected) {
      Set<Integer> out = new HashSet<>(expected);
      out.removeAll(counts.keySet());
      return out;
    }

    long duplicates() {
      return counts.values().stream().mapToLong(c -> c - 1).sum();
    }

    int distinct() {
      return counts.size();
    }

    /** Seconds from {@code fault} until the first committed id that was sent after it arrived. */
    double resumedAfter(long fault) {
      return firstSeen.entrySet().stream()
                  .filter(e -> producer.sentAt(e.getKey()) > fault)
                  .mapToLong(Map.Entry::getValue)
                  .min()
                  .orElse(Long.MAX_VALUE)
              / 1e9
          - fault / 1e9;
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      consumer.wakeup();
      thread.join();
      consumer.close();
    }
  }
}
