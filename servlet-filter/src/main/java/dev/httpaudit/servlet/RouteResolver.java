package dev.httpaudit.servlet;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Supplies {@code http.route}, the route template a framework matched (such as
 * {@code /orders/{id}}). Called when each dispatch of the exchange returns; the first
 * non-null answer is kept, so the route of the original request wins over that of a later
 * error page.
 */
@FunctionalInterface
public interface RouteResolver {

    /** The route of {@code request}, or {@code null} when not known (yet). */
    @Nullable String resolve(HttpServletRequest request);

    /** The default: no route. */
    static RouteResolver none() {
        return request -> null;
    }

    /** The route a framework stored as a string in the request attribute {@code attributeName}. */
    static RouteResolver fromAttribute(String attributeName) {
        return request -> request.getAttribute(attributeName) instanceof String route && !route.isEmpty() ? route : null;
    }
}
