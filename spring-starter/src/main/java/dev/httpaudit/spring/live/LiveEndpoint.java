package dev.httpaudit.spring.live;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * {@code GET /actuator/httpaudit}: the buffer's recent events, newest first, as their ECS
 * documents, filtered and limited by the query parameters of {@link LiveQuery}, with the
 * buffer's usage, the delivery counters and the queue depth; {@code GET
 * /actuator/httpaudit/<event.id>} for one event. Exposed as Actuator exposes any endpoint
 * ({@code management.endpoints.web.exposure.include}); with Spring Security it answers only
 * users {@link LiveAccess} allows, wherever Actuator is mapped.
 *
 * <p>Each optional parameter carries both nullness annotations: Boot 4 reads JSpecify's, Boot
 * 3.5 only Spring's own.
 */
@WebEndpoint(id = "httpaudit")
final class LiveEndpoint {

    private final LiveView view;
    private final LiveAccess access;

    LiveEndpoint(LiveView view, LiveAccess access) {
        this.view = view;
        this.access = access;
    }

    @ReadOperation
    @SuppressWarnings({"deprecation", "removal"}) // org.springframework.lang.Nullable, which Boot 3.5 needs
    WebEndpointResponse<Map<String, Object>> events(@org.springframework.lang.Nullable @Nullable String status,
            @org.springframework.lang.Nullable @Nullable String method,
            @org.springframework.lang.Nullable @Nullable String path,
            @org.springframework.lang.Nullable @Nullable String user,
            @org.springframework.lang.Nullable @Nullable String correlationId,
            @org.springframework.lang.Nullable @Nullable String from,
            @org.springframework.lang.Nullable @Nullable String to,
            @org.springframework.lang.Nullable @Nullable String minDurationMs,
            @org.springframework.lang.Nullable @Nullable String limit) {
        LiveAccess.Decision decision = access.decide();
        if (decision != LiveAccess.Decision.ALLOWED) {
            return refused(decision);
        }
        Map<String, @Nullable String> parameters = new HashMap<>();
        parameters.put(LiveQuery.STATUS, status);
        parameters.put(LiveQuery.METHOD, method);
        parameters.put(LiveQuery.PATH, path);
        parameters.put(LiveQuery.USER, user);
        parameters.put(LiveQuery.CORRELATION_ID, correlationId);
        parameters.put(LiveQuery.FROM, from);
        parameters.put(LiveQuery.TO, to);
        parameters.put(LiveQuery.MIN_DURATION, minDurationMs);
        parameters.put(LiveQuery.LIMIT, limit);
        try {
            return new WebEndpointResponse<>(view.events(LiveQuery.parse(parameters::get)));
        } catch (IllegalArgumentException e) {
            return new WebEndpointResponse<>(Map.of("error", String.valueOf(e.getMessage())), 400);
        }
    }

    @ReadOperation
    WebEndpointResponse<Map<String, Object>> event(@Selector String eventId) {
        LiveAccess.Decision decision = access.decide();
        if (decision != LiveAccess.Decision.ALLOWED) {
            return refused(decision);
        }
        return view.document(eventId).map(WebEndpointResponse::new)
                .orElseGet(() -> new WebEndpointResponse<>(Map.of("error", "no such event in the buffer"), 404));
    }

    private static WebEndpointResponse<Map<String, Object>> refused(LiveAccess.Decision decision) {
        return new WebEndpointResponse<>(decision.body(), decision.status());
    }
}
