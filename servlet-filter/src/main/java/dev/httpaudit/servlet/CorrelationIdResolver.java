package dev.httpaudit.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Picks the correlation ID ({@code http.request.id}) of a request from what the client sent.
 * Called once, when the exchange enters the filter. Whatever it returns is validated by the
 * filter (at most 128 characters of {@code A-Z a-z 0-9 . _ : -}): {@code null} or an invalid
 * value is never used nor echoed, and a new random ID (128 bits, hex) is generated instead.
 * So is a value that redaction would change ({@code Redactor#wouldChange}: its header is
 * configured as sensitive, it holds a sensitive {@code name:value} pattern, or it reuses a
 * value masked in the request's headers or query), since the ID goes into the MDC and the
 * response header, where redaction cannot reach.
 */
@FunctionalInterface
public interface CorrelationIdResolver {

    /** A candidate ID for {@code request}, or {@code null} to have one generated. */
    @Nullable String resolve(HttpServletRequest request);

    /**
     * The default: the first of {@code headerNames} whose value is a valid ID; an invalid
     * value is skipped, so a later header can still supply one.
     */
    static CorrelationIdResolver fromHeaders(List<String> headerNames) {
        List<String> names = List.copyOf(headerNames);
        return request -> {
            for (String name : names) {
                String value = request.getHeader(name);
                if (value != null && CorrelationIds.isValid(value.trim())) {
                    return value.trim();
                }
            }
            return null;
        };
    }
}
