package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.httpaudit.core.integrity.Ed25519Pem;
import dev.httpaudit.core.integrity.internal.ChainVerifier;
import dev.httpaudit.core.integrity.internal.LogSource;
import dev.httpaudit.core.integrity.internal.VerificationReport;
import dev.httpaudit.spring.testapp.AuditTestApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * {@code http-audit.integrity.signing-key} chains the JSON lines file of a real application
 * (real HTTP requests), so that the file verifies with the public key; a key that cannot be used
 * stops start-up with Boot's report naming the property and never showing the key.
 */
class StarterIntegrityTest {

    static {
        AuditLog.useFolder("StarterIntegrityTest");
    }

    private static final KeyPair KEYS = Ed25519Pem.generate();

    @Test
    void theSigningKeyPropertyChainsTheFileSinkAndTheFileVerifies(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("http-audit.key");
        Files.writeString(key, Ed25519Pem.privateKeyPem(KEYS.getPrivate()));
        Path file = dir.resolve("audit.json");
        String id = Http.newId();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(AuditTestApplication.class)
                .properties("server.port=0", "http-audit.sink.file.path=" + file,
                        "http-audit.integrity.signing-key=" + key, "http-audit.integrity.checkpoint-every=2")
                .run()) {
            Http http = new Http(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
            for (int i = 0; i < 3; i++) {
                http.postJson("/api/orders", id + i, "{\"item\":\"pen\"}");
            }
            JsonNode line = AuditLog.of(file).awaitRequest(id + "2");
            assertThat(line.path("http_audit.chain").path("seq").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(line.path("event.hash").asString()).hasSize(64);
        }
        VerificationReport report = ChainVerifier.withPublicKey(KEYS.getPublic()).verify(List.of(LogSource.of(file)));
        assertThat(report.findings()).isEmpty();
        assertThat(report.checkpoints()).isGreaterThanOrEqualTo(2); // one after two lines, one at close
    }

    @Test
    void aMissingKeyFileFailsStartUpNamingTheProperty(@TempDir Path dir) {
        String report = failedStartup("http-audit.sink.file.path=" + dir.resolve("audit.json"),
                "http-audit.integrity.signing-key=" + dir.resolve("missing.key"));
        assertThat(report).contains("http-audit.integrity.signing-key").contains("missing.key")
                .contains("does not exist");
    }

    @Test
    void aFileThatIsNoKeyFailsStartUpWithoutShowingItsContent(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("http-audit.key");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LXNlY3JldC1zZWNyZXQ=\n-----END PRIVATE KEY-----\n");
        String report = failedStartup("http-audit.sink.file.path=" + dir.resolve("audit.json"),
                "http-audit.integrity.signing-key=" + key);
        assertThat(report).contains("http-audit.integrity.signing-key").contains("not an Ed25519 private key")
                .doesNotContain("c2VjcmV0");
        assertThat(AuditLog.application().lines()).noneMatch(line -> line.toString().contains("c2VjcmV0"));
    }

    @Test
    void aSigningKeyWithoutTheFileSinkFailsStartUp(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("http-audit.key");
        Files.writeString(key, Ed25519Pem.privateKeyPem(KEYS.getPrivate()));
        String report = failedStartup("http-audit.integrity.signing-key=" + key);
        assertThat(report).contains("http-audit.integrity.signing-key").contains("http-audit.sink.file.path");
    }

    private static String failedStartup(String... properties) {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(AuditTestApplication.class)
                .properties("server.port=0").properties(properties).run().close());
        assertThat(failure).isNotNull();
        String report = StartupReport.of(failure);
        assertThat(report).as("Boot's start-up report").isNotNull();
        return report;
    }
}
