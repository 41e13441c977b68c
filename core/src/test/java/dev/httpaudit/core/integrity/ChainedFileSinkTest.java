package dev.httpaudit.core.integrity;

import static dev.httpaudit.core.integrity.ChainedLogs.KEYS;
import static dev.httpaudit.core.integrity.ChainedLogs.event;
import static dev.httpaudit.core.integrity.ChainedLogs.files;
import static dev.httpaudit.core.integrity.ChainedLogs.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.httpaudit.core.StrictJson;
import dev.httpaudit.core.integrity.internal.Finding;
import dev.httpaudit.core.integrity.internal.FindingKind;
import dev.httpaudit.core.integrity.internal.VerificationReport;
import dev.httpaudit.core.sink.JsonLinesAuditSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ChainedFileSinkTest {

    private static JsonLinesAuditSink sink(Path file, int every) {
        return JsonLinesAuditSink.file(file).maxHistory(1000)
                .integrity(IntegrityOptions.withKey(KEYS.getPrivate()).checkpointEvery(every)).build();
    }

    @Test
    void everyLineIsStrictJsonWithItsPositionAndHashLastAndCheckpointsSealTheChain(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.json");
        try (JsonLinesAuditSink sink = sink(file, 10)) {
            for (int i = 0; i < 25; i++) {
                sink.write(event(i));
            }
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(25 + 2 + 1); // two count checkpoints, one at close
        String chainId = null;
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            JsonNode node = StrictJson.parse(line);
            assertThat(node.path("http_audit.chain").path("seq").asLong()).isEqualTo(i);
            chainId = chainId == null ? node.path("http_audit.chain").path("id").asString() : chainId;
            assertThat(node.path("http_audit.chain").path("id").asString()).isEqualTo(chainId).hasSize(32);
            assertThat(line).matches(".*,\"event\\.hash\":\"[0-9a-f]{64}\"}$");
            if (node.has("http_audit.checkpoint")) {
                assertThat(node.path("event").path("kind").asString()).isEqualTo("state");
                assertThat(node.path("http_audit.checkpoint").path("seq").asLong()).isEqualTo(i - 1);
                reasons.add(node.path("http_audit.checkpoint").path("reason").asString());
            } else {
                assertThat(node.path("event").path("kind").asString()).isEqualTo("event");
            }
        }
        assertThat(reasons).containsExactly("count", "count", "close");
        VerificationReport report = verify(List.of(file));
        assertThat(report.findings()).isEmpty();
        assertThat(report.lines()).isEqualTo(28);
        assertThat(report.chains()).isEqualTo(1);
        assertThat(report.checkpoints()).isEqualTo(3);
    }

    @Test
    void rotationEndsEachFileWithACheckpointAndTheChainContinuesInTheNextFile(@TempDir Path dir) {
        Path file = dir.resolve("audit.json");
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.file(file).maxFileBytes(8 * 1024).maxHistory(1000)
                .integrity(IntegrityOptions.withKey(KEYS.getPrivate()).checkpointInterval(Duration.ofHours(1))).build()) {
            for (int i = 0; i < 200; i++) {
                sink.write(event(i));
            }
        }
        List<Path> files = files(dir);
        assertThat(files).hasSizeGreaterThan(3);
        for (Path f : files) {
            assertThat(f.toFile().length()).isLessThanOrEqualTo(8 * 1024);
        }
        VerificationReport report = verify(files);
        assertThat(report.findings()).isEmpty();
        assertThat(report.checkpoints()).isEqualTo(files.size()); // a rotation checkpoint per rotated file, one at close
        // any order of the files
        List<Path> shuffled = new ArrayList<>(files);
        java.util.Collections.shuffle(shuffled, new java.util.Random(7));
        assertThat(verify(shuffled).findings()).isEmpty();
    }

    @Test
    void aRestartStartsANewChainAndBothVerify(@TempDir Path dir) {
        Path file = dir.resolve("audit.json");
        for (int run = 0; run < 2; run++) {
            try (JsonLinesAuditSink sink = sink(file, 1000)) {
                for (int i = 0; i < 5; i++) {
                    sink.write(event(i));
                }
            }
        }
        VerificationReport report = verify(List.of(file));
        assertThat(report.findings()).isEmpty();
        assertThat(report.chains()).isEqualTo(2);
    }

    @Test
    void theIntervalSealsLinesWhenTrafficStops(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.json");
        JsonLinesAuditSink sink = JsonLinesAuditSink.file(file).integrity(IntegrityOptions.withKey(KEYS.getPrivate())
                .checkpointInterval(Duration.ofMillis(50))).build();
        try {
            sink.write(event(1));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (Files.readAllLines(file).size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(2);
            assertThat(StrictJson.parse(lines.get(1)).path("http_audit.checkpoint").path("reason").asString())
                    .isEqualTo("interval");
            // without a close, the sealed part verifies; what follows a verified checkpoint is nothing
            assertThat(verify(List.of(file)).findings()).extracting(Finding::kind).containsExactly(FindingKind.TRUNCATED);
        } finally {
            sink.close();
        }
        assertThat(verify(List.of(file)).findings()).isEmpty();
    }

    @Test
    void aCrashLeavesATornLineAndAnUnsealedTailDistinctFromTampering(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.json");
        try (JsonLinesAuditSink sink = sink(file, 4)) {
            for (int i = 0; i < 6; i++) {
                sink.write(event(i));
            }
        }
        byte[] all = Files.readAllBytes(file);
        // the crash: the close checkpoint never came, and the last event was half written
        String text = new String(all, StandardCharsets.UTF_8);
        int lastLine = text.lastIndexOf('\n', text.length() - 2) + 1;
        int secondLast = text.lastIndexOf('\n', lastLine - 2) + 1;
        Files.write(file, java.util.Arrays.copyOf(all, secondLast + 40));
        VerificationReport crashed = verify(List.of(file));
        assertThat(crashed.findings()).extracting(Finding::kind)
                .containsExactly(FindingKind.UNSEALED_TAIL, FindingKind.TORN_LINE);
        assertThat(crashed.findings().get(1).line()).isEqualTo(7);

        // the restart ends the torn line and starts a new chain after it
        try (JsonLinesAuditSink sink = sink(file, 4)) {
            sink.write(event(7));
        }
        VerificationReport restarted = verify(List.of(file));
        assertThat(restarted.findings()).extracting(Finding::kind)
                .containsExactly(FindingKind.UNSEALED_TAIL, FindingKind.TORN_LINE);
        assertThat(restarted.chains()).isEqualTo(2);
    }

    @Test
    void aMissingOrBadKeyFileIsRefusedNamingTheFileButNotItsContent(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.key");
        assertThatThrownBy(() -> IntegrityOptions.withKeyFile(missing))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope.key").hasMessageContaining("does not exist");
        Path pub = dir.resolve("http-audit.pub");
        Files.writeString(pub, Ed25519Pem.publicKeyPem(KEYS.getPublic()));
        assertThatThrownBy(() -> IntegrityOptions.withKeyFile(pub)).hasMessageContaining("BEGIN PRIVATE KEY");
        Path key = dir.resolve("http-audit.key");
        String pem = Ed25519Pem.privateKeyPem(KEYS.getPrivate());
        Files.writeString(key, pem);
        assertThat(IntegrityOptions.withKeyFile(key).signingKey().getEncoded()).isEqualTo(KEYS.getPrivate().getEncoded());
        Files.writeString(key, pem.replace("MC4CAQAw", "MC4CAQBw"));
        assertThatThrownBy(() -> IntegrityOptions.withKeyFile(key)).message()
                .contains("http-audit.key").doesNotContain("MC4C");
    }
}
