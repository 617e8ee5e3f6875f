package io.eddy.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.eddy.deploy.DeployException;
import io.eddy.server.api.ApiError;
import io.eddy.server.api.ErrorAnswers;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the Flink cluster does not answer, the jobs API says so with a 502 naming its address. */
class FlinkDownTest {
  @TempDir Path dataDir;

  @Test
  void listing_jobs_of_a_cluster_that_does_not_answer_is_a_502_naming_it() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort;
    Deployments deployments = new Deployments(null, url, false, dataDir, Map.of(), jobId -> false);

    DeployException failure = catchThrowableOfType(DeployException.class, deployments::jobs);
    ApiError answer = ErrorAnswers.of(failure);

    assertThat(answer.status()).isEqualTo(502);
    assertThat(answer.getMessage()).isEqualTo("No Flink cluster answers at " + url + ".");
  }
}
