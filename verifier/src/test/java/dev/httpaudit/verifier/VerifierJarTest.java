package dev.httpaudit.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.UrlInfo;
import dev.httpaudit.core.integrity.IntegrityOptions;
import dev.httpaudit.core.sink.JsonLinesAuditSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built {@code http-audit-verify.jar} run as its own process (as a user runs it) with
 * nothing else on its class path, on files the real sink wrote with a key the jar generated.
 */
class VerifierJarTest {

    private static final Path JAR = Path.of(System.getProperty("verifier.jar", "target/http-audit-verify.jar"));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;
    private static Path keys;
    private static List<Path> logFiles;

    private record Result(int exit, List<String> out, String err) {
    }

    @BeforeAll
    static void keygenAndWriteARotatedLog() throws Exception {
        keys = dir.resolve("keys");
        Result keygen = jar("keygen", keys.toString());
        assertThat(keygen.exit()).as(keygen.err()).isZero();
        Path log = Files.createDirectory(dir.resolve("log")).resolve("audit.json");
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.file(log).maxFileBytes(16 * 1024).maxHistory(100)
                .integrity(IntegrityOptions.withKeyFile(keys.resolve("http-audit.key")).checkpointEvery(50)).build()) {
            for (int i = 0; i < 300; i++) {
                sink.write(event(i));
            }
        }
        try (Stream<Path> listing = Files.list(log.getParent())) {
            logFiles = listing.sorted().toList();
        }
        assertThat(logFiles).hasSizeGreaterThan(2);
    }

    @Test
    void keygenWritesAPrivateKeyOnlyItsOwnerCanReadAndAPublicKey() throws Exception {
        Path key = keys.resolve("http-audit.key");
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(keys.resolve("http-audit.pub"))).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        Result again = jar("keygen", keys.toString());
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("exists already");
    }

    @Test
    void anUntouchedRotatedLogVerifiesWithExitZeroAndASummary() throws Exception {
        Result result = verify(false, logFiles);
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).hasSize(1);
        assertThat(result.out().get(0)).startsWith("verified: ").contains(" 1 chains, ").endsWith(" 0 findings");
    }

    @Test
    void anEditedLineIsReportedAsModifiedAtItsLineWithExitOne(@TempDir Path copy) throws Exception {
        List<Path> files = copyOf(copy);
        Path live = files.stream().filter(f -> f.getFileName().toString().equals("audit.json")).findFirst().orElseThrow();
        List<String> lines = new ArrayList<>(Files.readAllLines(live));
        lines.set(2, lines.get(2).replace("\"method\":\"POST\"", "\"method\":\"GET\""));
        Files.write(live, lines, StandardCharsets.UTF_8);

        Result text = verify(false, files);
        assertThat(text.exit()).isEqualTo(1);
        assertThat(text.out()).first().isEqualTo(live + ":3: modified: its hash does not match its content and the "
                + "line before it");
        assertThat(text.out().get(text.out().size() - 1)).startsWith("NOT verified: ").endsWith(" 1 findings");

        Result json = verify(true, files);
        assertThat(json.exit()).isEqualTo(1);
        JsonNode finding = JSON.readTree(json.out().get(0));
        assertThat(finding.path("file").asString()).isEqualTo(live.toString());
        assertThat(finding.path("line").asLong()).isEqualTo(3);
        assertThat(finding.path("kind").asString()).isEqualTo("modified");
        JsonNode summary = JSON.readTree(json.out().get(1)).path("summary");
        assertThat(summary.path("verified").asBoolean()).isFalse();
        assertThat(summary.path("findings").asInt()).isEqualTo(1);
    }

    @Test
    void aDeletedRotatedFileAndAnotherKeyAreFound(@TempDir Path copy) throws Exception {
        List<Path> files = new ArrayList<>(copyOf(copy));
        Path dropped = files.stream().filter(f -> f.getFileName().toString().equals("audit.json.2")).findFirst()
                .orElseThrow();
        files.remove(dropped);
        Result result = verify(false, files);
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).anyMatch(line -> line.matches(".*audit\\.json\\.1:1: deleted: .*"));

        Path otherKeys = copy.resolve("other");
        assertThat(jar("keygen", otherKeys.toString()).exit()).isZero();
        Result otherKey = jar(command(false, otherKeys.resolve("http-audit.pub"), logFiles));
        assertThat(otherKey.exit()).isEqualTo(1);
        assertThat(otherKey.out()).anyMatch(line -> line.contains(": bad-signature: "));
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        assertThat(jar().exit()).isEqualTo(2);
        assertThat(jar("verify", logFiles.get(0).toString()).exit()).isEqualTo(2);
        Result noFile = jar("verify", "--public-key", keys.resolve("http-audit.pub").toString(), dir.resolve("nope").toString());
        assertThat(noFile.exit()).isEqualTo(2);
        assertThat(noFile.err()).contains("nope");
        Result privateAsPublic = jar("verify", "--public-key", keys.resolve("http-audit.key").toString(),
                logFiles.get(0).toString());
        assertThat(privateAsPublic.exit()).isEqualTo(2);
        assertThat(privateAsPublic.err()).doesNotContain("MC4C"); // never the key's content
    }

    private static List<Path> copyOf(Path target) throws IOException {
        List<Path> copies = new ArrayList<>();
        for (Path f : logFiles) {
            copies.add(Files.copy(f, target.resolve(f.getFileName())));
        }
        return copies;
    }

    private static Result verify(boolean json, List<Path> files) throws Exception {
        return jar(command(json, keys.resolve("http-audit.pub"), files));
    }

    private static String[] command(boolean json, Path publicKey, List<Path> files) {
        List<String> args = new ArrayList<>(List.of("verify", "--public-key", publicKey.toString()));
        if (json) {
            args.add("--json");
        }
        files.forEach(f -> args.add(f.toString()));
        return args.toArray(String[]::new);
    }

    private static Result jar(String... args) throws Exception {
        assertThat(JAR).as("the verifier jar (built by package)").isRegularFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the verifier finished").isTrue();
        return new Result(process.exitValue(), Files.readAllLines(out), Files.readString(err));
    }

    private static AuditEvent event(int n) {
        Instant now = Instant.now();
        return AuditEvent.builder()
                .timing(now, now, 1000)
                .request(new AuditRequest("req-" + n, "POST", "text/plain", null, null))
                .response(new AuditResponse(200, null, null, null))
                .url(new UrlInfo("/items/" + n, null, "http", "localhost", 80))
                .build();
    }
}
