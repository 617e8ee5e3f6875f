package io.eddy.cli;

import io.eddy.deploy.KubernetesWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eddy k8s FLOW.json [-o FILE]}. */
@Command(
    name = "k8s",
    description = {
      "Writes the Kubernetes resources that run a flow with the Apache Flink Kubernetes Operator"
          + " in application mode: a ConfigMap with its SQL export and a FlinkDeployment whose"
          + " job is Eddy's SQL runner.",
      "Secret references become environment variables from a Kubernetes Secret."
    })
public final class K8sCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FLOW.json", description = "The flow document.")
  Path file;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to FILE instead of standard output.")
  Path output;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "Resource name (default: from the flow's name).")
  String name;

  @Option(names = "--namespace", paramLabel = "NS", description = "Kubernetes namespace.")
  String namespace;

  @Option(
      names = "--image",
      paramLabel = "IMAGE",
      defaultValue = "eddy-flink:2.2.1",
      description =
          "Flink 2.2 image with the connectors and the Eddy SQL runner (default: ${DEFAULT-VALUE}).")
  String image;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      defaultValue = "1",
      description = "Parallelism of the job (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(
      names = "--state-dir",
      paramLabel = "URI",
      defaultValue = "file:///flink-data",
      description =
          "Durable storage for checkpoints and savepoints, e.g. s3://bucket/eddy (default: ${DEFAULT-VALUE}).")
  String stateDir;

  @Option(
      names = "--secret",
      paramLabel = "NAME",
      description = "The Kubernetes Secret with the flow's secrets (default: NAME-secrets).")
  String secretName;

  @Mixin DeliveryOptions delivery;

  @Option(
      names = "--ha",
      description =
          "Kubernetes high availability: a restarted JobManager pod recovers the job from its"
              + " latest checkpoint by itself (metadata under --state-dir).")
  boolean ha;

  @Override
  public Integer call() {
    if (parallelism < 1) {
      throw new ParameterException(spec.commandLine(), "--parallelism must be at least 1.");
    }
    KubernetesWriter.Resources resources =
        KubernetesWriter.write(
            FlowFiles.read(file),
            new KubernetesWriter.Options(
                name,
                namespace,
                image,
                parallelism,
                stateDir,
                secretName,
                delivery.settings(),
                ha));
    String yaml = resources.yaml();
    if (output == null) {
      spec.commandLine().getOut().print(yaml);
    } else {
      DeployCommands.writeText(output, yaml);
    }
    if (!resources.secretKeys().isEmpty()) {
      String secret =
          resources.flinkDeployment().at("/metadata/annotations").path("eddy.io/secret").asText();
      var err = spec.commandLine().getErr();
      err.println(
          "The flow needs the Kubernetes Secret "
              + secret
              + " with the keys "
              + String.join(", ", resources.secretKeys())
              + ", e.g.:");
      StringBuilder cmd = new StringBuilder("  kubectl create secret generic " + secret);
      if (namespace != null) {
        cmd.append(" -n ").append(namespace);
      }
      for (String key : resources.secretKeys()) {
        cmd.append(" --from-literal=").append(key).append("=...");
      }
      err.println(cmd);
    }
    return EddyCli.OK;
  }
}
