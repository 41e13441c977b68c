package dev.httpaudit.spring.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The {@code http-audit.kafka.*} properties: setting {@code bootstrap-servers} adds the Kafka
 * sink beside the others. They validate themselves at start-up, like {@code http-audit.*}.
 */
@ConfigurationProperties(prefix = "http-audit.kafka")
public class HttpAuditKafkaProperties implements Validator {

    /** The prefix of every property. */
    public static final String PREFIX = "http-audit.kafka.";

    /** Kafka brokers to bootstrap from (host:port,...); setting it adds the Kafka sink. */
    private @Nullable String bootstrapServers;

    /** Topic the events are sent to. */
    private String topic = "http-audit";

    /** Key of every record: one per instance keeps its events in order on one partition (default pid@host). */
    private @Nullable String key;

    /** How long start-up waits for the topic's metadata; events before it is known are dropped and counted. */
    private Duration startupWait = Duration.ofSeconds(2);

    /** How long shutdown waits for the broker to acknowledge what was sent. */
    private Duration closeTimeout = Duration.ofSeconds(10);

    /** Kafka producer settings passed through (security.protocol, sasl.*, ssl.*, buffer.memory, ...). */
    private Map<String, String> properties = new LinkedHashMap<>();

    public @Nullable String getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(@Nullable String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public @Nullable String getKey() {
        return key;
    }

    public void setKey(@Nullable String key) {
        this.key = key;
    }

    public Duration getStartupWait() {
        return startupWait;
    }

    public void setStartupWait(Duration startupWait) {
        this.startupWait = startupWait;
    }

    public Duration getCloseTimeout() {
        return closeTimeout;
    }

    public void setCloseTimeout(Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
    }

    public Map<String, String> getProperties() {
        return properties;
    }

    public void setProperties(Map<String, String> properties) {
        this.properties = properties;
    }

    @Override
    public boolean supports(Class<?> type) {
        return HttpAuditKafkaProperties.class.isAssignableFrom(type);
    }

    /** Checks every value; errors are on the kebab-case names, so Boot's report names the line to fix. */
    @Override
    public void validate(Object target, Errors errors) {
        HttpAuditKafkaProperties p = (HttpAuditKafkaProperties) target;
        if (p.bootstrapServers != null && p.bootstrapServers.isBlank()) {
            reject(errors, "bootstrap-servers", "must name at least one host:port (leave it unset for no Kafka sink)");
        }
        if (p.topic == null || p.topic.isBlank()) {
            reject(errors, "topic", "must not be empty");
        }
        if (p.key != null && p.key.isEmpty()) {
            reject(errors, "key", "must not be empty (leave it unset for pid@host)");
        }
        if (p.startupWait == null || p.startupWait.isNegative()) {
            reject(errors, "startup-wait", "must not be negative, was " + p.startupWait);
        }
        if (p.closeTimeout == null || p.closeTimeout.isNegative()) {
            reject(errors, "close-timeout", "must not be negative, was " + p.closeTimeout);
        }
    }

    /** On the kebab-case name as written in application.properties, as {@code HttpAuditProperties} does. */
    private static void reject(Errors errors, String property, String reason) {
        errors.rejectValue(property, "invalid", reason);
    }
}
