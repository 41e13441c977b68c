package dev.httpaudit.servlet;

import dev.httpaudit.core.TraceInfo;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What was known of an exchange when it began: its clock, identifiers, client and URL, and
 * the request line and headers. Taken once from the live request, so the event can be
 * assembled from it on any thread.
 *
 * @param start              the wall-clock start
 * @param startNanos         the monotonic start, for the duration
 * @param correlationId      the validated (or generated) correlation ID
 * @param trace              the trace the request belongs to, {@code null} when none was found
 * @param client             the client and the URL it asked for, through trusted proxies
 * @param method             the HTTP method
 * @param protocol           the protocol, for example {@code HTTP/1.1}; {@code null} when the container gave none
 * @param userAgent          the {@code User-Agent} header, {@code null} when absent
 * @param contentType        the request's content type, {@code null} when absent
 * @param contentLength      the declared length, -1 when unknown
 * @param chunked            whether a {@code Transfer-Encoding} was declared
 * @param headers            every header: lower-case names, every value, in arrival order
 * @param bodyContentAllowed whether body content may be copied at all (capture mode, limit, body-exclude paths)
 */
record ExchangeStart(Instant start, long startNanos, String correlationId, @Nullable TraceInfo trace,
                     ClientAddressResolver.Resolved client, String method, @Nullable String protocol,
                     @Nullable String userAgent, @Nullable String contentType, long contentLength, boolean chunked,
                     Map<String, List<String>> headers, boolean bodyContentAllowed) {

    /** Reads the request line and headers of {@code request} now. */
    static ExchangeStart of(HttpServletRequest request, ClientAddressResolver.Resolved client, long startNanos,
                            String correlationId, @Nullable TraceInfo trace, boolean bodyContentAllowed,
                            Map<String, List<String>> headers) {
        return new ExchangeStart(Instant.now(), startNanos, correlationId, trace, client, request.getMethod(),
                request.getProtocol(), request.getHeader("User-Agent"), request.getContentType(),
                request.getContentLengthLong(), request.getHeader("Transfer-Encoding") != null, headers,
                bodyContentAllowed);
    }
}
