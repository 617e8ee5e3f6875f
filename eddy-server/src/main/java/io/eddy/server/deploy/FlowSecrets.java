package io.eddy.server.deploy;

import io.eddy.core.document.Credentials;
import io.eddy.core.model.Flow;
import io.eddy.deploy.Secrets;
import java.util.HashMap;
import java.util.Map;

/**
 * The values of a deployed flow's {@code ${NAME}} references: the stored flow's own credentials
 * first (the export turns each into the reference named after its node and field), then the
 * server's environment. A credential that is itself a reference is left to the environment.
 */
final class FlowSecrets {
  private FlowSecrets() {}

  /** Secrets from {@code flow}'s credentials (null: none), then from {@code environment}. */
  static Secrets of(Flow flow, Map<String, String> environment) {
    Map<String, String> values = new HashMap<>();
    if (flow != null) {
      for (Credentials.Secret secret : Credentials.find(flow)) {
        if (!secret.isReference()) {
          values.put(secret.reference(), secret.value());
        }
      }
    }
    return Secrets.of(values, environment);
  }
}
