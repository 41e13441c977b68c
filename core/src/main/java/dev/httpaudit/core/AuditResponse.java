package dev.httpaudit.core;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The response side of an exchange ({@code http.response.*}).
 *
 * @param statusCode the status sent, or 0 when none was (the client went away first)
 * @param mimeType   the media type without parameters, or {@code null}
 * @param headers    lower-case header names to their values
 * @param body       the body, or {@code null} when the response has none
 */
public record AuditResponse(int statusCode, @Nullable String mimeType, Map<String, List<String>> headers, @Nullable Body body) {

    public AuditResponse {
        headers = Headers.copyOf(headers);
    }

    /** This response with other headers. */
    public AuditResponse withHeaders(Map<String, List<String>> newHeaders) {
        return new AuditResponse(statusCode, mimeType, newHeaders, body);
    }

    /** This response with another body. */
    public AuditResponse withBody(Body newBody) {
        return new AuditResponse(statusCode, mimeType, headers, newBody);
    }
}
