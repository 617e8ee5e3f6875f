package io.eddy.engine;

/** The shared fixtures of {@link Shared} for tests in other packages. */
public final class SharedAccess {
  private SharedAccess() {}

  public static EmbeddedKafka kafka() {
    return Shared.kafka();
  }

  public static FlinkEngine engine() {
    return Shared.engine();
  }
}
