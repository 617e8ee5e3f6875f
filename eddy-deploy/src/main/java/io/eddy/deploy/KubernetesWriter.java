package io.eddy.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.eddy.core.compile.CompiledFlow;
import io.eddy.core.model.Flow;
import java.util.Locale;
import java.util.Set;

/**
 * Writes the Kubernetes resources that run a flow with the Apache Flink Kubernetes Operator in
 * application mode: a {@code ConfigMap} holding the flow's SQL export, and a {@code
 * FlinkDeployment} (flink.apache.org/v1beta1) whose job is Eddy's SQL runner ({@link
 * io.eddy.deploy.runner.EddySqlRunner}) reading that script. Secret references in the SQL are
 * environment variables of the JobManager taken from a Kubernetes {@code Secret} (one key per
 * reference); no secret value is ever written.
 */
public final class KubernetesWriter {
  /** Where the SQL script is mounted in the JobManager. */
  public static final String SQL_DIR = "/opt/eddy/sql";

  public static final String SQL_FILE = "flow.sql";
  public static final String RUNNER_CLASS = "io.eddy.deploy.runner.EddySqlRunner";
  public static final String RUNNER_JAR = "local:///opt/flink/usrlib/eddy-sql-runner.jar";

  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
              .disable(YAMLGenerator.Feature.SPLIT_LINES)
              .build());

  /**
   * What to write.
   *
   * @param name the resource name; null for one derived from the flow's name
   * @param namespace the namespace; null for none (kubectl's current one)
   * @param image a Flink 2.2 image with the connectors in lib/ (for an Avro source also
   *     flink-sql-avro and Eddy's eddy-formats jar: the export's header says so) and the SQL runner
   *     jar at {@link #RUNNER_JAR}
   * @param parallelism the job's parallelism
   * @param stateDir durable storage for checkpoints and savepoints (e.g. s3://bucket/eddy)
   * @param secretName the Kubernetes Secret holding one key per secret reference; null for {@code
   *     NAME-secrets}
   * @param delivery the delivery guarantee and checkpointing (null fields: the defaults)
   * @param highAvailability Flink's Kubernetes high availability: a JobManager pod that restarts
   *     recovers the job from its latest checkpoint by itself (metadata under {@code stateDir})
   */
  public record Options(
      String name,
      String namespace,
      String image,
      int parallelism,
      String stateDir,
      String secretName,
      DeliverySettings delivery,
      boolean highAvailability) {
    public Options {
      delivery = delivery == null ? DeliverySettings.defaults() : delivery;
    }

    public static Options defaults() {
      return new Options(
          null, null, "eddy-flink:2.2.1", 1, "file:///flink-data", null, null, false);
    }

    public Options withName(String value) {
      return new Options(
          value, namespace, image, parallelism, stateDir, secretName, delivery, highAvailability);
    }

    public Options withNamespace(String value) {
      return new Options(
          name, value, image, parallelism, stateDir, secretName, delivery, highAvailability);
    }

    public Options withParallelism(int value) {
      return new Options(
          name, namespace, image, value, stateDir, secretName, delivery, highAvailability);
    }

    public Options withStateDir(String value) {
      return new Options(
          name, namespace, image, parallelism, value, secretName, delivery, highAvailability);
    }

    public Options withDelivery(DeliverySettings value) {
      return new Options(
          name, namespace, image, parallelism, stateDir, secretName, value, highAvailability);
    }

    public Options withHighAvailability(boolean value) {
      return new Options(
          name, namespace, image, parallelism, stateDir, secretName, delivery, value);
    }
  }

  /** The written resources. */
  public record Resources(
      String name, ObjectNode configMap, ObjectNode flinkDeployment, Set<String> secretKeys) {
    /** Both as one YAML stream (ConfigMap first), ready for {@code kubectl apply -f}. */
    public String yaml() {
      try {
        return YAML.writeValueAsString(configMap) + YAML.writeValueAsString(flinkDeployment);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private KubernetesWriter() {}

  /** The resources of a flow, from its SQL export. */
  public static Resources write(Flow flow, Options options) {
    CompiledFlow compiled =
        FlinkClusterClient.export(flow, FlinkClusterClient.DeployOptions.defaults());
    return write(flow.name(), compiled.script(), options);
  }

  /** The resources that run {@code script} (an SQL export). */
  public static Resources write(String flowName, String script, Options options) {
    if (options.parallelism() < 1) {
      throw new DeployException("The parallelism must be at least 1.");
    }
    String name = options.name() != null ? checkName(options.name()) : resourceName(flowName);
    String sqlConfigMap = name + "-sql";
    String secretName = options.secretName() != null ? options.secretName() : name + "-secrets";
    Set<String> secrets = SqlScript.references(script);
    String stateDir = options.stateDir().replaceAll("/+$", "");

    ObjectNode cm = YAML.createObjectNode();
    cm.put("apiVersion", "v1").put("kind", "ConfigMap");
    metadata(cm, sqlConfigMap, options.namespace(), flowName);
    cm.putObject("data").put(SQL_FILE, script);

    ObjectNode fd = YAML.createObjectNode();
    fd.put("apiVersion", "flink.apache.org/v1beta1").put("kind", "FlinkDeployment");
    ObjectNode meta = metadata(fd, name, options.namespace(), flowName);
    if (!secrets.isEmpty()) {
      meta.withObject("/annotations")
          .put("eddy.io/secret", secretName)
          .put("eddy.io/secret-keys", String.join(",", secrets));
    }
    ObjectNode spec = fd.putObject("spec");
    spec.put("image", options.image());
    spec.put("flinkVersion", "v2_2");
    spec.put("mode", "native");
    spec.put("serviceAccount", "flink");
    ObjectNode flinkConf =
        spec.putObject("flinkConfiguration")
            .put("taskmanager.numberOfTaskSlots", String.valueOf(options.parallelism()))
            .put("execution.checkpointing.dir", stateDir + "/" + name + "/checkpoints")
            .put("execution.checkpointing.savepoint-dir", stateDir + "/" + name + "/savepoints");
    ScriptRunner.RESTART_DEFAULTS.forEach(flinkConf::put);
    options.delivery().jobConfiguration().forEach(flinkConf::put);
    if (options.highAvailability()) {
      flinkConf
          .put("high-availability.type", "kubernetes")
          .put("high-availability.storageDir", stateDir + "/" + name + "/ha");
    }
    ObjectNode jobManager = spec.putObject("jobManager");
    jobManager.putObject("resource").put("memory", "1024m").put("cpu", 0.5);
    ObjectNode podSpec = jobManager.putObject("podTemplate").putObject("spec");
    ObjectNode container = podSpec.putArray("containers").addObject();
    container.put("name", "flink-main-container");
    if (!secrets.isEmpty()) {
      ArrayNode env = container.putArray("env");
      for (String reference : secrets) {
        ObjectNode var = env.addObject().put("name", reference);
        var.putObject("valueFrom")
            .putObject("secretKeyRef")
            .put("name", secretName)
            .put("key", reference);
      }
    }
    container
        .putArray("volumeMounts")
        .addObject()
        .put("name", "eddy-sql")
        .put("mountPath", SQL_DIR)
        .put("readOnly", true);
    podSpec
        .putArray("volumes")
        .addObject()
        .put("name", "eddy-sql")
        .putObject("configMap")
        .put("name", sqlConfigMap);
    spec.putObject("taskManager").putObject("resource").put("memory", "1536m").put("cpu", 1.0);
    ObjectNode job = spec.putObject("job");
    job.put("jarURI", RUNNER_JAR);
    job.put("entryClass", RUNNER_CLASS);
    // The runner gives the Kafka destinations the delivery guarantee; the transactional-id prefix
    // is the deployment's (namespace and name), kept across upgrades from savepoints.
    job.putArray("args")
        .add(SQL_DIR + "/" + SQL_FILE)
        .add("--delivery")
        .add(options.delivery().effectiveGuarantee().value())
        .add("--transactional-id-prefix")
        .add("eddy-" + (options.namespace() == null ? "" : options.namespace() + "-") + name);
    job.put("parallelism", options.parallelism());
    job.put("upgradeMode", "savepoint");
    job.put("state", "running");
    return new Resources(name, cm, fd, secrets);
  }

  private static ObjectNode metadata(
      ObjectNode resource, String name, String namespace, String flowName) {
    ObjectNode meta = resource.putObject("metadata");
    meta.put("name", name);
    if (namespace != null) {
      meta.put("namespace", checkName(namespace));
    }
    meta.putObject("labels")
        .put("app.kubernetes.io/name", name)
        .put("app.kubernetes.io/managed-by", "eddy");
    if (flowName != null) {
      meta.putObject("annotations").put("eddy.io/flow", flowName);
    }
    return meta;
  }

  /** A DNS-1035 label from the flow's name (lowercase letters, digits and dashes, ≤ 45). */
  static String resourceName(String flowName) {
    String base = flowName == null ? "" : flowName.toLowerCase(Locale.ROOT);
    String name = base.replaceAll("[^a-z0-9]+", "-").replaceAll("^[^a-z]+", "");
    if (name.length() > 45) {
      name = name.substring(0, 45);
    }
    name = name.replaceAll("-+$", "");
    return name.isEmpty() ? "eddy-flow" : name;
  }

  private static String checkName(String name) {
    if (!name.matches("[a-z]([-a-z0-9]{0,43}[a-z0-9])?")) {
      throw new DeployException(
          "`"
              + name
              + "` is not a Kubernetes name: use up to 45 lowercase letters, digits and dashes,"
              + " starting with a letter.");
    }
    return name;
  }
}
