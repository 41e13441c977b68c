package dev.httpaudit.spring.live;

import dev.httpaudit.core.AuditEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which recent events to show: the filters of the endpoint and of the page, parsed once from
 * the same request parameters for both. Every filter left out matches every event.
 *
 * @param status      an exact status ({@code 404}) or a class ({@code 4xx}), as text
 * @param method      the HTTP method, any case
 * @param path        a Spring {@link PathPattern} ({@code /api/orders/**}) the URL path must match
 * @param user        the user's name, exactly
 * @param correlationId the correlation ID ({@code http.request.id}), exactly
 * @param from        the earliest start, inclusive
 * @param to          the latest start, exclusive
 * @param minDurationMillis the shortest duration, in milliseconds
 * @param limit       the most events returned, newest first
 */
record LiveQuery(@Nullable String status, @Nullable String method, @Nullable PathPattern path, @Nullable String user,
                 @Nullable String correlationId, @Nullable Instant from, @Nullable Instant to,
                 @Nullable Long minDurationMillis, int limit) {

    /** The names of the parameters, as the endpoint and the page's API take them. */
    static final String STATUS = "status", METHOD = "method", PATH = "path", USER = "user",
            CORRELATION_ID = "correlationId", FROM = "from", TO = "to", MIN_DURATION = "minDurationMs", LIMIT = "limit";

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 100_000;

    private static final PathPatternParser PATTERNS = PathPatternParser.defaultInstance;

    /**
     * The query of these parameters ({@code null} or blank where not given).
     *
     * @throws IllegalArgumentException naming the parameter, for a value that cannot be read
     */
    static LiveQuery parse(Function<String, @Nullable String> parameter) {
        String status = text(parameter.apply(STATUS));
        if (status != null) {
            status = status.toLowerCase(Locale.ROOT);
            if (!status.matches("[1-5](\\d\\d|xx)")) {
                throw new IllegalArgumentException(STATUS + " must be a status (404) or a class (4xx), was " + status);
            }
        }
        String method = text(parameter.apply(METHOD));
        String path = text(parameter.apply(PATH));
        PathPattern pattern;
        try {
            pattern = path == null ? null : PATTERNS.parse(path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PATH + " is not a path pattern: " + e.getMessage(), e);
        }
        Long minDuration = number(MIN_DURATION, parameter.apply(MIN_DURATION));
        Long limit = number(LIMIT, parameter.apply(LIMIT));
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException(LIMIT + " must be at least 1, was " + limit);
        }
        return new LiveQuery(status, method == null ? null : method.toUpperCase(Locale.ROOT), pattern,
                text(parameter.apply(USER)), text(parameter.apply(CORRELATION_ID)),
                instant(FROM, parameter.apply(FROM)), instant(TO, parameter.apply(TO)), minDuration,
                limit == null ? DEFAULT_LIMIT : (int) Math.min(limit, MAX_LIMIT));
    }

    /** Whether the event passes every filter given. */
    boolean matches(AuditEvent event) {
        if (status != null) {
            String actual = Integer.toString(event.response().statusCode());
            boolean byClass = status.endsWith("xx");
            if (byClass ? actual.charAt(0) != status.charAt(0) || actual.length() != 3 : !actual.equals(status)) {
                return false;
            }
        }
        if (method != null && !method.equals(event.request().method())) {
            return false;
        }
        if (path != null && !path.matches(PathContainer.parsePath(event.url().path()))) {
            return false;
        }
        if (user != null && (event.user() == null || !user.equals(event.user().name()))) {
            return false;
        }
        if (correlationId != null && !correlationId.equals(event.request().id())) {
            return false;
        }
        if (from != null && event.start().isBefore(from)) {
            return false;
        }
        if (to != null && !event.start().isBefore(to)) {
            return false;
        }
        return minDurationMillis == null || event.durationNanos() >= minDurationMillis * 1_000_000L;
    }

    private static @Nullable String text(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static @Nullable Long number(String name, @Nullable String value) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            long number = Long.parseLong(text);
            if (number < 0) {
                throw new IllegalArgumentException(name + " must not be negative, was " + text);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was " + text, e);
        }
    }

    private static @Nullable Instant instant(String name, @Nullable String value) {
        String text = text(value);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant (2026-12-01T14:30:00Z), was " + text, e);
        }
    }
}
