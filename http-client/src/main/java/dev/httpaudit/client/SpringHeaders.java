package dev.httpaudit.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;

/**
 * What the Spring integrations ({@code RestClient}/{@code RestTemplate} interceptor and
 * {@code WebClient} filter) do alike with Spring's {@link HttpHeaders}: add the linking
 * headers to a call, and copy headers into the event. Only loaded where Spring is present.
 */
final class SpringHeaders {

    private SpringHeaders() {
    }

    /** Adds the correlation header and {@code traceparent} the call carries, unless the request has them already. */
    static void link(OutgoingCall call, HttpHeaders headers) {
        String header = call.correlationHeader();
        if (header != null && headers.getFirst(header) == null) {
            headers.set(header, call.correlationId());
        }
        String traceparent = call.traceparent();
        if (traceparent != null && headers.getFirst("traceparent") == null) {
            headers.set("traceparent", traceparent);
        }
    }

    /** A copy of {@code headers} as the event records them. */
    static Map<String, List<String>> copy(HttpHeaders headers) {
        // forEach: HttpHeaders is a Map on Spring 6 and not on Spring 7; both have this method
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return copy;
    }
}
