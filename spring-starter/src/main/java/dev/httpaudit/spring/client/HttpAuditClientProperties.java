package dev.httpaudit.spring.client;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code http-audit.client.*} properties: which outgoing calls are audited and how they
 * are linked to the request being served. The capture limit is {@code http-audit.body.max-bytes}
 * and the MDC key of the correlation ID {@code http-audit.correlation.mdc-key}, as inbound.
 */
@ConfigurationProperties(prefix = "http-audit.client")
public class HttpAuditClientProperties {

    /** Whether the calls of Boot's RestClient, RestTemplate and WebClient builders are audited. */
    private boolean enabled = true;

    /** Hosts audited, as globs (*.example.com); empty means all. */
    private List<String> includeHosts = new ArrayList<>();

    /** Hosts never audited, as globs; wins over include-hosts. */
    private List<String> excludeHosts = new ArrayList<>();

    /** Paths audited, as globs (/api/** any depth, /api/* one segment); empty means all. */
    private List<String> includePaths = new ArrayList<>();

    /** Paths never audited, as globs; wins over include-paths. */
    private List<String> excludePaths = new ArrayList<>();

    /** Header that carries the correlation ID downstream. */
    private String correlationHeader = "X-Request-ID";

    /** Whether the correlation ID is sent downstream at all. */
    private boolean propagateCorrelation = true;

    /** Whether a call gets a W3C traceparent for the current trace (when tracing is on and it has none). */
    private boolean propagateTraceparent = true;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getIncludeHosts() {
        return includeHosts;
    }

    public void setIncludeHosts(List<String> includeHosts) {
        this.includeHosts = includeHosts;
    }

    public List<String> getExcludeHosts() {
        return excludeHosts;
    }

    public void setExcludeHosts(List<String> excludeHosts) {
        this.excludeHosts = excludeHosts;
    }

    public List<String> getIncludePaths() {
        return includePaths;
    }

    public void setIncludePaths(List<String> includePaths) {
        this.includePaths = includePaths;
    }

    public List<String> getExcludePaths() {
        return excludePaths;
    }

    public void setExcludePaths(List<String> excludePaths) {
        this.excludePaths = excludePaths;
    }

    public String getCorrelationHeader() {
        return correlationHeader;
    }

    public void setCorrelationHeader(String correlationHeader) {
        this.correlationHeader = correlationHeader;
    }

    public boolean isPropagateCorrelation() {
        return propagateCorrelation;
    }

    public void setPropagateCorrelation(boolean propagateCorrelation) {
        this.propagateCorrelation = propagateCorrelation;
    }

    public boolean isPropagateTraceparent() {
        return propagateTraceparent;
    }

    public void setPropagateTraceparent(boolean propagateTraceparent) {
        this.propagateTraceparent = propagateTraceparent;
    }
}
