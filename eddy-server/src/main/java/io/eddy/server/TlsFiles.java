package io.eddy.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The server's own TLS (docs/security.md): its certificate chain and private key as PEM files, the
 * form certificate authorities such as Let's Encrypt hand out. They are read at start, and a file
 * that cannot be used stops the start with a sentence naming it.
 *
 * @param certificate PEM file with the server's certificate first, then the intermediate ones
 * @param privateKey PEM file with the certificate's private key, unencrypted PKCS #8 ({@code BEGIN
 *     PRIVATE KEY})
 */
public record TlsFiles(Path certificate, Path privateKey) {
  private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String KEY_END = "-----END PRIVATE KEY-----";

  /**
   * An HTTPS connector on {@code host:port} of {@code server}, serving {@link #keyStore()}'s key.
   */
  static ServerConnector connector(Server server, KeyStore keys, String host, int port) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(keys);
    ssl.setKeyStorePassword("");
    HttpConfiguration https = new HttpConfiguration();
    https.setSendServerVersion(false);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    // The Host check (AllowedHosts) decides which names are served; the certificate's names are
    // the browser's to check.
    secure.setSniHostCheck(false);
    https.addCustomizer(secure);
    ServerConnector connector =
        new ServerConnector(
            server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }

  /** The certificate chain and key as an in-memory key store, or a sentence naming the bad file. */
  KeyStore keyStore() {
    List<? extends Certificate> chain = chain();
    PrivateKey key = key();
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("eddy", key, new char[0], chain.toArray(Certificate[]::new));
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(
          "The private key in "
              + privateKey
              + " does not go with the certificate in "
              + certificate
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private List<? extends Certificate> chain() {
    try {
      List<? extends Certificate> chain =
          List.copyOf(
              CertificateFactory.getInstance("X.509")
                  .generateCertificates(new ByteArrayInputStream(read(certificate))));
      if (chain.isEmpty()) {
        throw new IllegalStateException(
            "The TLS certificate file " + certificate + " holds no certificate (PEM expected).");
      }
      return chain;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "The TLS certificate file "
              + certificate
              + " is not a PEM certificate chain: "
              + e.getMessage(),
          e);
    }
  }

  private PrivateKey key() {
    String pem = new String(read(privateKey), StandardCharsets.US_ASCII);
    int begin = pem.indexOf(KEY_BEGIN);
    int end = pem.indexOf(KEY_END);
    if (begin < 0 || end < begin) {
      throw new IllegalStateException(
          "The TLS key file "
              + privateKey
              + " holds no unencrypted PKCS #8 key ("
              + KEY_BEGIN
              + "); convert one with: openssl pkcs8 -topk8 -nocrypt -in KEY -out "
              + privateKey.getFileName());
    }
    byte[] der =
        Base64.getMimeDecoder().decode(pem.substring(begin + KEY_BEGIN.length(), end).strip());
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
        // try the next kind of key
      }
    }
    throw new IllegalStateException(
        "The TLS key file " + privateKey + " holds no RSA, EC or Ed25519 private key.");
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalStateException("The TLS file " + file + " cannot be read: " + e, e);
    }
  }
}
