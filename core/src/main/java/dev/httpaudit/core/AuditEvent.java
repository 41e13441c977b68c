package dev.httpaudit.core;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One audited HTTP exchange: an immutable value with no servlet types in it.
 *
 * <p>Events are made with {@link #builder()}, which numbers them: {@code sequence} is
 * strictly increasing per process, and {@code id} joins a random per-process instance ID
 * to it, so a lost event leaves a visible gap. The {@code with...} methods return copies
 * that keep the number (enrichers and redaction use them).
 *
 * @param sequence      {@code event.sequence}
 * @param id            {@code event.id}, unique per event
 * @param start         when the exchange reached the filter
 * @param end           when the exchange completed
 * @param durationNanos {@code event.duration}, measured with a monotonic clock
 * @param outcome       {@code event.outcome}
 * @param httpVersion   {@code http.version} such as {@code 1.1}, or {@code null}
 * @param request       the request side
 * @param response      the response side
 * @param route         {@code http.route}, the matched route template, or {@code null}
 * @param url           {@code url.*}
 * @param user          {@code user.*}, or {@code null} for anonymous requests
 * @param client        {@code client.*}, or {@code null}
 * @param userAgent     {@code user_agent.original}, or {@code null}
 * @param trace         {@code trace.id} / {@code span.id}, or {@code null}
 * @param serviceName   {@code service.name}, or {@code null}
 * @param error         {@code error.*}, or {@code null}
 * @param labels        {@code labels.*}: extra key/value pairs, for example from enrichers
 * @param direction     {@code network.direction}: {@link NetworkDirection#INGRESS} for a request
 *                      served, {@link NetworkDirection#EGRESS} for a call made; {@code null} when
 *                      not known (an event built without it)
 */
public record AuditEvent(long sequence, String id, Instant start, Instant end, long durationNanos,
                         Outcome outcome, @Nullable String httpVersion, AuditRequest request, AuditResponse response,
                         @Nullable String route, UrlInfo url, @Nullable UserInfo user, @Nullable ClientInfo client, @Nullable String userAgent,
                         @Nullable TraceInfo trace, @Nullable String serviceName, @Nullable ErrorInfo error, Map<String, String> labels,
                         @Nullable NetworkDirection direction) {

    public AuditEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(url, "url");
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    }

    /**
     * An event without a {@code network.direction}: the record as it was before outgoing calls
     * were audited, kept so that code written against it still compiles.
     */
    public AuditEvent(long sequence, String id, Instant start, Instant end, long durationNanos,
                      Outcome outcome, @Nullable String httpVersion, AuditRequest request, AuditResponse response,
                      @Nullable String route, UrlInfo url, @Nullable UserInfo user, @Nullable ClientInfo client,
                      @Nullable String userAgent, @Nullable TraceInfo trace, @Nullable String serviceName,
                      @Nullable ErrorInfo error, Map<String, String> labels) {
        this(sequence, id, start, end, durationNanos, outcome, httpVersion, request, response, route, url, user,
                client, userAgent, trace, serviceName, error, labels, null);
    }

    /** A builder whose {@link Builder#build()} numbers the event. */
    public static Builder builder() {
        return new Builder();
    }

    /** A copy with another request. */
    public AuditEvent withRequest(AuditRequest newRequest) {
        return new AuditEvent(sequence, id, start, end, durationNanos, outcome, httpVersion, newRequest, response,
                route, url, user, client, userAgent, trace, serviceName, error, labels, direction);
    }

    /** A copy with another response. */
    public AuditEvent withResponse(AuditResponse newResponse) {
        return new AuditEvent(sequence, id, start, end, durationNanos, outcome, httpVersion, request, newResponse,
                route, url, user, client, userAgent, trace, serviceName, error, labels, direction);
    }

    /** A copy with another URL. */
    public AuditEvent withUrl(UrlInfo newUrl) {
        return new AuditEvent(sequence, id, start, end, durationNanos, outcome, httpVersion, request, response,
                route, newUrl, user, client, userAgent, trace, serviceName, error, labels, direction);
    }

    /** A copy with another user. */
    public AuditEvent withUser(UserInfo newUser) {
        return new AuditEvent(sequence, id, start, end, durationNanos, outcome, httpVersion, request, response,
                route, url, newUser, client, userAgent, trace, serviceName, error, labels, direction);
    }

    /** A copy with another error. */
    public AuditEvent withError(ErrorInfo newError) {
        return new AuditEvent(sequence, id, start, end, durationNanos, outcome, httpVersion, request, response,
                route, url, user, client, userAgent, trace, serviceName, newError, labels, direction);
    }

    /** A copy with another service name. */
    public AuditEvent withServiceName(String newServiceName) {
        return new AuditEvent(sequence, id, start, end, durationNanos, outcome, httpVersion, request, response,
                route, url, user, client, userAgent, trace, newServiceName, error, labels, direction);
    }

    /** A copy with other trace identifiers. */
    public AuditEvent withTrace(TraceInfo newTrace) {
        return new AuditEvent(sequence, id, start, end, durationNanos, outcome, httpVersion, request, response,
                route, url, user, client, userAgent, newTrace, serviceName, error, labels, direction);
    }

    /** A copy with another user agent. */
    public AuditEvent withUserAgent(String newUserAgent) {
        return new AuditEvent(sequence, id, start, end, durationNanos, outcome, httpVersion, request, response,
                route, url, user, client, newUserAgent, trace, serviceName, error, labels, direction);
    }

    /** A copy with another route. */
    public AuditEvent withRoute(String newRoute) {
        return new AuditEvent(sequence, id, start, end, durationNanos, outcome, httpVersion, request, response,
                newRoute, url, user, client, userAgent, trace, serviceName, error, labels, direction);
    }

    /** A copy with other labels. */
    public AuditEvent withLabels(Map<String, String> newLabels) {
        return new AuditEvent(sequence, id, start, end, durationNanos, outcome, httpVersion, request, response,
                route, url, user, client, userAgent, trace, serviceName, error, newLabels, direction);
    }

    /** A copy with another network direction. */
    public AuditEvent withDirection(NetworkDirection newDirection) {
        return new AuditEvent(sequence, id, start, end, durationNanos, outcome, httpVersion, request, response,
                route, url, user, client, userAgent, trace, serviceName, error, labels, newDirection);
    }

    /** A copy with one label added (or replaced). */
    public AuditEvent withLabel(String key, String value) {
        var copy = new java.util.LinkedHashMap<>(labels);
        copy.put(key, value);
        return withLabels(copy);
    }

    /** Builds events; {@link #build()} assigns {@code sequence} and {@code id}. */
    public static final class Builder {
        private Instant start;
        private Instant end;
        private long durationNanos;
        private Outcome outcome;
        private String httpVersion;
        private AuditRequest request;
        private AuditResponse response;
        private String route;
        private UrlInfo url;
        private UserInfo user;
        private ClientInfo client;
        private String userAgent;
        private TraceInfo trace;
        private String serviceName;
        private ErrorInfo error;
        private Map<String, String> labels = Map.of();
        private NetworkDirection direction;

        private Builder() {
        }

        /** When the exchange started and ended, and its monotonic duration. */
        public Builder timing(Instant start, Instant end, long durationNanos) {
            this.start = start;
            this.end = end;
            this.durationNanos = durationNanos;
            return this;
        }

        /** The outcome; when unset it is derived from the status, the error and nothing else. */
        public Builder outcome(Outcome outcome) {
            this.outcome = outcome;
            return this;
        }

        public Builder httpVersion(String httpVersion) {
            this.httpVersion = httpVersion;
            return this;
        }

        public Builder request(AuditRequest request) {
            this.request = request;
            return this;
        }

        public Builder response(AuditResponse response) {
            this.response = response;
            return this;
        }

        public Builder route(String route) {
            this.route = route;
            return this;
        }

        public Builder url(UrlInfo url) {
            this.url = url;
            return this;
        }

        public Builder user(UserInfo user) {
            this.user = user;
            return this;
        }

        public Builder client(ClientInfo client) {
            this.client = client;
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        public Builder trace(TraceInfo trace) {
            this.trace = trace;
            return this;
        }

        public Builder serviceName(String serviceName) {
            this.serviceName = serviceName;
            return this;
        }

        public Builder error(ErrorInfo error) {
            this.error = error;
            return this;
        }

        public Builder labels(Map<String, String> labels) {
            this.labels = labels;
            return this;
        }

        /** {@code network.direction}: ingress for a request served, egress for a call made. */
        public Builder direction(NetworkDirection direction) {
            this.direction = direction;
            return this;
        }

        /** Numbers the event and builds it. */
        public AuditEvent build() {
            long sequence = EventNumbering.nextSequence();
            Outcome resolved = outcome != null ? outcome
                    : Outcome.of(response == null ? 0 : response.statusCode(), error != null, false);
            return new AuditEvent(sequence, EventNumbering.idOf(sequence), start, end, durationNanos, resolved,
                    httpVersion, request, response, route, url, user, client, userAgent, trace, serviceName,
                    error, labels, direction);
        }
    }
}
