package io.eddy.server.api;

import io.eddy.core.analysis.FlinkExpressionChecker;
import io.eddy.core.analysis.FlowAnalyzer;
import io.eddy.server.App;
import io.eddy.server.FlowService;
import io.eddy.server.Http;
import io.eddy.server.auth.AccessGuard;
import io.eddy.server.auth.AccessToken;
import io.eddy.server.auth.AllowedHosts;
import io.eddy.server.auth.ApiTokens;
import io.eddy.server.auth.LocalUsers;
import io.eddy.server.auth.OidcSettings;
import io.eddy.server.auth.OidcSignIn;
import io.eddy.server.store.FlowStore;
import io.eddy.server.store.SecretCipher;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The real HTTP API over a real store in {@code dataDir}, without engine, broker or Flink: for the
 * API tests that only need flows (limits, hostile input, error shapes).
 */
record StoreOnlyServer(FlowStore store, Javalin app, Http http) implements AutoCloseable {

  static StoreOnlyServer start(Path dataDir) {
    return start(dataDir, app -> {});
  }

  /** Starts it on a free loopback port, after {@code extraRoutes} added what the test needs. */
  static StoreOnlyServer start(Path dataDir, Consumer<Javalin> extraRoutes) {
    FlowStore store =
        FlowStore.open(FlowStore.defaultUrl(dataDir), null, null, SecretCipher.forDataDir(dataDir));
    FlowService flows = new FlowService(store, new FlowAnalyzer(new FlinkExpressionChecker()));
    AccessToken token = AccessToken.forDataDir(dataDir);
    Javalin app =
        App.create(
            new App.Dependencies(
                flows,
                null,
                new HealthController.Checks(Map.of("store", store::healthy)),
                null,
                new AccessGuard(
                    token,
                    ApiTokens.forDataDir(dataDir),
                    LocalUsers.forDataDir(dataDir),
                    OidcSettings.forDataDir(dataDir, Map.of()).map(OidcSignIn::new).orElse(null),
                    new AllowedHosts("127.0.0.1", List.of()),
                    false)));
    extraRoutes.accept(app);
    app.start("127.0.0.1", 0);
    return new StoreOnlyServer(
        store, app, new Http("http://127.0.0.1:" + app.port(), token.value()));
  }

  @Override
  public void close() {
    app.stop();
    store.close();
  }
}
