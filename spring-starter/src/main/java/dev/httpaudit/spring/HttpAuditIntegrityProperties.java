package dev.httpaudit.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code http-audit.integrity.*}: the tamper-evident trail of the JSON lines file
 * ({@code http-audit.sink.file.path}). See docs/integrity.md.
 */
@ConfigurationProperties(prefix = HttpAuditIntegrityProperties.PREFIX)
public class HttpAuditIntegrityProperties {

    /** The properties' prefix. */
    public static final String PREFIX = "http-audit.integrity";

    /**
     * An Ed25519 private key file (PKCS#8 PEM, as {@code http-audit-verify.jar keygen} writes it):
     * chains every line of the JSON lines file and signs checkpoints with it. Unset: no chain.
     */
    private String signingKey;

    /** A signed checkpoint after at most this many lines. */
    // literals, not IntegrityOptions' constants, so that the configuration processor states them
    private int checkpointEvery = 10000;

    /** A signed checkpoint at most this long after the first line it seals. */
    private Duration checkpointInterval = Duration.ofSeconds(2);

    public String getSigningKey() {
        return signingKey;
    }

    public void setSigningKey(String signingKey) {
        this.signingKey = signingKey;
    }

    public int getCheckpointEvery() {
        return checkpointEvery;
    }

    public void setCheckpointEvery(int checkpointEvery) {
        this.checkpointEvery = checkpointEvery;
    }

    public Duration getCheckpointInterval() {
        return checkpointInterval;
    }

    public void setCheckpointInterval(Duration checkpointInterval) {
        this.checkpointInterval = checkpointInterval;
    }

    /** Never shows the key's path's content (only the path is held here anyway). */
    @Override
    public String toString() {
        return "HttpAuditIntegrityProperties[signingKey=" + signingKey + ", checkpointEvery=" + checkpointEvery
                + ", checkpointInterval=" + checkpointInterval + "]";
    }
}
