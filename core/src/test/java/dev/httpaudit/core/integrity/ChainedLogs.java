package dev.httpaudit.core.integrity;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.UrlInfo;
import dev.httpaudit.core.integrity.internal.ChainVerifier;
import dev.httpaudit.core.integrity.internal.LogSource;
import dev.httpaudit.core.integrity.internal.VerificationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** Test support: events, the files a sink left in a folder, and verifying them. */
public final class ChainedLogs {

    /** One key pair for all tests of a run: generating one is cheap, but tests compare keys. */
    public static final KeyPair KEYS = Ed25519Pem.generate();

    private ChainedLogs() {
    }

    /** A small event numbered n. */
    public static AuditEvent event(int n) {
        Instant now = Instant.now();
        return AuditEvent.builder()
                .timing(now, now, 1000)
                .request(new AuditRequest("req-" + n, "POST", "text/plain", null, null))
                .response(new AuditResponse(200 + n % 3, null, null, null))
                .url(new UrlInfo("/items/" + n, null, "http", "localhost", 80))
                .build();
    }

    /** The regular files of a folder, newest rotation last ({@code a.json.3, a.json.2, a.json.1, a.json}). */
    public static List<Path> files(Path dir) {
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.filter(Files::isRegularFile).sorted((a, b) -> Integer.compare(rank(b), rank(a))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int rank(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String tail = name.substring(dot + 1);
        return tail.chars().allMatch(Character::isDigit) ? Integer.parseInt(tail) : 0;
    }

    /** Verifies the files with the test key. */
    public static VerificationReport verify(List<Path> files) {
        try {
            return ChainVerifier.withPublicKey(KEYS.getPublic()).verify(files.stream().map(LogSource::of).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
