package dev.httpaudit.spring.otel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The {@code http-audit.opentelemetry.*} properties: whether audit events also go to the
 * application's OpenTelemetry SDK as log records, and the names those records carry. They
 * validate themselves at start-up, so a blank name stops the application with a message
 * naming the property.
 */
@ConfigurationProperties(prefix = "http-audit.opentelemetry")
public class HttpAuditOpenTelemetryProperties implements Validator {

    /**
     * Whether audit events are also emitted as OpenTelemetry log records (needs an
     * OpenTelemetry bean and http-audit-opentelemetry on the class path); added to the other sinks.
     */
    private boolean enabled = false;

    /** The event name of the log records. */
    private String eventName = "dev.httpaudit.exchange";

    /** The instrumentation scope name of the logger the records are emitted with. */
    private String scopeName = "dev.httpaudit";

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getEventName() {
        return eventName;
    }

    public void setEventName(String eventName) {
        this.eventName = eventName;
    }

    public String getScopeName() {
        return scopeName;
    }

    public void setScopeName(String scopeName) {
        this.scopeName = scopeName;
    }

    @Override
    public boolean supports(Class<?> type) {
        return HttpAuditOpenTelemetryProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        HttpAuditOpenTelemetryProperties properties = (HttpAuditOpenTelemetryProperties) target;
        if (properties.getEventName() == null || properties.getEventName().isBlank()) {
            errors.rejectValue("eventName", "blank", "must not be blank");
        }
        if (properties.getScopeName() == null || properties.getScopeName().isBlank()) {
            errors.rejectValue("scopeName", "blank", "must not be blank");
        }
    }
}
