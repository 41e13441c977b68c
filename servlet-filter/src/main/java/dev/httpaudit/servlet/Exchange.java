package dev.httpaudit.servlet;

import dev.httpaudit.core.TraceInfo;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One audited exchange, kept in a request attribute so that the ASYNC and ERROR dispatches
 * belonging to it find it, re-wrap with the same captures, and the event is emitted exactly
 * once, at the real end of the exchange. It holds what was known at the start
 * ({@link ExchangeStart}) and its parts, each with one concern:
 * <ul>
 *   <li>{@link DispatchLifecycle}: entering and leaving dispatches, and the one end ({@link ExchangeState});</li>
 *   <li>{@link RequestBodyTap} and {@link ResponseBodyTap}: the bodies as the application reads and writes them;</li>
 *   <li>{@link ExchangeOutcome}: exceptions, client aborts, timeouts and {@code sendError};</li>
 *   <li>{@link CorrelationMdc}: the correlation ID in the MDC;</li>
 *   <li>{@link ExchangeAsyncListener} (made by the lifecycle): the end of an async cycle.</li>
 * </ul>
 * {@link EventAssembler} reads them to build the event.
 */
final class Exchange {

    /** Request attribute holding the exchange. */
    static final String ATTRIBUTE = Exchange.class.getName();

    private final Auditor auditor;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final ExchangeStart start;
    private final ExchangeOutcome outcome;
    private final CorrelationMdc mdc;
    private final RequestBodyTap requestBody;
    private final ResponseBodyTap responseBody;
    private final DispatchLifecycle lifecycle;

    Exchange(Auditor auditor, HttpServletRequest request, HttpServletResponse response, long startNanos,
             String correlationId, @Nullable TraceInfo trace, boolean bodyContentAllowed,
             Map<String, List<String>> requestHeaders) {
        this.auditor = auditor;
        this.request = request;
        this.response = response;
        this.start = ExchangeStart.of(request, auditor.clients().resolve(request), startNanos, correlationId, trace,
                bodyContentAllowed, requestHeaders);
        this.outcome = new ExchangeOutcome(response, auditor);
        this.mdc = new CorrelationMdc(auditor.config().mdcKey(), correlationId, auditor.hasEnrichers());
        String mime = ContentTypes.mimeType(start.contentType());
        BodyCapture requestCapture = new BodyCapture(
                bodyContentAllowed && auditor.contentTypes().isTextual(mime) ? auditor.config().bodyMaxBytes() : 0);
        this.requestBody = new RequestBodyTap(requestCapture, outcome, mdc);
        this.responseBody = new ResponseBodyTap(response, auditor, bodyContentAllowed, outcome, mdc);
        this.lifecycle = new DispatchLifecycle(this);
    }

    /** The exchange of {@code request}, or {@code null}. */
    static @Nullable Exchange of(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Exchange exchange ? exchange : null;
    }

    Auditor auditor() {
        return auditor;
    }

    /** The request as the container handed it to the first dispatch (read again when the event is assembled). */
    HttpServletRequest request() {
        return request;
    }

    /** The response as the container handed it to the first dispatch. */
    HttpServletResponse response() {
        return response;
    }

    ExchangeStart start() {
        return start;
    }

    DispatchLifecycle lifecycle() {
        return lifecycle;
    }

    RequestBodyTap requestBody() {
        return requestBody;
    }

    ResponseBodyTap responseBody() {
        return responseBody;
    }

    ExchangeOutcome outcome() {
        return outcome;
    }

    CorrelationMdc mdc() {
        return mdc;
    }

    /**
     * The event was assembled for good: the captures' arrays go back to the current thread's
     * spares. Called only where nothing writes to the bodies any more (the exchange is over:
     * its last dispatch returned, or the container completed its async cycle).
     */
    void releaseCaptures() {
        requestBody.captured().release();
        BodyCapture response = responseBody.captureIfAny();
        if (response != null) {
            response.release();
        }
    }

    /** Echoes the correlation ID in the configured response header, unless the response is committed. */
    void writeCorrelationHeader(HttpServletResponse target) {
        String header = auditor.config().correlationResponseHeader();
        if (header != null && !target.isCommitted()) {
            auditor.safely(() -> target.setHeader(header, start.correlationId()));
        }
    }
}
