package io.eddy.server.deploy;

import io.eddy.core.compile.ExportRulesException;
import io.eddy.deploy.DeployException;
import io.eddy.deploy.FlinkRest;
import io.eddy.deploy.FlinkUnreachableException;
import io.eddy.deploy.JobStateException;
import io.eddy.deploy.UnknownJobException;
import io.eddy.server.api.ApiError;
import java.util.List;

/**
 * What a deployment failure means for an HTTP client: the cluster did not answer (or failed itself)
 * 502, no such job 404, the job's state forbids the action 409, anything else about the flow or the
 * request (no destination, export rules, a missing secret, Flink refusing a statement) 422. The
 * messages are already one sentence without secret values.
 */
public final class DeployErrors {
  private DeployErrors() {}

  public static ApiError toApiError(DeployException e) {
    if (e instanceof FlinkUnreachableException) {
      return new ApiError(502, e.getMessage());
    }
    if (e instanceof FlinkRest.FlinkRestException rest && rest.status() >= 500) {
      return new ApiError(502, e.getMessage());
    }
    if (e instanceof UnknownJobException) {
      return new ApiError(404, e.getMessage());
    }
    if (e instanceof JobStateException) {
      return new ApiError(409, e.getMessage());
    }
    List<String> problems =
        e.getCause() instanceof ExportRulesException rules && rules.problems().size() > 1
            ? rules.problems()
            : null;
    return new ApiError(
        422,
        e.getMessage(),
        problems,
        e.getCause() instanceof ExportRulesException rules ? rules.details() : null);
  }
}
