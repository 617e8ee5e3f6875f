package io.eddy.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenID Connect sign-in with the authorization code flow and PKCE (S256), done with Nimbus's OAuth
 * 2.0 / OpenID Connect SDK: the provider is found through its {@code
 * /.well-known/openid-configuration}; {@link #start} makes the provider's address with a fresh
 * state, nonce and code verifier, kept here for ten minutes and used once; {@link #finish} checks
 * the state, exchanges the code and validates the ID token (signature with the provider's keys,
 * issuer, audience, expiry, nonce), then maps a claim to a role. Nothing of the provider's tokens
 * is kept.
 */
public final class OidcSignIn {
  private static final Logger LOG = LoggerFactory.getLogger(OidcSignIn.class);
  static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);

  /** Bounds the sign-ins begun and not finished, which anyone can start. */
  static final int MAX_PENDING = 10_000;

  private static final int TIMEOUT_MS = 10_000;

  /** The signature algorithms accepted for ID tokens: public-key ones only. */
  private static final Set<JWSAlgorithm> PUBLIC_KEY_ALGORITHMS =
      Stream.of(JWSAlgorithm.Family.RSA, JWSAlgorithm.Family.EC, JWSAlgorithm.Family.ED)
          .flatMap(Set::stream)
          .collect(Collectors.toUnmodifiableSet());

  /** A sign-in begun at {@link #start}: what the callback must match. */
  private record Pending(Nonce nonce, CodeVerifier verifier, URI redirectUri, Instant started) {}

  /** Where to send the browser, and the state its callback must bring back. */
  public record Start(URI providerUri, String state) {}

  /** Someone the provider vouched for, with the role this server gives them. */
  public record SignedIn(String user, Role role) {}

  /** A sign-in refused: the status and one sentence for the person signing in. */
  public static final class Refused extends RuntimeException {
    private final int status;
    private final String user;

    public Refused(int status, String message) {
      this(status, message, null);
    }

    /**
     * @param user who the provider vouched for, when it did (null when the sign-in failed before)
     */
    public Refused(int status, String message, String user) {
      super(message);
      this.status = status;
      this.user = user;
    }

    public int status() {
      return status;
    }

    public String user() {
      return user;
    }
  }

  private final OidcSettings settings;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private volatile Provider provider;

  /** The provider's metadata and the ID token validator made from it. */
  private record Provider(OIDCProviderMetadata metadata, IDTokenValidator validator) {}

  public OidcSignIn(OidcSettings settings) {
    this.settings = settings;
  }

  public OidcSettings settings() {
    return settings;
  }

  /**
   * Begins a sign-in: the provider's authorization address for the browser.
   *
   * @param defaultRedirect the callback address as the browser reaches this server (used when the
   *     settings name none)
   */
  public Start start(URI defaultRedirect) {
    Provider p = provider();
    URI redirect =
        settings.redirectUri() != null ? URI.create(settings.redirectUri()) : defaultRedirect;
    State state = new State();
    Nonce nonce = new Nonce();
    CodeVerifier verifier = new CodeVerifier();
    prune();
    pending.put(state.getValue(), new Pending(nonce, verifier, redirect, Instant.now()));
    URI uri =
        new AuthenticationRequest.Builder(
                ResponseType.CODE,
                new Scope(settings.scopes().toArray(String[]::new)),
                new ClientID(settings.clientId()),
                redirect)
            .endpointURI(p.metadata().getAuthorizationEndpointURI())
            .state(state)
            .nonce(nonce)
            .codeChallenge(verifier, CodeChallengeMethod.S256)
            .build()
            .toURI();
    return new Start(uri, state.getValue());
  }

  /**
   * Finishes a sign-in from the provider's callback parameters.
   *
   * @param params the callback's query parameters (code, state, error, iss)
   * @param browserState the state this browser was given at {@link #start} (its cookie)
   * @throws Refused with a sentence, when anything does not check out
   */
  public SignedIn finish(Map<String, String> params, String browserState) {
    String state = params.get("state");
    Pending begun = state == null ? null : pending.remove(state);
    if (begun == null || begun.started().plus(PENDING_LIFETIME).isBefore(Instant.now())) {
      throw new Refused(
          400, "This sign-in is unknown, expired or was already used; start the sign-in again.");
    }
    if (!state.equals(browserState)) {
      throw new Refused(
          400,
          "This sign-in was not started in this browser; start the sign-in again from Eddy's"
              + " sign-in page.");
    }
    Provider p = provider();
    String iss = params.get("iss");
    if (iss != null && !iss.equals(p.metadata().getIssuer().getValue())) {
      throw new Refused(
          400, "The answer came from another provider (" + iss + "); start the sign-in again.");
    }
    if (params.get("error") != null) {
      String description = params.get("error_description");
      throw new Refused(
          401,
          settings.name()
              + " did not sign you in: "
              + (description != null && !description.isBlank()
                  ? description
                  : params.get("error")));
    }
    String code = params.get("code");
    if (code == null || code.isBlank()) {
      throw new Refused(400, "The provider's answer has no authorization code.");
    }
    JWT idToken = exchange(p, new AuthorizationCode(code), begun);
    Map<String, Object> claims;
    try {
      claims = p.validator().validate(idToken, begun.nonce()).toJSONObject();
    } catch (BadJOSEException | JOSEException e) {
      throw new Refused(
          401, "The identity token from " + settings.name() + " is not valid: " + e.getMessage());
    }
    String user = settings.userName(claims);
    Role role =
        settings
            .roleFor(claims)
            .orElseThrow(
                () ->
                    new Refused(
                        403,
                        user
                            + " signed in at "
                            + settings.name()
                            + " but has no role in this Eddy (the claim `"
                            + settings.roleClaim()
                            + "` names none of its roles); ask an admin of this Eddy.",
                        user));
    LOG.info("{} signed in with {} as {}", user, settings.name(), role.id());
    return new SignedIn(user, role);
  }

  private JWT exchange(Provider p, AuthorizationCode code, Pending begun) {
    URI tokenEndpoint = p.metadata().getTokenEndpointURI();
    AuthorizationCodeGrant grant =
        new AuthorizationCodeGrant(code, begun.redirectUri(), begun.verifier());
    ClientID client = new ClientID(settings.clientId());
    TokenRequest request;
    if (settings.clientSecret() == null) {
      request = new TokenRequest(tokenEndpoint, client, grant);
    } else {
      Secret secret = new Secret(settings.clientSecret());
      List<ClientAuthenticationMethod> methods = p.metadata().getTokenEndpointAuthMethods();
      boolean postOnly =
          methods != null
              && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
              && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST);
      request =
          new TokenRequest(
              tokenEndpoint,
              postOnly
                  ? new ClientSecretPost(client, secret)
                  : new ClientSecretBasic(client, secret),
              grant);
    }
    TokenResponse response;
    try {
      HTTPRequest http = request.toHTTPRequest();
      http.setConnectTimeout(TIMEOUT_MS);
      http.setReadTimeout(TIMEOUT_MS);
      response = OIDCTokenResponseParser.parse(http.send());
    } catch (IOException e) {
      throw new Refused(
          502, settings.name() + " cannot be reached to finish the sign-in: " + e.getMessage());
    } catch (ParseException e) {
      throw new Refused(
          502, settings.name() + " gave an answer that is not a token response: " + e.getMessage());
    }
    if (!response.indicatesSuccess()) {
      ErrorObject error = response.toErrorResponse().getErrorObject();
      throw new Refused(
          401,
          settings.name()
              + " refused the sign-in code: "
              + (error.getDescription() != null ? error.getDescription() : error.getCode()));
    }
    if (!(response.toSuccessResponse() instanceof OIDCTokenResponse tokens)
        || tokens.getOIDCTokens().getIDToken() == null) {
      throw new Refused(502, settings.name() + " gave no identity token.");
    }
    return tokens.getOIDCTokens().getIDToken();
  }

  /**
   * The provider, discovered on first use (and again after a failure), so that a server starts
   * while its provider is down.
   */
  private Provider provider() {
    Provider p = provider;
    if (p != null) {
      return p;
    }
    synchronized (this) {
      if (provider == null) {
        provider = discover();
      }
      return provider;
    }
  }

  private Provider discover() {
    OIDCProviderMetadata metadata;
    try {
      metadata =
          OIDCProviderMetadata.resolve(new Issuer(settings.issuer()), TIMEOUT_MS, TIMEOUT_MS);
    } catch (GeneralException | IOException e) {
      throw new Refused(
          502,
          settings.name()
              + " cannot be reached at "
              + settings.issuer()
              + " (its /.well-known/openid-configuration): "
              + e.getMessage());
    }
    Set<JWSAlgorithm> algorithms =
        metadata.getIDTokenJWSAlgs() == null
            ? Set.of(JWSAlgorithm.RS256)
            : metadata.getIDTokenJWSAlgs().stream()
                .filter(PUBLIC_KEY_ALGORITHMS::contains)
                .collect(Collectors.toSet());
    if (algorithms.isEmpty()) {
      throw new Refused(
          502,
          settings.name()
              + " signs ID tokens only with "
              + metadata.getIDTokenJWSAlgs()
              + "; Eddy accepts public-key signatures (RS256, ES256, ...).");
    }
    try {
      JWKSourceBuilder<SecurityContext> keys =
          JWKSourceBuilder.create(metadata.getJWKSetURI().toURL());
      IDTokenValidator validator =
          new IDTokenValidator(
              metadata.getIssuer(),
              new ClientID(settings.clientId()),
              new JWSVerificationKeySelector<>(algorithms, keys.build()),
              null);
      return new Provider(metadata, validator);
    } catch (IOException | IllegalArgumentException e) {
      throw new Refused(
          502, settings.name() + " names no usable key set (jwks_uri): " + e.getMessage());
    }
  }

  /** Drops expired sign-ins, and the oldest ones beyond {@link #MAX_PENDING}. */
  private void prune() {
    Instant oldest = Instant.now().minus(PENDING_LIFETIME);
    pending.values().removeIf(p -> p.started().isBefore(oldest));
    if (pending.size() >= MAX_PENDING) {
      pending.entrySet().stream()
          .sorted(Comparator.comparing(e -> e.getValue().started()))
          .limit(pending.size() - MAX_PENDING + 1L)
          .map(Map.Entry::getKey)
          .toList()
          .forEach(pending::remove);
    }
  }
}
