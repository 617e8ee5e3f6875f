package io.eddy.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.model.Flow;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The FlinkDeployment is checked against the Flink Kubernetes Operator's own CRD schema. */
class KubernetesWriterTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static JsonSchema flinkDeployment;

  /**
   * The CRD's openAPIV3Schema as a JSON Schema, made strict: Kubernetes silently drops fields a
   * structural schema does not declare, so a misspelled field would be lost without a word; here it
   * is an error. Only objects marked x-kubernetes-preserve-unknown-fields keep unknown fields.
   */
  @BeforeAll
  static void schema() throws Exception {
    JsonNode crd;
    try (InputStream in =
        KubernetesWriterTest.class.getResourceAsStream(
            "/k8s/flinkdeployments.flink.apache.org-v1.yml")) {
      crd = YAML.readTree(in);
    }
    JsonNode version = crd.path("spec").path("versions").get(0);
    assertThat(version.path("name").asText()).isEqualTo("v1beta1");
    ObjectNode schema = (ObjectNode) version.path("schema").path("openAPIV3Schema").deepCopy();
    // Every Kubernetes object has these, implicitly.
    ObjectNode props = (ObjectNode) schema.path("properties");
    props.putObject("apiVersion").put("type", "string");
    props.putObject("kind").put("type", "string");
    props.putObject("metadata").put("type", "object");
    strict(schema);
    flinkDeployment = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
  }

  private static void strict(JsonNode node) {
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      boolean preserve = o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
      if (o.has("properties") && !o.has("additionalProperties") && !preserve) {
        o.put("additionalProperties", false);
      }
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        if (name.startsWith("x-kubernetes-")) {
          o.remove(name);
        }
      }
      for (Iterator<JsonNode> it = o.elements(); it.hasNext(); ) {
        strict(it.next());
      }
    } else if (node.isArray()) {
      node.forEach(KubernetesWriterTest::strict);
    }
  }

  private static Set<String> validate(JsonNode resource) {
    return flinkDeployment.validate(resource).stream()
        .map(ValidationMessage::getMessage)
        .collect(Collectors.toSet());
  }

  private static Flow example(String name) throws Exception {
    return FlowDocuments.read(Files.readString(Path.of("..", "examples", name)));
  }

  @Test
  void writesAFlinkDeploymentTheOperatorAcceptsAndTheSqlInAConfigMap() throws Exception {
    Flow flow = example("orders-with-customer-country.json");
    KubernetesWriter.Resources resources =
        KubernetesWriter.write(
            flow,
            KubernetesWriter.Options.defaults()
                .withParallelism(2)
                .withNamespace("streaming")
                .withStateDir("s3://bucket/eddy/"));
    List<JsonNode> docs =
        YAML.readValues(YAML.createParser(resources.yaml()), JsonNode.class).readAll();
    assertThat(docs).hasSize(2);
    JsonNode cm = docs.get(0);
    JsonNode fd = docs.get(1);

    assertThat(validate(fd)).isEmpty();

    assertThat(fd.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
    assertThat(fd.path("kind").asText()).isEqualTo("FlinkDeployment");
    assertThat(fd.at("/metadata/name").asText()).isEqualTo("orders-with-customer-country");
    assertThat(fd.at("/metadata/namespace").asText()).isEqualTo("streaming");
    assertThat(fd.at("/spec/flinkVersion").asText()).isEqualTo("v2_2");
    assertThat(fd.at("/spec/job/upgradeMode").asText()).isEqualTo("savepoint");
    assertThat(fd.at("/spec/job/state").asText()).isEqualTo("running");
    assertThat(fd.at("/spec/job/parallelism").asInt()).isEqualTo(2);
    assertThat(fd.at("/spec/job/jarURI").asText())
        .isEqualTo("local:///opt/flink/usrlib/eddy-sql-runner.jar");
    assertThat(fd.at("/spec/job/entryClass").asText())
        .isEqualTo("io.eddy.deploy.runner.EddySqlRunner");
    assertThat(fd.at("/spec/job/args"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "/opt/eddy/sql/flow.sql",
            "--delivery",
            "exactly-once",
            "--transactional-id-prefix",
            "eddy-streaming-orders-with-customer-country");
    JsonNode conf = fd.at("/spec/flinkConfiguration");
    assertThat(conf.path("execution.checkpointing.interval").asText()).isEqualTo("10000 ms");
    assertThat(conf.path("execution.checkpointing.mode").asText()).isEqualTo("EXACTLY_ONCE");
    assertThat(conf.path("execution.checkpointing.externalized-checkpoint-retention").asText())
        .isEqualTo("RETAIN_ON_CANCELLATION");
    assertThat(conf.path("restart-strategy.type").asText()).isEqualTo("exponential-delay");
    assertThat(conf.has("high-availability.type")).isFalse();
    assertThat(fd.at("/spec/flinkConfiguration/execution.checkpointing.savepoint-dir").asText())
        .isEqualTo("s3://bucket/eddy/orders-with-customer-country/savepoints");

    JsonNode container = fd.at("/spec/jobManager/podTemplate/spec/containers/0");
    assertThat(container.path("name").asText()).isEqualTo("flink-main-container");
    assertThat(container.path("env"))
        .singleElement()
        .satisfies(
            env -> {
              assertThat(env.path("name").asText()).isEqualTo("SHOP_DB_PASSWORD");
              assertThat(env.at("/valueFrom/secretKeyRef/name").asText())
                  .isEqualTo("orders-with-customer-country-secrets");
              assertThat(env.at("/valueFrom/secretKeyRef/key").asText())
                  .isEqualTo("SHOP_DB_PASSWORD");
            });
    assertThat(container.at("/volumeMounts/0/mountPath").asText()).isEqualTo("/opt/eddy/sql");
    JsonNode volume = fd.at("/spec/jobManager/podTemplate/spec/volumes/0");
    assertThat(volume.path("name").asText())
        .isEqualTo(container.at("/volumeMounts/0/name").asText());
    assertThat(volume.at("/configMap/name").asText()).isEqualTo(cm.at("/metadata/name").asText());

    assertThat(cm.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(cm.path("kind").asText()).isEqualTo("ConfigMap");
    assertThat(cm.at("/metadata/namespace").asText()).isEqualTo("streaming");
    String sql = cm.at("/data/flow.sql").asText();
    String export =
        FlinkClusterClient.export(flow, FlinkClusterClient.DeployOptions.defaults()).script();
    assertThat(withoutExportTime(sql)).isEqualTo(withoutExportTime(export));
    assertThat(sql).contains("'password' = '${SHOP_DB_PASSWORD}'");
    assertThat(resources.secretKeys()).containsExactly("SHOP_DB_PASSWORD");
  }

  private static String withoutExportTime(String script) {
    return script.replaceAll("(?m)^-- Exported at: .*$", "");
  }

  @Test
  void theSchemaCheckCatchesWhatTheOperatorWouldRefuseOrDrop() throws Exception {
    KubernetesWriter.Resources resources =
        KubernetesWriter.write(example("emea-orders.json"), KubernetesWriter.Options.defaults());
    ObjectNode fd = resources.flinkDeployment().deepCopy();
    assertThat(validate(fd)).isEmpty();
    // No secrets: no env, no secret annotation.
    assertThat(fd.at("/spec/jobManager/podTemplate/spec/containers/0").has("env")).isFalse();

    ObjectNode misspelled = fd.deepCopy();
    ((ObjectNode) misspelled.at("/spec/job")).put("upgradeMod", "savepoint");
    assertThat(validate(misspelled)).anyMatch(m -> m.contains("upgradeMod"));

    ObjectNode wrongVersion = fd.deepCopy();
    ((ObjectNode) wrongVersion.at("/spec")).put("flinkVersion", "v2_9");
    assertThat(validate(wrongVersion)).anyMatch(m -> m.contains("flinkVersion"));

    ObjectNode wrongState = fd.deepCopy();
    ((ObjectNode) wrongState.at("/spec/job")).put("state", "paused");
    assertThat(validate(wrongState)).anyMatch(m -> m.contains("state"));
  }

  @Test
  void namesAreKubernetesNames() {
    assertThat(KubernetesWriter.resourceName("Hourly sales by region"))
        .isEqualTo("hourly-sales-by-region");
    assertThat(KubernetesWriter.resourceName("42 Ünïcode / flows!")).isEqualTo("n-code-flows");
    assertThat(KubernetesWriter.resourceName("")).isEqualTo("eddy-flow");
    assertThat(KubernetesWriter.resourceName("x".repeat(80))).hasSize(45);
    assertThatThrownBy(
            () ->
                KubernetesWriter.write(
                    "f", "SELECT 1", KubernetesWriter.Options.defaults().withName("Bad_Name")))
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("not a Kubernetes name");
  }

  @Test
  void yamlKeepsTheSqlReadable() {
    KubernetesWriter.Resources r =
        KubernetesWriter.write(
            "Demo", "SET 'a' = 'b';\n\nSELECT 1;\n", KubernetesWriter.Options.defaults());
    assertThat(r.yaml()).contains("flow.sql: |").contains("kind: FlinkDeployment");
  }

  @Test
  void highAvailabilityAndAtLeastOnceAreOptionsTheOperatorAccepts() throws Exception {
    KubernetesWriter.Resources resources =
        KubernetesWriter.write(
            example("emea-orders.json"),
            KubernetesWriter.Options.defaults()
                .withStateDir("s3://bucket/eddy")
                .withHighAvailability(true)
                .withDelivery(
                    new DeliverySettings(
                        DeliverySettings.Guarantee.AT_LEAST_ONCE,
                        Duration.ofSeconds(30),
                        DeliverySettings.Retention.DELETE)));
    JsonNode fd = resources.flinkDeployment();
    assertThat(validate(fd)).isEmpty();
    JsonNode conf = fd.at("/spec/flinkConfiguration");
    assertThat(conf.path("high-availability.type").asText()).isEqualTo("kubernetes");
    assertThat(conf.path("high-availability.storageDir").asText())
        .isEqualTo("s3://bucket/eddy/emea-orders/ha");
    assertThat(conf.path("execution.checkpointing.interval").asText()).isEqualTo("30000 ms");
    assertThat(conf.path("execution.checkpointing.mode").asText()).isEqualTo("AT_LEAST_ONCE");
    assertThat(conf.path("execution.checkpointing.externalized-checkpoint-retention").asText())
        .isEqualTo("DELETE_ON_CANCELLATION");
    assertThat(fd.at("/spec/job/args/2").asText()).isEqualTo("at-least-once");
  }
}
