package dev.httpaudit.core;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The request side of an exchange ({@code http.request.*}).
 *
 * @param id       the correlation ID ({@code http.request.id}); may come from the client
 * @param method   the HTTP method
 * @param mimeType the media type without parameters, or {@code null}
 * @param headers  lower-case header names to their values, in arrival order
 * @param body     the body, or {@code null} when the request has none
 */
public record AuditRequest(String id, String method, @Nullable String mimeType,
                           Map<String, List<String>> headers, @Nullable Body body) {

    public AuditRequest {
        headers = Headers.copyOf(headers);
    }

    /** This request with other headers. */
    public AuditRequest withHeaders(Map<String, List<String>> newHeaders) {
        return new AuditRequest(id, method, mimeType, newHeaders, body);
    }

    /** This request with another body. */
    public AuditRequest withBody(Body newBody) {
        return new AuditRequest(id, method, mimeType, headers, newBody);
    }
}
