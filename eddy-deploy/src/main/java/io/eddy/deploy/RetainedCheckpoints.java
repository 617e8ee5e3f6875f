package io.eddy.deploy;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The checkpoints a job left in its checkpoint directory: Flink writes each one to {@code
 * DIR/JOB_ID/chk-N/} and its {@code _metadata} file last, so a {@code chk-N} with {@code _metadata}
 * is complete and can be restored from ({@code execution.state-recovery.path}). This is how Eddy
 * finds the state of a job the cluster has forgotten (its JobManager was lost without high
 * availability).
 */
public final class RetainedCheckpoints {
  private static final Pattern CHECKPOINT = Pattern.compile("chk-(\\d+)");

  private RetainedCheckpoints() {}

  /**
   * The newest complete checkpoint of {@code jobId} under {@code checkpointDir}, when the directory
   * can be read from here (a local path, or a file system Flink has a plugin for in this process).
   */
  public static Optional<String> latest(String checkpointDir, String jobId) {
    if (checkpointDir == null || jobId == null) {
      return Optional.empty();
    }
    try {
      Path jobDir = new Path(new Path(checkpointDir), jobId);
      FileSystem fs = jobDir.getFileSystem();
      if (!fs.exists(jobDir)) {
        return Optional.empty();
      }
      long best = -1;
      Path bestPath = null;
      FileStatus[] entries = fs.listStatus(jobDir);
      for (FileStatus entry : entries == null ? new FileStatus[0] : entries) {
        Matcher m = CHECKPOINT.matcher(entry.getPath().getName());
        if (entry.isDir() && m.matches()) {
          long n = Long.parseLong(m.group(1));
          if (n > best && fs.exists(new Path(entry.getPath(), "_metadata"))) {
            best = n;
            bestPath = entry.getPath();
          }
        }
      }
      return Optional.ofNullable(bestPath).map(Path::toString);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
