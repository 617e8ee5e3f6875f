package io.eddy.core.document;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Brings a flow document of any older version up to the current one, one step at a time. Every
 * format change adds a {@link Migration} here and a fixture of the old version to the tests.
 */
public final class FlowMigrator {
  public static final int CURRENT_VERSION = 2;

  private final int currentVersion;
  private final List<Migration> migrations;

  public FlowMigrator(int currentVersion, List<Migration> migrations) {
    this.currentVersion = currentVersion;
    this.migrations = List.copyOf(migrations);
  }

  /** The migrations of this Eddy: version 1 to 2 ({@link TagsMigration}). */
  public static FlowMigrator standard() {
    return new FlowMigrator(CURRENT_VERSION, List.of(new TagsMigration()));
  }

  public int currentVersion() {
    return currentVersion;
  }

  /** Migrates {@code document} from {@code version} to the current version, in place. */
  public void migrate(ObjectNode document, int version) throws FlowDocumentException {
    if (version > currentVersion) {
      throw new FlowDocumentException(
          "This flow was written by a newer Eddy (format version "
              + version
              + "); this Eddy reads versions up to "
              + currentVersion
              + ". Upgrade Eddy to open it.");
    }
    if (version < 1) {
      throw new FlowDocumentException(
          "\"version\" must be a whole number from 1 to "
              + currentVersion
              + ", not "
              + version
              + ".");
    }
    for (int v = version; v < currentVersion; v++) {
      int from = v;
      Migration step =
          migrations.stream()
              .filter(m -> m.from() == from)
              .findFirst()
              .orElseThrow(
                  () -> new IllegalStateException("no migration from flow format version " + from));
      step.apply(document);
    }
    document.put("version", currentVersion);
  }
}
