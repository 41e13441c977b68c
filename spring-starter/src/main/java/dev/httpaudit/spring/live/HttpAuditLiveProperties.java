package dev.httpaudit.spring.live;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The {@code http-audit.live.*} properties: the live view of recent exchanges (a bounded
 * buffer, the {@code httpaudit} Actuator endpoint and the page), off unless
 * {@code http-audit.live.enabled=true}. They validate themselves at start-up, like
 * {@code http-audit.*}.
 */
@ConfigurationProperties(prefix = "http-audit.live")
public class HttpAuditLiveProperties implements Validator {

    /** The prefix of every property. */
    public static final String PREFIX = "http-audit.live.";

    /** Whether the live view (buffer, endpoint, page) is on. */
    private boolean enabled = false;

    /** Path of the page (and of its data under {@code <path>/api}). */
    private String path = "/http-audit";

    /** Most events the buffer keeps; the oldest go first. */
    private int maxEvents = 1000;

    /** Most bytes of event JSON the buffer keeps; the oldest go first. */
    private DataSize maxBytes = DataSize.ofMegabytes(10);

    /** Role a user needs for the page and the endpoint when Spring Security is present. */
    private String role = "ADMIN";

    /** Whether the page and the endpoint answer anonymous requests (with Spring Security present). */
    private boolean allowAnonymous = false;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public int getMaxEvents() {
        return maxEvents;
    }

    public void setMaxEvents(int maxEvents) {
        this.maxEvents = maxEvents;
    }

    public DataSize getMaxBytes() {
        return maxBytes;
    }

    public void setMaxBytes(DataSize maxBytes) {
        this.maxBytes = maxBytes;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public boolean isAllowAnonymous() {
        return allowAnonymous;
    }

    public void setAllowAnonymous(boolean allowAnonymous) {
        this.allowAnonymous = allowAnonymous;
    }

    @Override
    public boolean supports(Class<?> type) {
        return HttpAuditLiveProperties.class.isAssignableFrom(type);
    }

    /** Checks every value; errors are on the kebab-case names, so Boot's report names the line to fix. */
    @Override
    public void validate(Object target, Errors errors) {
        HttpAuditLiveProperties p = (HttpAuditLiveProperties) target;
        if (p.path == null || !p.path.matches("/[A-Za-z0-9._~/-]*[A-Za-z0-9._~-]")) {
            errors.rejectValue("path", "invalid", "must start with / and not end with /, was " + p.path);
        }
        if (p.maxEvents < 1) {
            errors.rejectValue("max-events", "invalid", "must be at least 1, was " + p.maxEvents);
        }
        if (p.maxBytes == null || p.maxBytes.toBytes() < 1) {
            errors.rejectValue("max-bytes", "invalid", "must be at least 1B, was " + p.maxBytes);
        }
        if (p.role == null || p.role.isBlank() || p.role.startsWith("ROLE_")) {
            errors.rejectValue("role", "invalid", "must name a role without the ROLE_ prefix, was " + p.role);
        }
    }
}
