package io.eddy.core.fuzz;

/**
 * The fuzz tests run with a fixed seed and {@code jqwik.tries.default} tries (100 in the build, see
 * src/test/resources/junit-platform.properties). A longer local run:
 *
 * <pre>
 * mvn -B -pl eddy-core -am test -Dtest='*FuzzTest' -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Djqwik.tries.default=2000
 * </pre>
 *
 * (jqwik reads its configuration parameters from system properties too); for other inputs than the
 * build's, change {@link #SEED} locally.
 */
final class FuzzSettings {
  static final String SEED = "20261201";

  private FuzzSettings() {}
}
