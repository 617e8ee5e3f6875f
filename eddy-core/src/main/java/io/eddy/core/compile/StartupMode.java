package io.eddy.core.compile;

/** Where sources start reading. */
public enum StartupMode {
  /** From the earliest offset ("Include historical"; also the export default). */
  EARLIEST("earliest-offset"),
  /** From the latest offset ("Events from now"). */
  LATEST("latest-offset");

  private final String option;

  StartupMode(String option) {
    this.option = option;
  }

  public String option() {
    return option;
  }
}
