package io.eddy.server.api;

import io.eddy.core.compile.ExportRulesException;
import io.eddy.deploy.DeployException;
import io.eddy.deploy.FlinkRest;
import io.eddy.deploy.FlinkUnreachableException;
import io.eddy.deploy.JobStateException;
import io.eddy.deploy.UnknownJobException;
import io.eddy.server.ServiceException;
import java.util.List;

/**
 * The one place where the services' exceptions become HTTP answers (status, message, problems): the
 * services throw {@link ServiceException} and {@link DeployException} and know no HTTP.
 */
public final class ErrorAnswers {
  private ErrorAnswers() {}

  /** The status for why a service refused or failed; message and problems as the service says. */
  public static ApiError of(ServiceException e) {
    int status =
        switch (e.reason()) {
          case MALFORMED -> 400;
          case INVALID -> 422;
          case NOT_FOUND -> 404;
          case CONFLICT -> 409;
          case UNAVAILABLE -> 503;
          case FAILED -> 500;
        };
    return new ApiError(status, e.getMessage(), e.problems(), e.details());
  }

  /**
   * What a deployment failure means for an HTTP client: the cluster did not answer (or failed
   * itself) 502, no such job 404, the job's state forbids the action 409, anything else about the
   * flow or the request (no destination, export rules, a missing secret, Flink refusing a
   * statement) 422. The messages are already one sentence without secret values.
   */
  public static ApiError of(DeployException e) {
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
