package io.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.core.document.FlowLimits;
import io.eddy.deploy.FlinkRest;
import io.eddy.deploy.JobRegistry;
import io.eddy.deploy.TestFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment commands ({@code eddy deploy}, {@code jobs}, {@code cluster}, {@code k8s}), run
 * in-process.
 */
public class DeployCommandsTest {
  @TempDir Path tmp;

  record Result(int exit, String out, String err) {}

  /** The {@code eddy} command line, run in-process as {@code main} runs it. */
  static Result eddy(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = EddyCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(exit, out.toString(), err.toString());
  }

  private static final Path EXAMPLES = Path.of("..", "examples");

  @Test
  void usageMistakesExitWith2() {
    assertThat(eddy("deploy").exit()).isEqualTo(2);
    assertThat(eddy("jobs").exit()).isEqualTo(2);
    assertThat(eddy("cluster").exit()).isEqualTo(2);
    Result stop =
        eddy("jobs", "stop", "0123456789abcdef0123456789abcdef", "--flink", "http://127.0.0.1:1");
    assertThat(stop.exit()).isEqualTo(2);
    assertThat(stop.err()).contains("--savepoint");
    Result p =
        eddy(
            "deploy",
            EXAMPLES.resolve("emea-orders.json").toString(),
            "--flink",
            "http://127.0.0.1:1",
            "--parallelism",
            "0");
    assertThat(p.exit()).isEqualTo(2);
    assertThat(p.err())
        .contains("eddy: --parallelism must be at least 1.")
        .contains("Run 'eddy deploy --help' for usage.");
  }

  @Test
  void wrongInputExitsWith1WithOneReadableLine() throws Exception {
    Result missing = eddy("deploy", "nope.json", "--flink", "http://127.0.0.1:1");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err().strip()).isEqualTo("eddy: nope.json: no such file.");
    // an SQL script is read by the same reader, with the same message
    Result missingScript = eddy("deploy", "nope.sql", "--flink", "http://127.0.0.1:1");
    assertThat(missingScript.exit()).isEqualTo(1);
    assertThat(missingScript.err().strip()).isEqualTo("eddy: nope.sql: no such file.");

    // Flow files are read as every other command reads them: the document size limit holds.
    Path huge = tmp.resolve("huge.json");
    Files.writeString(huge, " ".repeat(FlowLimits.MAX_DOCUMENT_BYTES + 1));
    Result tooBig = eddy("deploy", huge.toString(), "--flink", "http://127.0.0.1:1");
    assertThat(tooBig.exit()).isEqualTo(1);
    assertThat(tooBig.err()).contains("over the limit of").contains("for a flow document.");

    Result noCluster =
        eddy("jobs", "list", "--flink", "http://127.0.0.1:1", "--data-dir", tmp.toString());
    assertThat(noCluster.exit()).isEqualTo(1);
    assertThat(noCluster.err().strip())
        .isEqualTo("eddy: No Flink cluster answers at http://127.0.0.1:1.");

    Result badId = eddy("jobs", "cancel", "xyz", "--flink", "http://127.0.0.1:1");
    assertThat(badId.exit()).isEqualTo(1);
    assertThat(badId.err().strip())
        .isEqualTo("eddy: `xyz` is not a Flink job id (32 hexadecimal digits).");

    Result unknown =
        eddy(
            "jobs",
            "resume",
            "0123456789abcdef0123456789abcdef",
            "--flink",
            "http://127.0.0.1:1",
            "--data-dir",
            tmp.toString());
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err())
        .contains("Eddy has no record of job 0123456789abcdef0123456789abcdef");
    assertThat(unknown.err().lines().count()).isEqualTo(1);

    Result stopNothing = eddy("cluster", "stop", "--dir", tmp.resolve("none").toString());
    assertThat(stopNothing.exit()).isZero();
    assertThat(stopNothing.out()).startsWith("No Flink cluster is running from ");
  }

  @Test
  void k8sWritesTheResourcesAndNamesTheSecret() throws Exception {
    Path out = tmp.resolve("k8s.yaml");
    Result r =
        eddy(
            "k8s",
            EXAMPLES.resolve("orders-with-customer-country.json").toString(),
            "-o",
            out.toString(),
            "--namespace",
            "streaming",
            "--parallelism",
            "2");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEmpty();
    String yaml = Files.readString(out);
    assertThat(yaml)
        .contains("kind: ConfigMap")
        .contains("kind: FlinkDeployment")
        .contains("upgradeMode: savepoint");
    assertThat(r.err())
        .contains("orders-with-customer-country-secrets")
        .contains(
            "kubectl create secret generic orders-with-customer-country-secrets -n streaming --from-literal=SHOP_DB_PASSWORD=...");
    Result stdout = eddy("k8s", EXAMPLES.resolve("emea-orders.json").toString());
    assertThat(stdout.exit()).isZero();
    assertThat(stdout.out()).contains("kind: FlinkDeployment").contains("flinkVersion: v2_2");
    assertThat(stdout.err()).isEmpty();
  }

  @Test
  void deliverySettingsAreOptionsOfTheDeployment() throws Exception {
    String flink = TestFixtures.flinkUrl();
    String data = tmp.resolve("data").toString();
    TestFixtures.createTopic("ORDERS.NEW");
    Result bad =
        eddy(
            "deploy",
            EXAMPLES.resolve("emea-orders.json").toString(),
            "--flink",
            flink,
            "--delivery",
            "twice");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err())
        .contains("`twice` is not a delivery guarantee: use exactly-once or at-least-once.");
    Result shortInterval =
        eddy(
            "deploy",
            EXAMPLES.resolve("emea-orders.json").toString(),
            "--flink",
            flink,
            "--checkpoint-interval",
            "100ms");
    assertThat(shortInterval.exit()).isEqualTo(2);
    assertThat(shortInterval.err()).contains("The checkpoint interval must be at least 1 s");

    Result deployed =
        eddy(
            "deploy",
            EXAMPLES.resolve("emea-orders.json").toString(),
            "--flink",
            flink,
            "--data-dir",
            data,
            "--kafka",
            TestFixtures.kafkaBootstrap(),
            "--delivery",
            "at-least-once",
            "--checkpoint-interval",
            "30s",
            "--checkpoint-retention",
            "delete");
    assertThat(deployed.exit()).as(deployed.err()).isZero();
    assertThat(deployed.out())
        .contains("running (at-least-once, checkpoints every 30 s, deleted on cancellation).");
    Matcher m = Pattern.compile("Deployed job ([0-9a-f]{32})").matcher(deployed.out());
    assertThat(m.find()).isTrue();
    String job = m.group(1);
    try {
      JsonNode checkpoints = new FlinkRest(flink).get("/jobs/" + job + "/checkpoints/config");
      assertThat(checkpoints.path("mode").asText()).isEqualTo("at_least_once");
      assertThat(checkpoints.path("interval").asLong()).isEqualTo(30_000);
      assertThat(checkpoints.at("/externalization/delete_on_cancellation").asBoolean()).isTrue();
      JobRegistry.JobRecord record = JobRegistry.in(Path.of(data)).find(job).orElseThrow();
      assertThat(record.delivery()).isEqualTo("at-least-once");
      assertThat(record.checkpointRetention()).isEqualTo("delete");
    } finally {
      assertThat(eddy("jobs", "cancel", job, "--flink", flink, "--data-dir", data).exit()).isZero();
    }
  }

  /**
   * A flow with an Avro source reads with Eddy's {@code eddy-avro} format: its jar goes with the
   * job (a cluster may lack it), without being remembered as a jar the user asked for.
   */
  @Test
  void anAvroSourceShipsEddysFormatsWithTheJob() throws Exception {
    String flink = TestFixtures.flinkUrl();
    String data = tmp.resolve("avro-data").toString();
    TestFixtures.createTopic("ONLINE.ORDERS.AVRO");
    Result deployed =
        eddy(
            "deploy",
            EXAMPLES.resolve("online-revenue-per-country-avro.json").toString(),
            "--flink",
            flink,
            "--data-dir",
            data,
            "--kafka",
            TestFixtures.kafkaBootstrap());
    assertThat(deployed.exit()).as(deployed.err()).isZero();
    assertThat(deployed.out()).contains(": running (");
    Matcher m = Pattern.compile("Deployed job ([0-9a-f]{32})").matcher(deployed.out());
    assertThat(m.find()).isTrue();
    try {
      assertThat(JobRegistry.in(Path.of(data)).find(m.group(1)).orElseThrow().jars()).isEmpty();
    } finally {
      assertThat(eddy("jobs", "cancel", m.group(1), "--flink", flink, "--data-dir", data).exit())
          .isZero();
    }
  }

  @Test
  void deployListStopResumeCancelThroughTheCommandLine() throws Exception {
    String flink = TestFixtures.flinkUrl();
    String kafka = TestFixtures.kafkaBootstrap();
    String data = tmp.resolve("data").toString();

    Result noDestination =
        eddy(
            "deploy",
            EXAMPLES.resolve("hourly-sales-by-region.json").toString(),
            "--flink",
            flink,
            "--data-dir",
            data);
    assertThat(noDestination.exit()).isEqualTo(1);
    assertThat(noDestination.err()).contains("no event destination");

    TestFixtures.createTopic("ORDERS.NEW");
    Result deployed =
        eddy(
            "deploy",
            EXAMPLES.resolve("emea-orders.json").toString(),
            "--flink",
            flink,
            "--data-dir",
            data,
            "--kafka",
            kafka,
            "--name",
            "emea-cli",
            "--parallelism",
            "1");
    assertThat(deployed.exit()).as(deployed.err()).isZero();
    Matcher m =
        Pattern.compile(
                "Deployed job ([0-9a-f]{32}) \\(emea-cli\\) on .*: running \\(exactly-once, checkpoints every 10 s, retained on cancellation\\)\\.")
            .matcher(deployed.out());
    assertThat(m.find()).as(deployed.out()).isTrue();
    String job = m.group(1);
    // Exactly-once by default: checkpoints every 10 s, retained on cancellation, and the Kafka
    // destination writes in transactions named after the job.
    JsonNode checkpoints = new FlinkRest(flink).get("/jobs/" + job + "/checkpoints/config");
    assertThat(checkpoints.path("mode").asText()).isEqualTo("exactly_once");
    assertThat(checkpoints.path("interval").asLong()).isEqualTo(10_000);
    assertThat(checkpoints.at("/externalization/enabled").asBoolean()).isTrue();
    assertThat(checkpoints.at("/externalization/delete_on_cancellation").asBoolean()).isFalse();
    String prefix = JobRegistry.in(Path.of(data)).find(job).orElseThrow().transactionalIdPrefix();
    assertThat(prefix).matches("eddy-emea-cli-[0-9a-f]{8}");
    assertThat(TestFixtures.transactionalIds(kafka, prefix, Duration.ofSeconds(60))).isNotEmpty();

    Result list = eddy("jobs", "list", "--flink", flink, "--data-dir", data);
    assertThat(list.exit()).isZero();
    assertThat(list.out()).containsPattern(job + "\\s+RUNNING\\s+.*emea-cli");

    Result stop = eddy("jobs", "stop", job, "--savepoint", "--flink", flink, "--data-dir", data);
    assertThat(stop.exit()).as(stop.err()).isZero();
    assertThat(stop.out()).startsWith("Stopped job " + job + " with savepoint file:");

    Result json = eddy("jobs", "list", "--json", "--flink", flink, "--data-dir", data);
    JsonNode jobs = new ObjectMapper().readTree(json.out());
    JsonNode stopped = null;
    for (JsonNode j : jobs) {
      if (j.path("jobId").asText().equals(job)) {
        stopped = j;
      }
    }
    assertThat(stopped).isNotNull();
    assertThat(stopped.path("state").asText()).isEqualTo("FINISHED");
    assertThat(stopped.path("flow").asText()).isEqualTo("EMEA orders");
    assertThat(stopped.path("savepoint").asText()).startsWith("file:");

    Result resumed = eddy("jobs", "resume", job, "--flink", flink, "--data-dir", data);
    assertThat(resumed.exit()).as(resumed.err()).isZero();
    Matcher r =
        Pattern.compile(
                "Resumed job "
                    + job
                    + " from file:\\S+ as job ([0-9a-f]{32}) \\(emea-cli\\): running\\.")
            .matcher(resumed.out());
    assertThat(r.find()).as(resumed.out()).isTrue();
    String second = r.group(1);

    Result twice = eddy("jobs", "resume", job, "--flink", flink, "--data-dir", data);
    assertThat(twice.exit()).isEqualTo(1);
    assertThat(twice.err().strip())
        .isEqualTo(
            "eddy: Job " + job + " was already resumed as job " + second + ", which is RUNNING.");

    Result again = eddy("jobs", "stop", job, "--savepoint", "--flink", flink, "--data-dir", data);
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err().strip())
        .isEqualTo(
            "eddy: Job "
                + job
                + " is FINISHED; only a running job can be stopped with a savepoint.");

    Result cancel = eddy("jobs", "cancel", second, "--flink", flink, "--data-dir", data);
    assertThat(cancel.exit()).isZero();
    assertThat(cancel.out().strip()).isEqualTo("Cancelled job " + second);

    // A cancelled job is not picked up again unless its state is named.
    Result cancelled = eddy("jobs", "resume", second, "--flink", flink, "--data-dir", data);
    assertThat(cancelled.exit()).isEqualTo(1);
    assertThat(cancelled.err()).contains("Job " + second + " was cancelled, not stopped with a");

    // The savepoint of the first job, given to a new deployment of the flow.
    String savepoint = stop.out().strip().replaceAll("^.* with savepoint ", "");
    Result from =
        eddy(
            "deploy",
            EXAMPLES.resolve("emea-orders.json").toString(),
            "--flink",
            flink,
            "--data-dir",
            data,
            "--kafka",
            kafka,
            "--from",
            savepoint);
    assertThat(from.exit()).as(from.err()).isZero();
    Matcher f =
        Pattern.compile(
                "Deployed job ([0-9a-f]{32}) \\(EMEA orders\\) on \\S+ from "
                    + Pattern.quote(savepoint))
            .matcher(from.out());
    assertThat(f.find()).as(from.out()).isTrue();
    assertThat(JobRegistry.in(Path.of(data)).find(f.group(1)).orElseThrow().restoredFrom())
        .isEqualTo(savepoint);
    assertThat(eddy("jobs", "cancel", f.group(1), "--flink", flink, "--data-dir", data).exit())
        .isZero();
  }
}
