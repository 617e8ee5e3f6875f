package io.eddy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.server.auth.LocalUsers;
import io.eddy.server.auth.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's own TLS (issue 14): with a certificate and key as PEM files the real server serves
 * its API and app over HTTPS only, its session cookie is Secure, and unusable files stop the start
 * with a sentence naming them. The certificate is made by the JDK's keytool for localhost.
 */
class TlsTest {
  private static final char[] STORE_PASSWORD = "changeit".toCharArray();
  @TempDir static Path certificates;
  private static TlsFiles tls;
  private static KeyStore trusted;

  @BeforeAll
  static void makeACertificateForLocalhost() throws Exception {
    Path store = certificates.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "eddy",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                new String(STORE_PASSWORD))
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue())
        .as(new String(keytool.getInputStream().readAllBytes()))
        .isZero();
    KeyStore p12 = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      p12.load(in, STORE_PASSWORD);
    }
    Certificate certificate = p12.getCertificate("eddy");
    Path certificatePem = certificates.resolve("server.crt");
    Path keyPem = certificates.resolve("server.key");
    Files.writeString(certificatePem, pem("CERTIFICATE", certificate.getEncoded()));
    Files.writeString(keyPem, pem("PRIVATE KEY", p12.getKey("eddy", STORE_PASSWORD).getEncoded()));
    tls = new TlsFiles(certificatePem, keyPem);
    trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("eddy", certificate);
  }

  @Test
  void the_api_and_the_session_cookie_are_served_over_https_only(@TempDir Path data)
      throws Exception {
    LocalUsers.forDataDir(data).put("ada", Role.EDITOR, "correct horse battery");
    try (EddyServer server = EddyServer.start(withTls(data, tls))) {
      assertThat(server.url()).isEqualTo("https://localhost:" + server.port());
      HttpClient https = HttpClient.newBuilder().sslContext(trusting(trusted)).build();

      HttpResponse<String> flows =
          https.send(
              HttpRequest.newBuilder(URI.create(server.url() + "/api/flows"))
                  .header("Authorization", "Bearer " + server.accessToken())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(flows.statusCode()).isEqualTo(200);
      HttpResponse<String> app =
          https.send(
              HttpRequest.newBuilder(URI.create(server.url() + "/")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(app.statusCode()).isEqualTo(200);

      HttpResponse<String> signIn =
          https.send(
              HttpRequest.newBuilder(URI.create(server.url() + "/api/session"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"name\": \"ada\", \"password\": \"correct horse battery\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
      assertThat(signIn.headers().firstValue("Set-Cookie").orElseThrow())
          .contains("HttpOnly", "SameSite=Strict", "; Secure");

      // the same port does not answer plain HTTP
      HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      assertThatThrownBy(
              () ->
                  plain.send(
                      HttpRequest.newBuilder(
                              URI.create("http://localhost:" + server.port() + "/api/health"))
                          .timeout(Duration.ofSeconds(10))
                          .build(),
                      HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
      // nor does it serve a client that does not trust its certificate
      assertThatThrownBy(
              () ->
                  HttpClient.newHttpClient()
                      .send(
                          HttpRequest.newBuilder(URI.create(server.url() + "/api/health")).build(),
                          HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void files_that_cannot_be_used_stop_the_start_with_a_sentence_naming_them(@TempDir Path data)
      throws Exception {
    Path notAKey = Files.writeString(data.resolve("not-a.key"), "-----BEGIN RSA PRIVATE KEY-----");
    assertThatThrownBy(
            () -> EddyServer.start(withTls(data, new TlsFiles(tls.certificate(), notAKey))))
        .hasMessageContaining(notAKey.toString())
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    Path missing = data.resolve("missing.crt");
    assertThatThrownBy(
            () -> EddyServer.start(withTls(data, new TlsFiles(missing, tls.privateKey()))))
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("cannot be read");
    Path otherCertificate =
        Files.writeString(data.resolve("other.crt"), Files.readString(tls.privateKey()));
    assertThatThrownBy(
            () -> EddyServer.start(withTls(data, new TlsFiles(otherCertificate, tls.privateKey()))))
        .hasMessageContaining(otherCertificate.toString());
  }

  private static ServerConfig withTls(Path data, TlsFiles files) {
    return SharedInfra.serverConfig(data).withSecurity(new SecurityConfig(List.of(), false, files));
  }

  private static SSLContext trusting(KeyStore certificates) throws Exception {
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(certificates);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
