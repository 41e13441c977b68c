package dev.httpaudit.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request's attributes for an enricher's {@code ExchangeContext}, read while the request
 * is live: every attribute the application and the frameworks set, without the filter's own
 * exchange state (not API, and it would keep the exchange reachable from the event).
 */
final class ExchangeAttributes {

    private ExchangeAttributes() {
    }

    /** The attributes of {@code request} now, in the container's order. */
    static Map<String, Object> of(HttpServletRequest request) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        Enumeration<String> names = request.getAttributeNames();
        if (names == null) {
            return attributes;
        }
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            if (name == null || name.equals(Exchange.ATTRIBUTE)) {
                continue;
            }
            Object value = request.getAttribute(name);
            if (value != null) {
                attributes.put(name, value);
            }
        }
        return attributes;
    }
}
