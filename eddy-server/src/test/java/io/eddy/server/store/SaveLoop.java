package io.eddy.server.store;

import io.eddy.core.document.FlowDocuments;
import io.eddy.core.model.Flow;
import java.nio.file.Path;

/** A child process that saves flows as fast as it can until it is killed. */
public final class SaveLoop {
  private SaveLoop() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    FlowStore store =
        FlowStore.open(FlowStore.defaultUrl(dataDir), null, null, SecretCipher.forDataDir(dataDir));
    String big = "x".repeat(20_000);
    StoredFlow current = store.create(flow("round 0", big));
    System.out.println("saved " + current.id() + " " + current.revision());
    System.out.println("ready");
    System.out.flush();
    for (long i = 1; ; i++) {
      current = store.save(current.id(), flow("round " + i, big), current.revision());
      System.out.println("saved " + current.id() + " " + current.revision());
      System.out.flush();
      if (i % 10 == 0) {
        store.create(flow("extra " + i, big));
      }
    }
  }

  static Flow flow(String name, String filler) throws Exception {
    return FlowDocuments.read(
        """
        {"format":"eddy-flow","version":1,"name":"%s","description":"%s","nodes":[
          {"id":"orders","type":"source","name":"Orders","config":{"kafka":{
            "bootstrapServers":["broker:9093"],"topic":"ORDERS.NEW",
            "security":{"protocol":"SASL_SSL","mechanism":"PLAIN","username":"u","password":"pw-%s"}}}}
        ],"edges":[]}
        """
            .formatted(name, filler, name));
  }
}
