package io.eddy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.model.Flow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 (1) and (5) on a real export: a flow whose name, description and transform constant hold
 * {@code ${HOME}}, with a SASL password reference and a multi-line truststore PEM.
 */
class SecretPlacesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String PEM =
      "-----BEGIN CERTIFICATE-----\n"
          + "MIIBszCCAVmgAwIBAgIUQ1secretLineOneAAAAAAAAAAAAAAAAAAAAAAAAAAA\n"
          + "c2VjcmV0TGluZVR3byc7IERST1AgVEFCTEUgeDsgLS0gJ30pOyBBTkQg\n"
          + "-----END CERTIFICATE-----\n";

  static Flow hostileFlow() throws Exception {
    ObjectNode doc =
        (ObjectNode)
            JSON.readTree(
                Files.readString(Path.of("..", "examples", "orders-without-personal-data.json")));
    doc.put("name", "${HOME} flow").put("description", "Made in ${HOME}");
    ObjectNode source = (ObjectNode) doc.at("/nodes/0/config/kafka");
    source
        .putObject("security")
        .put("protocol", "SASL_SSL")
        .put("mechanism", "PLAIN")
        .put("username", "${HOME}")
        .put("password", "${KAFKA_PASSWORD}")
        .put("truststorePem", PEM);
    ((ObjectNode) doc.at("/nodes/1/config/properties/0"))
        .put("name", "home")
        .put("expression", "'${HOME}'");
    return FlowDocuments.read(doc.toString());
  }

  @Test
  void onlyTheFlowsCredentialsAreResolvedAndAMultiLinePemStaysInItsLiteral() throws Exception {
    String script =
        FlinkClusterClient.export(hostileFlow(), FlinkClusterClient.DeployOptions.defaults())
            .script();
    // Every reference the header lists is one Eddy put in a place the resolver knows.
    Set<String> listed = new LinkedHashSet<>();
    Matcher m = Pattern.compile("(?m)^--   \\$\\{([A-Z0-9_]+)}:").matcher(script);
    while (m.find()) {
      listed.add(m.group(1));
    }
    assertThat(listed).containsExactly("KAFKA_PASSWORD", "ORDERS_KAFKA_TRUSTSTORE");
    assertThat(SqlScript.references(script)).isEqualTo(listed);

    Secrets secrets =
        Secrets.ofMap(
            Map.of(
                "HOME", "/root",
                "KAFKA_PASSWORD", "pw\"'x",
                "ORDERS_KAFKA_TRUSTSTORE", PEM));
    String resolved = SqlScript.resolve(script, secrets);

    assertThat(resolved).doesNotContain("/root");
    assertThat(resolved)
        .contains("SET 'pipeline.name' = '${HOME} flow';")
        .contains("'${HOME}'")
        .contains("username=\"${HOME}\"")
        .contains("password=\"pw\\\"''x\"")
        .contains("'properties.ssl.truststore.certificates' = '" + PEM + "'");
    // The same statements, the same header: a value never leaves its literal.
    List<String> before = SqlScript.statements(script);
    List<String> after = SqlScript.statements(resolved);
    assertThat(after).hasSameSizeAs(before);
    for (int i = 0; i < before.size(); i++) {
      assertThat(after.get(i).lines().count())
          .as("statement %d", i + 1)
          .isEqualTo(
              before.get(i).lines().count()
                  + (after.get(i).contains(PEM) ? PEM.lines().count() : 0));
    }
    assertThat(header(resolved)).isEqualTo(header(script));
  }

  @Test
  void masksEveryLineOfAMultiLineSecret() {
    Secrets secrets = Secrets.ofMap(Map.of("T", PEM, "P", "pw\"x"));
    String line = PEM.lines().toList().get(2);
    String message =
        "Encountered \"" + line + "\" at line 12; JAAS password=\"pw\\\"x\"; whole " + PEM;
    String masked = Secrets.mask(message, Set.of("T", "P"), secrets);
    for (String part : PEM.lines().toList()) {
      assertThat(masked).doesNotContain(part);
    }
    assertThat(masked).doesNotContain("pw").contains("******");
  }

  private static String header(String script) {
    return script.lines().takeWhile(l -> l.startsWith("--")).reduce("", (a, b) -> a + b + "\n");
  }
}
