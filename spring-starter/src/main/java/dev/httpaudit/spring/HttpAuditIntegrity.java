package dev.httpaudit.spring;

import dev.httpaudit.core.integrity.IntegrityOptions;
import dev.httpaudit.core.sink.JsonLinesAuditSink;
import java.nio.file.Path;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;

/**
 * Applies {@code http-audit.integrity.*} to the file sink. A key that cannot be used stops
 * start-up with Boot's report naming {@code http-audit.integrity.signing-key} and the path; the
 * key's content is never in a message or a log.
 */
final class HttpAuditIntegrity {

    private static final String SIGNING_KEY = HttpAuditIntegrityProperties.PREFIX + ".signing-key";

    private HttpAuditIntegrity() {
    }

    /** Turns the chain on for the file sink when a signing key is configured. */
    static void configure(JsonLinesAuditSink.FileBuilder fileSink, Environment environment) {
        HttpAuditIntegrityProperties properties = properties(environment);
        if (properties.getSigningKey() == null || properties.getSigningKey().isBlank()) {
            return;
        }
        IntegrityOptions options;
        try {
            options = IntegrityOptions.withKeyFile(Path.of(properties.getSigningKey()));
        } catch (IllegalArgumentException e) { // an InvalidPathException too
            throw new InvalidConfigurationPropertyValueException(SIGNING_KEY, properties.getSigningKey(),
                    "cannot use the signing key: " + e.getMessage());
        }
        try {
            options = options.checkpointEvery(properties.getCheckpointEvery());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException(HttpAuditIntegrityProperties.PREFIX
                    + ".checkpoint-every", properties.getCheckpointEvery(), "must be positive");
        }
        try {
            options = options.checkpointInterval(properties.getCheckpointInterval());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidConfigurationPropertyValueException(HttpAuditIntegrityProperties.PREFIX
                    + ".checkpoint-interval", properties.getCheckpointInterval(), "must be positive");
        }
        fileSink.integrity(options);
    }

    /** A signing key without a file sink would protect nothing: say so rather than ignore it. */
    static void requireFileSink(Environment environment) {
        String key = properties(environment).getSigningKey();
        if (key != null && !key.isBlank()) {
            throw new InvalidConfigurationPropertyValueException(SIGNING_KEY, key,
                    "the chain is written in the JSON lines file: set http-audit.sink.file.path too");
        }
    }

    private static HttpAuditIntegrityProperties properties(Environment environment) {
        return Binder.get(environment).bind(HttpAuditIntegrityProperties.PREFIX, HttpAuditIntegrityProperties.class)
                .orElseGet(HttpAuditIntegrityProperties::new);
    }
}
